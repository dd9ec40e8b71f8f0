package io.pgqrs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One execution of a workflow: a row of {@code pgqrs_workflow_runs}, identified by the message that triggered it.
 *
 * @param id database-assigned id
 * @param workflowId its definition
 * @param messageId the trigger message, one run per message
 * @param status where it stands
 * @param input the trigger's input, or null
 * @param output the result once {@code SUCCESS}, else null
 * @param error the failure once {@code ERROR}, the pause reason while {@code PAUSED}, else null
 * @param createdAt when the run was first seen
 * @param updatedAt its last change
 * @param startedAt when it first started, or null
 * @param pausedAt when it last paused, or null
 * @param completedAt when it ended, or null
 */
public record RunRecord(long id, long workflowId, long messageId, RunStatus status, JsonNode input, JsonNode output,
                        JsonNode error, Instant createdAt, Instant updatedAt, Instant startedAt, Instant pausedAt,
                        Instant completedAt) {
}
