package io.pgqrs;

import java.time.Instant;

/**
 * A workflow definition: one row of {@code pgqrs_workflows}. Its runs are triggered as messages on its queue.
 *
 * @param id database-assigned id
 * @param name unique name
 * @param queueId the queue its trigger messages go to
 * @param createdAt when it was defined
 */
public record WorkflowRecord(long id, String name, long queueId, Instant createdAt) {
}
