package io.pgqrs.mariadb;

import io.pgqrs.ConcurrencyModel;
import io.pgqrs.Config;
import io.pgqrs.PgqrsException;
import io.pgqrs.jdbi.ConnectionPools;
import io.pgqrs.jdbi.JdbiStore;
import io.pgqrs.spi.Store;
import io.pgqrs.spi.StoreProvider;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * Opens MariaDB stores (10.6 or later: {@code SKIP LOCKED}, {@code INSERT/DELETE … RETURNING}) for
 * {@code mariadb://} DSNs: a HikariCP pool of {@code max_connections}, sessions in UTC and READ COMMITTED, every
 * statement from {@code pgqrs-jdbi-common} with {@link MariaDbDialect}.
 */
public final class MariaDbStoreProvider implements StoreProvider {

    /** Creates the provider; it does no I/O until {@link #open(Config)}. */
    public MariaDbStoreProvider() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public Set<String> schemes() {
        return Set.of("mariadb");
    }

    @Override
    public Store open(Config config) {
        MariaDbLocation location = MariaDbLocation.parse(config.dsn());
        MariaDbDataSource target;
        try {
            target = new MariaDbDataSource(location.jdbcUrl(config.connectionTimeout()));
            target.setUser(location.user());
            if (location.password() != null) {
                target.setPassword(location.password());
            }
        } catch (SQLException e) {
            throw PgqrsException.invalidConfig("dsn", "MariaDB DSN " + location.masked() + ": " + e.getMessage());
        }
        DataSource pool = ConnectionPools.pool("pgqrs-mariadb", target, config.maxConnections(),
                config.connectionTimeout(), false, location.masked());
        return new JdbiStore(config, new MariaDbDialect(), ConcurrencyModel.MULTI_PROCESS, pool);
    }
}
