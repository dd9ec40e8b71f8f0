package io.pgqrs.jdbi.internal;

import io.pgqrs.Message;
import io.pgqrs.MessageFailure;
import io.pgqrs.MessageState;
import io.pgqrs.jdbi.SqlDialect;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Statements on {@code pgqrs_messages}. Dialect attributes: {@code <now>} (binds {@code :at}),
 * {@code <nowPlusDelay>} ({@code :delaySeconds}), {@code <leaseEnd>} ({@code :leaseSeconds}),
 * {@code <vtPlusSeconds>} ({@code :seconds}), {@code <json>}, {@code <claimLock>}.
 *
 * <p>The per-message hot path (insert, claim, archive, delete, extend, release) is the String constants below, run
 * through JDBI's fluent API by {@link JdbiPorts}: a SQL-object call re-initialises its configuration on every call,
 * which measured as the largest part of the library's overhead (SQLite drain at C=1: 0.59 → 0.78 of the raw-driver
 * ceiling at B=1, 0.48 → 0.71 at B=50 once claim and archive moved). Rarer statements stay SQL-object methods.
 */
public interface MessageDao {
    String COLUMNS = "id, queue_id, payload, vt, enqueued_at, read_ct, dequeued_at, producer_worker_id, consumer_worker_id, "
            + "archived_at, headers, priority, group_key";

    /** The properties of {@link io.pgqrs.spi.NewMessage} bound for each row of the multi-row insert. */
    List<String> ROW_PROPERTIES = List.of("payload", "headers", "priority", "groupKey");

    /**
     * @param dialect the dialect
     * @return the insert of {@code <rows>} (a {@code payload} and a {@code headers} text, a priority and a group key
     *         each) with one enqueue time
     */
    static String insert(SqlDialect dialect) {
        return "INSERT INTO pgqrs_messages (queue_id, payload, headers, priority, group_key, vt, enqueued_at, read_ct, "
                + "producer_worker_id) SELECT :queueId, CAST(v.column1 AS <json>), CAST(v.column2 AS <json>), "
                + "CAST(v.column3 AS <bigint>), CAST(v.column4 AS <text>), <nowPlusDelay>, <now>, 0, :producerId "
                + "FROM " + dialect.valuesTable("<rows>", ROW_PROPERTIES.size()) + " RETURNING " + COLUMNS;
    }

    /** The properties of {@link io.pgqrs.spi.NewMessage} bound for each row of the insert with idempotency keys. */
    List<String> KEYED_ROW_PROPERTIES = List.of("payload", "headers", "idempotencyKey", "idempotencyWindowSeconds",
            "priority", "groupKey");

    /** What the statements on keyed rows return: the message and its key. */
    String KEYED_COLUMNS = COLUMNS + ", idempotency_key";

    /**
     * @param dialect the dialect
     * @return the insert of {@code <rows>} with their idempotency keys, skipping keys the queue holds
     */
    static String insertKeyed(SqlDialect dialect) {
        return "INSERT INTO pgqrs_messages (queue_id, payload, headers, idempotency_key, idempotency_window_s, priority, "
                + "group_key, vt, enqueued_at, read_ct, producer_worker_id) "
                + "SELECT :queueId, CAST(v.column1 AS <json>), CAST(v.column2 AS <json>), CAST(v.column3 AS <text>), "
                + "CAST(v.column4 AS <bigint>), CAST(v.column5 AS <bigint>), CAST(v.column6 AS <text>), <nowPlusDelay>, "
                + "<now>, 0, :producerId "
                + "FROM " + dialect.valuesTable("<rows>", KEYED_ROW_PROPERTIES.size()) + " WHERE 1 = 1 "
                + dialect.onIdempotencyKeyConflict() + " RETURNING " + KEYED_COLUMNS;
    }

    /**
     * @param dialect the dialect
     * @return the update that frees the keys of {@code <keys>} held by archived rows whose window has passed
     */
    static String freeExpiredKeys(SqlDialect dialect) {
        return "UPDATE pgqrs_messages SET idempotency_key = NULL WHERE queue_id = :queueId AND idempotency_key IN (<keys>) "
                + "AND archived_at IS NOT NULL AND "
                + dialect.plusSeconds("archived_at", "COALESCE(idempotency_window_s, 0)") + " <= <now>";
    }

