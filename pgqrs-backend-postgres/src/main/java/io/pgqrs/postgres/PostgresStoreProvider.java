package io.pgqrs.postgres;

import io.pgqrs.ConcurrencyModel;
import io.pgqrs.Config;
import io.pgqrs.jdbi.ConnectionPools;
import io.pgqrs.jdbi.JdbiStore;
import io.pgqrs.spi.Store;
import io.pgqrs.spi.StoreProvider;
import java.util.Set;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens PostgreSQL stores: a HikariCP pool of {@code max_connections} whose connections use the configured
 * schema as {@code search_path} (SPEC DM-18), claims with {@code FOR UPDATE SKIP LOCKED}, server-clock times,
 * and LISTEN/NOTIFY wake-ups for poll loops.
 */
public final class PostgresStoreProvider implements StoreProvider {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStoreProvider.class);

    /** Creates the provider; it does no I/O until {@link #open(Config)}. */
    public PostgresStoreProvider() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public Set<String> schemes() {
        return Set.of("postgres", "postgresql");
    }

    @Override
    public Store open(Config config) {
        PostgresLocation location = PostgresLocation.parse(config);
        PGSimpleDataSource target = dataSource(location, config);
        DataSource pool = ConnectionPools.pool("pgqrs-postgres", target, config.maxConnections(), config.connectionTimeout(),
                false, location.describe());
        LOG.debug("PostgreSQL pool opened: {}", location.describe());
        return new PostgresStore(config, pool, target, PostgresSchema.channel(location.schema()));
    }

    private static PGSimpleDataSource dataSource(PostgresLocation location, Config config) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {location.host()});
        ds.setPortNumbers(new int[] {location.port()});
        ds.setDatabaseName(location.database());
        if (location.user() != null) {
            ds.setUser(location.user());
        }
        if (location.password() != null) {
            ds.setPassword(location.password());
        }
        ds.setCurrentSchema("\"" + location.schema() + "\"");
        int timeoutSeconds = (int) Math.max(1, config.connectionTimeout().toSeconds());
        ds.setConnectTimeout(Integer.parseInt(location.options().getOrDefault("connect_timeout", String.valueOf(timeoutSeconds))));
        ds.setLoginTimeout(timeoutSeconds);
        ds.setApplicationName(location.options().getOrDefault("application_name", "pgqrs"));
        if (location.options().containsKey("sslmode")) {
            ds.setSslMode(location.options().get("sslmode"));
        }
        if (location.options().containsKey("sslrootcert")) {
            ds.setSslRootCert(location.options().get("sslrootcert"));
        }
        return ds;
    }

    /** A JDBI store that also listens for enqueue notifications. */
    private static final class PostgresStore extends JdbiStore {
        private final DataSource listenSource;
        private final String channel;

        PostgresStore(Config config, DataSource pool, DataSource listenSource, String channel) {
            super(config, new PostgresDialect(), ConcurrencyModel.MULTI_PROCESS, pool);
            this.listenSource = listenSource;
            this.channel = channel;
        }

        /** Returns once LISTEN is active (or the connection timeout passed), so a poll loop misses no enqueue after it. */
        @Override
        public AutoCloseable subscribe(LongConsumer listener) {
            NotificationListener notifications = new NotificationListener(listenSource, channel, listener);
            if (!notifications.awaitListening(config().connectionTimeout())) {
                LOG.warn("LISTEN on {} is not active after {}; poll loops use their poll interval until it is", channel,
                        config().connectionTimeout());
            }
            return notifications;
        }
    }
}
