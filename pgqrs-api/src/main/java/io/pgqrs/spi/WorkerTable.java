package io.pgqrs.spi;

import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Storage steps on {@code pgqrs_workers}. "now" is {@code at} or, when null, the store's clock. */
public interface WorkerTable {

    /**
     * @param queueId the queue, or null for an admin worker
     * @param name a worker name
     * @param at the time, or null
     * @return the new {@code ready} row, or empty when the name exists already (the insert must not fail)
     */
    Optional<WorkerRecord> insert(Long queueId, String name, Instant at);

    /**
     * Re-registers a {@code stopped} worker: {@code ready}, new queue, {@code started_at = heartbeat_at = now},
     * no {@code shutdown_at}. One conditional update.
     *
     * @param name the worker name
     * @param queueId its new queue, or null
     * @param at the time, or null
     * @return the updated row, or empty when no stopped worker has that name
     */
    Optional<WorkerRecord> reactivate(String name, Long queueId, Instant at);

    /**
     * Looks a worker up by name.
     *
     * @param name a worker name
     * @return the worker, if any
     */
    Optional<WorkerRecord> findByName(String name);

    /**
     * Looks a worker up by id.
     *
     * @param id a worker id
     * @return the worker, if any
     */
    Optional<WorkerRecord> get(long id);

    /**
     * Lists workers, of one queue or all.
     *
     * @param queueId a queue, or null for all workers
     * @return workers, latest {@code started_at} first, ties by the higher id first
     */
    List<WorkerRecord> list(Long queueId);

    /**
     * Changes the status in one conditional update ({@code WHERE id = ? AND status IN from}); when
     * {@code to} is {@code STOPPED} also sets {@code shutdown_at = now}.
     *
     * @param id the worker
     * @param from states the change is allowed from
     * @param to the new state
     * @param at the time, or null
     * @return whether the row changed
     */
    boolean transition(long id, Set<WorkerStatus> from, WorkerStatus to, Instant at);

    /**
     * Sets {@code heartbeat_at = now}: the worker is alive.
     *
     * @param id the worker
     * @param at the time, or null
     * @return whether the worker exists
     */
    boolean heartbeat(long id, Instant at);

    /**
     * @param queueId a queue
     * @param statuses states that count
     * @param olderThanSeconds heartbeat age
     * @param at the time, or null
     * @return workers of the queue in those states whose {@code heartbeat_at < now - olderThanSeconds}, oldest heartbeat first, ties by the lower id first
     */
    List<WorkerRecord> listStale(long queueId, Set<WorkerStatus> statuses, long olderThanSeconds, Instant at);

    /**
     * Deletes stopped workers whose heartbeat is older than the age and that no message references as producer
     * or consumer, archived messages included.
     *
     * @param olderThanSeconds heartbeat age
     * @param at the time, or null
     * @return how many were deleted
     */
    long deleteStopped(long olderThanSeconds, Instant at);

    /**
     * Deletes a worker row; the caller checked that no message references it.
     *
     * @param id the worker
     * @return whether a row was deleted
     */
    boolean delete(long id);

    /**
     * Deletes the workers bound to a queue, as purging the queue does.
     *
     * @param queueId the queue
     * @return how many workers bound to it were deleted
     */
    long deleteByQueue(long queueId);

    /**
     * Counts the workers bound to a queue; a queue with workers may not be deleted.
     *
     * @param queueId the queue
     * @return how many workers are bound to it
     */
    long countByQueue(long queueId);
}
