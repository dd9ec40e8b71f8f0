package io.pgqrs;

import java.time.Instant;

/**
 * A worker row of {@code pgqrs_workers}: a registered producer, consumer or admin.
 *
 * @param id database-assigned id
 * @param name unique worker name
 * @param queueId the queue it is bound to, or null for an admin worker
 * @param startedAt when it (last) registered
 * @param heartbeatAt its last heartbeat
 * @param shutdownAt when it stopped, or null
 * @param status its state
 */
public record WorkerRecord(long id, String name, Long queueId, Instant startedAt, Instant heartbeatAt,
                           Instant shutdownAt, WorkerStatus status) {
}
