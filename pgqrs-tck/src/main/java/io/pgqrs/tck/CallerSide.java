package io.pgqrs.tck;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pgqrs.PgqrsException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's side in the caller-transaction tests: its connections (plain or pooled) and its own business
 * table {@code tck_orders}, created in the store's database.
 */
final class CallerSide implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final CallerDatabase database;
    private HikariDataSource pool;

    CallerSide(CallerDatabase database) throws SQLException {
        this.database = database;
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("CREATE TABLE tck_orders (id BIGINT PRIMARY KEY)");
        }
    }

    CallerDatabase database() {
        return database;
    }

    /**
     * @param source plain or pooled
     * @return a connection of the application's, autocommit on (as both hand them out)
     * @throws SQLException when the database does not answer
     */
    Connection open(CallerTransactionVerification.Source source) throws SQLException {
        return switch (source) {
            case PLAIN -> database.dataSource().getConnection();
            case HIKARI -> pool().getConnection();
        };
    }

    /** @return a HikariCP pool over the fixture's data source, made on first use and closed with this */
    synchronized HikariDataSource pool() {
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setDataSource(database.dataSource());
            config.setPoolName("tck-caller-" + POOLS.incrementAndGet());
            config.setMaximumPoolSize(6);
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    /**
     * The application's business write.
     *
     * @param c its connection
     * @param id the order
     * @throws SQLException when the write fails (a duplicate id included)
     */
    void insertOrder(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tck_orders (id) VALUES (?)")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    /**
     * Runs {@code work} in a transaction on a pooled connection and commits it; rolls back and runs it again (up to
     * 100 times) when the database gave the transaction up, as an application would.
     *
     * @param work the transaction's statements
     * @param <T> the result type
     * @return what the committed run returned
     * @throws Exception when the work fails for another reason, or keeps failing
     */
    <T> T inTransaction(TransactionWork<T> work) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Connection c = pool().getConnection();
            boolean evicted = false;
            try {
                c.setAutoCommit(false);
                T result = work.run(c);
                c.commit();
                return result;
            } catch (PgqrsException | SQLException e) {
                rollBack(c, e);
                // Its state is unknown now: SQLite that gave up BEGIN IMMEDIATE after its busy timeout leaves the driver
                // believing a transaction is open, and the next borrower's statements would each commit on their own.
                // The pool closes a connection evicted while borrowed; closing it again would fail inside the pool.
                pool().evictConnection(c);
                evicted = true;
                boolean retry = e instanceof PgqrsException p ? p.retryable() : true;
                if (!retry || attempt >= 100) {
                    throw e;
                }
            } finally {
                if (!evicted) {
                    c.close();
                }
            }
        }
    }

    /**
     * Rolls a failed transaction back, as an application would; a database that already ended it itself (SQLite after
     * a busy error, MariaDB after a deadlock) has nothing left to roll back, which is no new failure.
     */
    private static void rollBack(Connection c, Exception failure) throws SQLException {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException gone) {
            failure.addSuppressed(gone);
        }
    }

    /** Statements of one transaction of the application's. @param <T> the result */
    @FunctionalInterface
    interface TransactionWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Creates {@code tck_processed}, where consumers record each message's effect once (its id is the key). */
    void createProcessedTable() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tck_processed (message_id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL)");
        }
    }

    /**
     * A consumer's business write: a second write for one message fails on the key.
     *
     * @param c the connection
     * @param messageId the message
     * @param orderId its order
     * @throws SQLException when the write fails
     */
    void insertProcessed(Connection c, long messageId, long orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tck_processed (message_id, order_id) VALUES (?, ?)")) {
            s.setLong(1, messageId);
            s.setLong(2, orderId);
            s.executeUpdate();
        }
    }

    /** @return the distinct orders whose message was processed @throws SQLException when the database does not answer */
    long processedOrders() throws SQLException {
        return count("SELECT COUNT(DISTINCT order_id) FROM tck_processed");
    }

    /** @return the committed orders @throws SQLException when the database does not answer */
    long orders() throws SQLException {
        return count("SELECT COUNT(*) FROM tck_orders");
    }

    private long count(String query) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
