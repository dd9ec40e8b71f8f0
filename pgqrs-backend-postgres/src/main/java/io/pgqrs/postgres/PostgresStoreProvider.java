package io.pgqrs.postgres;

import io.pgqrs.ConcurrencyModel;
import io.pgqrs.Config;
import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.jdbi.ConnectionPools;
import io.pgqrs.jdbi.JdbiStore;
import io.pgqrs.spi.Store;
import io.pgqrs.spi.StoreProvider;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens PostgreSQL stores: a HikariCP pool of {@code max_connections} whose connections use the configured
 * schema as {@code search_path}, claims with {@code FOR UPDATE SKIP LOCKED}, server-clock times, and LISTEN/NOTIFY
 * wake-ups for poll loops.
 *
 * <p>With {@code pooler=transaction} in the DSN (PgBouncer in transaction mode in between) the connections prepare
 * no statement on the server and send no {@code search_path}: the pooler's server connection must already be in
 * the configured schema (checked at open), and LISTEN runs on a direct connection to {@code listen_host}, or not at
 * all.
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
        DataSource pool = openPool(location, config);
        if (location.transactionPooling()) {
            checkPooledSchema(pool, location);
        }
        LOG.debug("PostgreSQL pool opened: {}", location.describe());
        DataSource listenSource = location.listenLocation().map(direct -> dataSource(direct, config)).orElse(null);
        return new PostgresStore(config, pool, listenSource, PostgresSchema.channel(location.schema()));
    }

    private static DataSource openPool(PostgresLocation location, Config config) {
        try {
            return ConnectionPools.pool("pgqrs-postgres", dataSource(location, config), config.maxConnections(),
                    config.connectionTimeout(), false, location.describe());
        } catch (PgqrsException e) {
            // PgBouncer refuses the search_path start-up parameter it does not know: say which DSN option fits it.
            if (!location.transactionPooling() && e.kind() == ErrorKind.CONNECTION_FAILED
                    && String.valueOf(e.getMessage()).contains("unsupported startup parameter")) {
                throw PgqrsException.connectionFailed("cannot open " + location.describe() + ": a connection pooler "
                        + "refused a session setting; behind PgBouncer in transaction mode add pooler=transaction to the "
                        + "DSN (and listen_host=<the server itself> for LISTEN wake-ups)", e.getCause());
            }
            throw e;
        }
    }

    /**
     * Through a transaction pooler the schema cannot be set per connection, so the server's own {@code search_path}
     * for this role and database must lead to it; anything else would put the tables where the caller does not expect.
     */
    private static void checkPooledSchema(DataSource pool, PostgresLocation location) {
        String current;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            current = rs.getString(1);
        } catch (SQLException e) {
            ConnectionPools.close(pool, "postgres");
            throw PgqrsException.connectionFailed("cannot read the current schema of " + location.describe(), e);
        }
        if (!location.schema().equals(current)) {
            ConnectionPools.close(pool, "postgres");
            throw PgqrsException.invalidConfig("schema", "through a transaction pooler (pooler=transaction) the schema "
                    + "cannot be set per connection, and the server's search_path leads to " + (current == null ? "no schema"
                    : "schema '" + current + "'") + ", not '" + location.schema() + "'; use the schema the server gives, or "
                    + "make the server give '" + location.schema() + "' (ALTER ROLE … IN DATABASE … SET search_path = "
                    + location.schema() + ", or a pooler entry of its own whose connect_query sets it)");
        }
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
        if (location.transactionPooling()) {
            // A statement prepared on one server connection does not exist on the next one the pooler hands out.
            ds.setPrepareThreshold(0);
        } else {
            ds.setCurrentSchema("\"" + location.schema() + "\"");
        }
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

    /** A JDBI store that also listens for enqueue notifications, where a session for LISTEN can be had. */
    private static final class PostgresStore extends JdbiStore {
        private final DataSource listenSource;
        private final String channel;

        /** @param listenSource direct connections for LISTEN, or null when LISTEN is off */
        PostgresStore(Config config, DataSource pool, DataSource listenSource, String channel) {
            super(config, new PostgresDialect(), ConcurrencyModel.MULTI_PROCESS, pool);
            this.listenSource = listenSource;
            this.channel = channel;
        }

        /**
         * Returns once LISTEN is active (or the connection timeout passed), so a poll loop misses no enqueue after it.
         * Without a session for LISTEN (a transaction pooler and no {@code listen_host}) poll loops use their poll
         * interval.
         */
        @Override
        public AutoCloseable subscribe(LongConsumer listener) {
            if (listenSource == null) {
                LOG.info("LISTEN is off: a transaction pooler is in between and the DSN names no listen_host; poll loops "
                        + "on channel {} wake every poll interval ({})", channel, config().pollInterval());
                return () -> { };
            }
            NotificationListener notifications = new NotificationListener(listenSource, channel, listener,
                    config().storeObserver());
            if (!notifications.awaitListening(config().connectionTimeout())) {
                LOG.warn("LISTEN on {} is not active after {}; poll loops use their poll interval until it is", channel,
                        config().connectionTimeout());
            }
            return notifications;
        }
    }
}
