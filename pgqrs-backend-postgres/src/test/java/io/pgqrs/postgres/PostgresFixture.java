package io.pgqrs.postgres;

import io.pgqrs.Config;
import io.pgqrs.tck.CallerDatabase;
import io.pgqrs.tck.StoreFixture;
import io.pgqrs.testsupport.PostgresServer;
import java.util.Optional;
import javax.sql.DataSource;

/** A fresh schema in the test server for every test; dropped afterwards. Exercises the schema option. */
final class PostgresFixture implements StoreFixture {
    private final PostgresServer server = PostgresServer.get();
    private String schema;

    @Override
    public Config.Builder freshStore() {
        schema = server.newSchema("tck");
        return Config.builder(server.dsn()).schema(schema).maxConnections(8);
    }

    /** The application's connections: the store's schema on the search path; the other database is the public schema. */
    @Override
    public Optional<CallerDatabase> callerDatabase(Config store) {
        return Optional.of(new CallerDatabase() {
            @Override
            public DataSource dataSource() {
                return PostgresDataSources.of(server.dsn(), store.schema(), false);
            }

            @Override
            public DataSource otherDataSource() {
                return PostgresDataSources.of(server.dsn(), "public", false);
            }
        });
    }

    @Override
    public void cleanUp() {
        server.dropSchema(schema);
    }
}
