package io.pgqrs;

import java.time.Instant;

/**
 * A queue row of {@code pgqrs_queues}.
 *
 * @param id database-assigned id
 * @param name the unique queue name
 * @param createdAt when it was created
 */
public record QueueRecord(long id, String name, Instant createdAt) {
}
