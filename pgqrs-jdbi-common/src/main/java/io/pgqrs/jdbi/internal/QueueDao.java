package io.pgqrs.jdbi.internal;

import io.pgqrs.QueueRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Statements on {@code pgqrs_queues}. Dialect attributes: {@code <insertIgnore>}, {@code <onConflictIgnore>},
 * {@code <now>} (binds {@code :at}).
 */
public interface QueueDao {
    String COLUMNS = "id, queue_name, created_at";

    @SqlQuery("<insertIgnore> INTO pgqrs_queues (queue_name, created_at) VALUES (:name, <now>) <onConflictIgnore> RETURNING "
            + COLUMNS)
    Optional<QueueRecord> insertQueue(String name, Instant at);

    @SqlQuery("SELECT " + COLUMNS + " FROM pgqrs_queues WHERE queue_name = :name")
    Optional<QueueRecord> getQueueByName(String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM pgqrs_queues WHERE id = :id")
    Optional<QueueRecord> getQueueById(long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM pgqrs_queues ORDER BY created_at DESC, id DESC")
    List<QueueRecord> listQueues();

    @SqlUpdate("DELETE FROM pgqrs_queues WHERE id = :id")
    int deleteQueue(long id);
}
