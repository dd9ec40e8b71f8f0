package io.pgqrs.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.pgqrs.PgqrsException;
import io.pgqrs.jdbi.internal.BrokenConnections;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the HikariCP pool every JDBC backend uses, so pool settings live in one place.
 *
 * <p>A broken connection is not evicted by HikariCP itself, which would log a WARN with a stack trace for each
 * connection of the pool when a server restarts: the store recognises the error once, logs one line and drops the
 * pool's connections ({@link #dropConnections(DataSource)}), and the next call reconnects.
 */
public final class ConnectionPools {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPools.class);
    /** Numbers the pools of this JVM, so that two stores' pools never share a name (HikariCP's meters are keyed by it). */
    private static final AtomicInteger POOLS = new AtomicInteger();

    private ConnectionPools() {
    }

    /**
     * @param poolName name shown in logs, JMX and the pool's meters, e.g. {@code pgqrs-sqlite}; a number is appended
     *        ({@code pgqrs-sqlite-3}) so that every pool of the JVM has a name of its own
     * @param target the driver's data source
     * @param size fixed pool size
     * @param connectionTimeout how long a caller waits for a connection
     * @param keepConnectionsForever true where closing the last connection loses data ({@code :memory:})
     * @param maskedUrl the URL for error messages, passwords masked
     * @return an open pool
     * @throws PgqrsException {@code CONNECTION_FAILED} when the first connection cannot be made
     */
    public static DataSource pool(String poolName, DataSource target, int size, Duration connectionTimeout,
                                  boolean keepConnectionsForever, String maskedUrl) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(poolName + "-" + POOLS.incrementAndGet());
        hc.setDataSource(target);
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(keepConnectionsForever ? size : Math.min(size, 1));
        hc.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
        // One attempt at start-up: a wrong database or role is permanent, and retrying it for the whole timeout only hides it.
        hc.setInitializationFailTimeout(1);
        hc.setExceptionOverride(new LeaveBrokenConnectionsToTheStore());
        if (keepConnectionsForever) {
            hc.setMaxLifetime(0);
            hc.setIdleTimeout(0);
        }
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw PgqrsException.connectionFailed("cannot open " + maskedUrl, cause);
        }
    }

    /**
     * Closes every idle connection of a pool built here and marks those in use to be closed when they come back, so
     * that no call is handed a connection that broke with the others. Does nothing for another data source.
     *
     * @param dataSource a pool built by {@link #pool}, or any data source
     */
    public static void dropConnections(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && !hikari.isClosed() && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /**
     * Closes a pool (any data source that is {@link AutoCloseable}); a failure is logged, not thrown, since the caller is
     * shutting down or giving up on a store that failed to open.
     *
     * @param dataSource the pool
     * @param backend the backend's name, for the log
     */
    public static void close(DataSource dataSource, String backend) {
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the {} connection pool failed", backend, e);
            }
        }
    }

    /** Keeps HikariCP from evicting (and logging a stack trace for) a connection that the store will drop itself. */
    private static final class LeaveBrokenConnectionsToTheStore implements SQLExceptionOverride {
        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            return BrokenConnections.isBroken(e) ? SQLExceptionOverride.Override.DO_NOT_EVICT
                    : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }
}
