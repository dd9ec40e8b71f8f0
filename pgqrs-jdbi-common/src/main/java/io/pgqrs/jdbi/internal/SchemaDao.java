package io.pgqrs.jdbi.internal;

import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Consistency checks of {@code verify()} (messages whose queue or worker row is missing). */
public interface SchemaDao {

    @SqlQuery("SELECT COUNT(*) FROM pgqrs_messages m WHERE NOT EXISTS (SELECT 1 FROM pgqrs_queues q WHERE q.id = m.queue_id)")
    long countMessagesWithoutQueue();

    @SqlQuery("SELECT COUNT(*) FROM pgqrs_messages m WHERE "
            + "(m.producer_worker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pgqrs_workers w WHERE w.id = m.producer_worker_id)) "
            + "OR (m.consumer_worker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pgqrs_workers w WHERE w.id = m.consumer_worker_id))")
    long countMessagesWithoutWorker();
}
