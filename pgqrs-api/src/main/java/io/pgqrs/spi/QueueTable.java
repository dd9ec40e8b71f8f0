package io.pgqrs.spi;

import io.pgqrs.QueueRecord;
import java.util.List;
import java.util.Optional;

/** Storage steps on {@code pgqrs_queues}. */
public interface QueueTable {

    /**
     * @param name the queue name, already validated
     * @return the new row, or empty when the name exists already (the insert must not fail)
     */
    Optional<QueueRecord> insert(String name);

    /** @param name a queue name @return the queue, if any */
    Optional<QueueRecord> findByName(String name);

    /** @param id a queue id @return the queue, if any */
    Optional<QueueRecord> findById(long id);

    /** @return every queue, newest first */
    List<QueueRecord> list();

    /** @param id a queue id @return whether a row was deleted */
    boolean delete(long id);
}
