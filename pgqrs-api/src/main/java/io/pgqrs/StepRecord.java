package io.pgqrs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The recorded state of one named step of a run: a row of {@code pgqrs_workflow_steps}. A step that reached
 * {@code SUCCESS} keeps its output, so it is not run again when the run is redelivered.
 *
 * @param id database-assigned id
 * @param runId the run
 * @param stepName unique within the run
 * @param status {@code RUNNING}, {@code SUCCESS} or {@code ERROR}
 * @param output the result once {@code SUCCESS}, else null
 * @param error the last failure, or null
 * @param createdAt when the step was first acquired
 * @param updatedAt its last change
 * @param startedAt when the current attempt started
 * @param completedAt when it ended for good, or null
 * @param retryCount retries scheduled so far
 * @param retryAt when a scheduled retry may run, or null when none is scheduled
 */
public record StepRecord(long id, long runId, String stepName, RunStatus status, JsonNode output, JsonNode error,
                         Instant createdAt, Instant updatedAt, Instant startedAt, Instant completedAt, int retryCount,
                         Instant retryAt) {
}