    /** The rows of {@code :queueId} holding the keys {@code <keys>}. */
    String HOLDERS_OF_KEYS = "SELECT " + KEYED_COLUMNS + " FROM pgqrs_messages "
            + "WHERE queue_id = :queueId AND idempotency_key IN (<keys>)";

    /**
     * @param state which messages
     * @return a page of {@code :queueId} below {@code :beforeId} in that state, highest id first, at most {@code :limit}
     *         (binds {@code :at} and {@code :maxReadCt})
     */
    static String page(MessageState state) {
        String filter = switch (state) {
            case PENDING -> StatsDao.PENDING;
            case LOCKED -> StatsDao.LOCKED;
            case ARCHIVED -> StatsDao.ARCHIVED;
            case DEAD -> StatsDao.DEAD;
        };
        return "SELECT " + COLUMNS + " FROM pgqrs_messages m WHERE m.queue_id = :queueId AND m.id < :beforeId AND "
                + filter + " ORDER BY m.id DESC LIMIT :limit";
    }

    /** Deletes those of {@code <ids>} held by {@code :consumerId}. */
    String DELETE = "DELETE FROM pgqrs_messages WHERE id IN (<ids>) AND consumer_worker_id = :consumerId RETURNING id";

    @SqlUpdate("UPDATE pgqrs_messages SET vt = <now>, consumer_worker_id = NULL "
            + "WHERE consumer_worker_id = :workerId AND archived_at IS NULL")
    long releaseWorkerMessages(long workerId, Instant at);

    @SqlUpdate("UPDATE pgqrs_messages SET vt = <now> WHERE id = :id AND consumer_worker_id IS NULL "
            + "AND archived_at IS NULL AND vt > <now>")
    int wakeMessage(long id, Instant at);

    @SqlQuery("SELECT " + COLUMNS + " FROM pgqrs_messages WHERE id = :id")
    Optional<Message> getMessage(long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM pgqrs_messages WHERE queue_id = :queueId AND archived_at IS NULL "
            + "ORDER BY enqueued_at DESC, id DESC LIMIT :limit")
    List<Message> listLiveMessages(long queueId, int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM pgqrs_messages WHERE queue_id = :queueId AND archived_at IS NOT NULL "
            + "AND read_ct >= :minReadCt ORDER BY archived_at DESC, id DESC")
    List<Message> listArchivedMessages(long queueId, int minReadCt);

    @SqlQuery("SELECT " + COLUMNS + " FROM pgqrs_messages WHERE consumer_worker_id = :workerId ORDER BY id")
    List<Message> listWorkerMessages(long workerId);

    @SqlQuery("SELECT COUNT(*) FROM pgqrs_messages WHERE consumer_worker_id = :workerId AND archived_at IS NULL")
    long countWorkerMessages(long workerId);

    @SqlUpdate("DELETE FROM pgqrs_messages WHERE queue_id = :queueId")
    long deleteQueueMessages(long queueId);

    @SqlQuery("SELECT COUNT(*) FROM pgqrs_messages WHERE queue_id = :queueId")
    long countQueueMessages(long queueId);

    @SqlUpdate("INSERT INTO pgqrs_message_failures (message_id, attempt, error, failed_at) "
            + "VALUES (:messageId, :attempt, :error, <now>)")
    void insertFailure(long messageId, int attempt, String error, Instant at);

    @SqlQuery("SELECT message_id, attempt, error, failed_at FROM pgqrs_message_failures WHERE message_id = :messageId ORDER BY id")
    List<MessageFailure> listFailures(long messageId);

    @SqlQuery("SELECT f.message_id, f.attempt, f.error, f.failed_at FROM pgqrs_message_failures f "
            + "WHERE f.message_id IN (<messageIds>) AND f.id = (SELECT MAX(g.id) FROM pgqrs_message_failures g "
            + "WHERE g.message_id = f.message_id)")
    List<MessageFailure> lastFailures(@BindList("messageIds") Collection<Long> messageIds);

    @SqlQuery("SELECT COUNT(*) FROM pgqrs_messages WHERE producer_worker_id = :workerId OR consumer_worker_id = :workerId")
    long countWorkerReferences(long workerId);
}
