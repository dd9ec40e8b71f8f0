package io.pgqrs.jdbi.internal;

import io.pgqrs.Message;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
    String COLUMNS = "id, queue_id, payload, vt, enqueued_at, read_ct, dequeued_at, producer_worker_id, consumer_worker_id, archived_at";

    /** One row of the multi-row insert. @param text compact JSON */
    record PayloadRow(String text) {
    }

    /** Inserts {@code <rows>} (one {@code :text} each) with one enqueue time. */
    String INSERT = "INSERT INTO pgqrs_messages (queue_id, payload, vt, enqueued_at, read_ct, producer_worker_id) "
            + "SELECT :queueId, CAST(v.column1 AS <json>), <nowPlusDelay>, <now>, 0, :producerId "
            + "FROM (VALUES <rows>) AS v RETURNING " + COLUMNS;

    /** The claim of SPEC D-1/D-14: an index range scan over (queue_id, vt, id), no sort, at most :limit rows. */
    String CLAIM = "UPDATE pgqrs_messages SET vt = <leaseEnd>, read_ct = read_ct + 1, "
            + "dequeued_at = COALESCE(dequeued_at, <now>), consumer_worker_id = :consumerId "
            + "WHERE id IN (SELECT id FROM pgqrs_messages "
            + "WHERE queue_id = :queueId AND archived_at IS NULL AND vt <= <now> AND read_ct < :maxReadCt "
            + "AND EXISTS (SELECT 1 FROM pgqrs_workers w WHERE w.id = :consumerId AND w.status IN ('ready', 'polling')) "
            + "ORDER BY vt, id LIMIT :limit <claimLock>) RETURNING " + COLUMNS;

    /** Archives the live messages of {@code <ids>} held by {@code :consumerId}. */
    String ARCHIVE = "UPDATE pgqrs_messages SET archived_at = <now> "
            + "WHERE id IN (<ids>) AND consumer_worker_id = :consumerId AND archived_at IS NULL RETURNING id";

    /** Deletes those of {@code <ids>} held by {@code :consumerId}. */
    String DELETE = "DELETE FROM pgqrs_messages WHERE id IN (<ids>) AND consumer_worker_id = :consumerId RETURNING id";

    /** Moves vt forward by {@code :seconds} for live messages of {@code <ids>} held by {@code :consumerId}. */
    String EXTEND = "UPDATE pgqrs_messages SET vt = <vtPlusSeconds> "
            + "WHERE id IN (<ids>) AND consumer_worker_id = :consumerId AND archived_at IS NULL RETURNING id";

    /** Releases live messages of {@code <ids>} held by {@code :consumerId}, visible after {@code :delaySeconds}. */
    String RELEASE = "UPDATE pgqrs_messages SET vt = <nowPlusDelay>, consumer_worker_id = NULL "
            + "WHERE id IN (<ids>) AND consumer_worker_id = :consumerId AND archived_at IS NULL RETURNING id";

    @SqlUpdate("UPDATE pgqrs_messages SET vt = <now>, consumer_worker_id = NULL "
            + "WHERE consumer_worker_id = :workerId AND archived_at IS NULL")
    long releaseWorkerMessages(long workerId, Instant at);

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

    @SqlQuery("UPDATE pgqrs_messages SET archived_at = <now> WHERE archived_at IS NULL AND read_ct >= :maxReadCt RETURNING id")
    List<Long> archiveDeadLetters(int maxReadCt, Instant at);

    @SqlQuery("UPDATE pgqrs_messages SET archived_at = NULL, read_ct = 0, vt = <now>, enqueued_at = <now>, "
            + "consumer_worker_id = NULL, dequeued_at = NULL WHERE id = :id AND archived_at IS NOT NULL RETURNING " + COLUMNS)
    Optional<Message> replayMessage(long id, Instant at);

    @SqlUpdate("DELETE FROM pgqrs_messages WHERE queue_id = :queueId")
    long deleteQueueMessages(long queueId);

    @SqlQuery("SELECT COUNT(*) FROM pgqrs_messages WHERE queue_id = :queueId")
    long countQueueMessages(long queueId);

    @SqlQuery("SELECT COUNT(*) FROM pgqrs_messages WHERE producer_worker_id = :workerId OR consumer_worker_id = :workerId")
    long countWorkerReferences(long workerId);
}
