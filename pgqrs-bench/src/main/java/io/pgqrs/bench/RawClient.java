package io.pgqrs.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ceiling: the drain's work written straight against JDBC with the statements a careful hand-coder would use
 * (the same O(batch) claim, one archive or delete statement per batch), no library code, one connection per client.
 * SQLite writers share one lock, as in the library, since SQLite has a single writer. The bench's backlog is all of the
 * default priority and without groups, so the hand-coded claim reads that one priority level of the claim index
 * ({@code queue_id, priority DESC, vt, id}) and checks no group: the least a claim can do on this schema.
 */
final class RawClient implements DrainClient {
    private static final String COLUMNS = "id, queue_id, payload, vt, enqueued_at, read_ct, dequeued_at, producer_worker_id, "
            + "consumer_worker_id, archived_at";
    private static final String SQLITE_CLAIM = "UPDATE pgqrs_messages SET vt = ?, read_ct = read_ct + 1, "
            + "dequeued_at = COALESCE(dequeued_at, ?), consumer_worker_id = ? WHERE id IN (SELECT id FROM pgqrs_messages "
            + "WHERE queue_id = ? AND priority = 0 AND archived_at IS NULL AND vt <= ? AND read_ct < ? ORDER BY vt, id LIMIT ?) "
            + "RETURNING " + COLUMNS;
    private static final String POSTGRES_CLAIM = "UPDATE pgqrs_messages SET vt = now() + interval '30 seconds', "
            + "read_ct = read_ct + 1, dequeued_at = COALESCE(dequeued_at, now()), consumer_worker_id = ? WHERE id IN "
            + "(SELECT id FROM pgqrs_messages WHERE queue_id = ? AND priority = 0 AND archived_at IS NULL AND vt <= now() "
            + "AND read_ct < ? "
            + "ORDER BY vt, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS;
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final Connection connection;
    private final boolean sqlite;
    private final ReentrantLock writeLock;
    private final long queueId;
    private final long workerId;
    private final boolean delete;

    RawClient(String jdbcUrl, boolean sqlite, ReentrantLock writeLock, long queueId, long workerId, Acknowledgement ack)
            throws SQLException {
        this.delete = ack == Acknowledgement.DELETE;
        this.connection = DriverManager.getConnection(jdbcUrl);
        this.sqlite = sqlite;
        this.writeLock = writeLock;
        this.queueId = queueId;
        this.workerId = workerId;
        if (sqlite) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA foreign_keys=ON");
            }
        }
    }

    @Override
    public List<Long> claim(int batch) throws SQLException {
        return sqlite ? locked(() -> claimSqlite(batch)) : claimPostgres(batch);
    }

    private List<Long> claimSqlite(int batch) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement ps = connection.prepareStatement(SQLITE_CLAIM)) {
            ps.setString(1, TEXT_TIME.format(now.plusSeconds(30)));
            ps.setString(2, TEXT_TIME.format(now));
            ps.setLong(3, workerId);
            ps.setLong(4, queueId);
            ps.setString(5, TEXT_TIME.format(now));
            ps.setInt(6, 5);
            ps.setInt(7, batch);
            return readIds(ps);
        }
    }

    private List<Long> claimPostgres(int batch) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(POSTGRES_CLAIM)) {
            ps.setLong(1, workerId);
            ps.setLong(2, queueId);
            ps.setInt(3, 5);
            ps.setInt(4, batch);
            return readIds(ps);
        }
    }

    /** Reads every returned column, as a user of the rows would. */
    private static List<Long> readIds(PreparedStatement ps) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                for (int c = 2; c <= 10; c++) {
                    rs.getObject(c);
                }
            }
        }
        Collections.sort(ids);
        return ids;
    }

    @Override
    public void acknowledge(List<Long> ids) throws SQLException {
        if (sqlite) {
            locked(() -> {
                String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
                try (PreparedStatement ps = connection.prepareStatement(delete
                        ? "DELETE FROM pgqrs_messages WHERE id IN (" + marks + ") AND consumer_worker_id = ?"
                        : "UPDATE pgqrs_messages SET archived_at = ? WHERE id IN (" + marks + ") AND consumer_worker_id = ? "
                                + "AND archived_at IS NULL")) {
                    int p = 1;
                    if (!delete) {
                        ps.setString(p++, TEXT_TIME.format(LocalDateTime.now(ZoneOffset.UTC)));
                    }
                    for (long id : ids) {
                        ps.setLong(p++, id);
                    }
                    ps.setLong(p, workerId);
                    return ps.executeUpdate();
                }
            });
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(delete
                ? "DELETE FROM pgqrs_messages WHERE id = ANY(?) AND consumer_worker_id = ?"
                : "UPDATE pgqrs_messages SET archived_at = now() WHERE id = ANY(?) AND consumer_worker_id = ? "
                        + "AND archived_at IS NULL")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.setLong(2, workerId);
            ps.executeUpdate();
        }
    }

    /** Both statements in one transaction, under the SQLite writer lock for the whole of it. */
    @Override
    public List<Long> archiveAndClaim(List<Long> ids, int batch) throws SQLException {
        return sqlite ? locked(() -> inTransaction(() -> {
            acknowledge(ids);
            return claimSqlite(batch);
        })) : inTransaction(() -> {
            acknowledge(ids);
            return claimPostgres(batch);
        });
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T locked(SqlWork<T> work) throws SQLException {
        writeLock.lock();
        try {
            return work.run();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
