package io.pgqrs.jdbi.internal;

import io.pgqrs.QueueMetrics;
import io.pgqrs.SystemStats;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Counting statements. A live message is "locked" while it has a holder and its lease holds ({@code vt} in the future), and "pending" otherwise. */
public interface StatsDao {
    String LOCKED = "m.archived_at IS NULL AND m.consumer_worker_id IS NOT NULL AND m.vt > <now>";
    // m.id IS NOT NULL: the outer join gives a queue without messages one row of nulls, which is not a message.
    /** Live and not under a lease; the alias is {@code m}. */
    String PENDING = "m.id IS NOT NULL AND m.archived_at IS NULL AND NOT (m.consumer_worker_id IS NOT NULL AND m.vt > <now>)";

    String ARCHIVED = "m.archived_at IS NOT NULL";
    String DEAD = "m.archived_at IS NOT NULL AND m.read_ct >= :maxReadCt";

    @SqlQuery("SELECT q.queue_name AS name, COUNT(m.id) AS total_messages, "
            + "COUNT(CASE WHEN " + PENDING + " THEN 1 END) AS pending_messages, "
            + "COUNT(CASE WHEN " + LOCKED + " THEN 1 END) AS locked_messages, "
            + "COUNT(m.archived_at) AS archived_messages, "
            + "MIN(CASE WHEN " + PENDING + " THEN m.enqueued_at END) AS oldest_pending_message, "
            + "MAX(m.enqueued_at) AS newest_message, "
            + "COUNT(CASE WHEN " + DEAD + " THEN 1 END) AS dead_messages "
            + "FROM pgqrs_queues q LEFT JOIN pgqrs_messages m ON m.queue_id = q.id "
            + "WHERE CAST(:queueId AS <bigint>) IS NULL OR q.id = :queueId "
            + "GROUP BY q.id, q.queue_name ORDER BY q.queue_name")
    List<QueueMetrics> queueMetrics(Long queueId, int maxReadCt, Instant at);

    @SqlQuery("SELECT (SELECT COUNT(*) FROM pgqrs_queues) AS total_queues, "
            + "(SELECT COUNT(*) FROM pgqrs_workers) AS total_workers, "
            + "(SELECT COUNT(*) FROM pgqrs_workers WHERE status = 'ready') AS active_workers, "
            + "(SELECT COUNT(*) FROM pgqrs_messages m WHERE m.archived_at IS NULL) AS total_messages, "
            + "(SELECT COUNT(*) FROM pgqrs_messages m WHERE " + PENDING + ") AS pending_messages, "
            + "(SELECT COUNT(*) FROM pgqrs_messages m WHERE " + LOCKED + ") AS locked_messages, "
            + "(SELECT COUNT(*) FROM pgqrs_messages m WHERE m.archived_at IS NOT NULL) AS archived_messages")
    SystemStats systemStats(Instant at);
}
