package io.pgqrs.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pgqrs.PgqrsException;
import java.time.Duration;
import javax.sql.DataSource;

/** Builds the HikariCP pool every JDBC backend uses, so pool settings live in one place. */
public final class ConnectionPools {
    private ConnectionPools() {
    }

    /**
     * @param poolName name shown in logs and JMX, e.g. {@code pgqrs-sqlite}
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
        hc.setPoolName(poolName);
        hc.setDataSource(target);
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(keepConnectionsForever ? size : Math.min(size, 1));
        hc.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
        // One attempt at start-up: a wrong database or role is permanent, and retrying it for the whole timeout only hides it.
        hc.setInitializationFailTimeout(1);
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
}
