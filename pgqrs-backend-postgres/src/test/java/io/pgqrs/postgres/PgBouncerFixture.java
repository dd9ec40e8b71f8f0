package io.pgqrs.postgres;

import io.pgqrs.Config;
import io.pgqrs.tck.CallerDatabase;
import io.pgqrs.tck.StoreFixture;
import io.pgqrs.testsupport.PgBouncerServer;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Stores reached through PgBouncer in transaction mode, in a database of their own on the server behind it. A
 * transaction pooler cannot set the schema per connection, so the database's own {@code search_path} names the
 * schema; each test gets it empty again. LISTEN connects to the server directly, as the README advises.
 */
final class PgBouncerFixture implements StoreFixture, AutoCloseable {
    private final String schema;
    private PgBouncerServer bouncer;
    private String database;

    /** @param schema the schema the database's {@code search_path} leads to ({@code public}, or one made here) */
    PgBouncerFixture(String schema) {
        this.schema = schema;
    }

    @Override
    public Config.Builder freshStore() {
        return Config.builder(dsn(true)).schema(schema).maxConnections(8);
    }

    /**
     * The application's connections go through the pooler too, their schema given by the database's search path; the
     * other database is the server's default one, reached directly.
     */
    @Override
    public Optional<CallerDatabase> callerDatabase(Config store) {
        return Optional.of(new CallerDatabase() {
            @Override
            public DataSource dataSource() {
                return PostgresDataSources.of(pooler().pooledDsn(database()), null, true);
            }

            @Override
            public DataSource otherDataSource() {
                return PostgresDataSources.of(pooler().directDsn(pooler().defaultDatabase()), null, false);
            }
        });
    }

    /**
     * @param listen whether LISTEN gets a direct connection ({@code listen_host}); without it LISTEN is off
     * @return the DSN through the pooler, with {@code pooler=transaction}
     */
    String dsn(boolean listen) {
        String dsn = pooler().pooledDsn(database()) + "?pooler=transaction";
        return listen ? dsn + "&listen_host=" + bouncer.directHost() + "&listen_port=" + bouncer.directPort() : dsn;
    }

    /** @return the pooler, located on first use (so a missing one fails the test that needs it, saying how to start it) */
    PgBouncerServer pooler() {
        if (bouncer == null) {
            bouncer = PgBouncerServer.get();
        }
        return bouncer;
    }

    /** @return the fixture's database, created on first use */
    String database() {
        if (database == null) {
            database = pooler().newDatabase("pgqrs_pgb");
            if (!schema.equals("public")) {
                bouncer.executeDirect(database, "CREATE SCHEMA " + schema);
                bouncer.executeDirect(database, "ALTER DATABASE " + database + " SET search_path = " + schema);
            }
        }
        return database;
    }

    /** @return the schema the server gives connections to the fixture's database */
    String schema() {
        return schema;
    }

    @Override
    public void cleanUp() {
        if (database != null) {
            bouncer.executeDirect(database, "DROP SCHEMA " + schema + " CASCADE; CREATE SCHEMA " + schema);
        }
    }

    /** Drops the database, closing the pooler's server connections to it. */
    @Override
    public void close() {
        if (database != null) {
            bouncer.dropDatabase(database);
            database = null;
        }
    }
}
