package io.pgqrs.spi;

import io.pgqrs.QueueRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage steps on {@code pgqrs_queues}. */
public interface QueueTable {

    /**
     * Creates a queue with {@code created_at = now}.
     *
     * @param name the queue name, already validated
     * @param at the time, or null for the store's clock
     * @return the new row, or empty when the name exists already (the insert must not fail, and must not abort
     *         the caller's transaction)
     */
    Optional<QueueRecord> insert(String name, Instant at);

    /**
     * Looks a queue up by name.
     *
     * @param name a queue name
     * @return the queue, if any
     */
    Optional<QueueRecord> findByName(String name);

    /**
     * Looks a queue up by id.
     *
     * @param id a queue id
     * @return the queue, if any
     */
    Optional<QueueRecord> findById(long id);

    /** @return every queue, newest {@code created_at} first, ties by the higher id first */
    List<QueueRecord> list();

    /**
     * Deletes a queue row; the caller checked before that no message or worker references it.
     *
     * @param id a queue id
     * @return whether a row was deleted
     */
    boolean delete(long id);
}
