package io.pgqrs;

import java.time.Instant;

/**
 * A queue row (SPEC §1.2).
 *
 * @param id database-assigned id
 * @param name the unique queue name
 * @param createdAt when it was created
 */
public record QueueRecord(long id, String name, Instant createdAt) {
}
