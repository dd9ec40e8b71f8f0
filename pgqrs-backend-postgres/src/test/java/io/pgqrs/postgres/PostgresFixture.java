package io.pgqrs.postgres;

import io.pgqrs.Config;
import io.pgqrs.tck.CallerDatabase;
import io.pgqrs.tck.StoreFixture;
import io.pgqrs.testsupport.PostgresServer;
import java.net.URI;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

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
                return schemaSource(store.schema());
            }

            @Override
            public DataSource otherDataSource() {
                return schemaSource("public");
            }
        });
    }

    private DataSource schemaSource(String schema) {
        URI uri = URI.create(server.dsn());
        String[] user = uri.getUserInfo() == null ? new String[] {"postgres"} : uri.getUserInfo().split(":", 2);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {uri.getHost()});
        ds.setPortNumbers(new int[] {uri.getPort() < 0 ? 5432 : uri.getPort()});
        ds.setDatabaseName(uri.getPath().substring(1));
        ds.setUser(user[0]);
        ds.setPassword(user.length > 1 ? user[1] : null);
        ds.setCurrentSchema(schema);
        return ds;
    }

    @Override
    public void cleanUp() {
        server.dropSchema(schema);
    }
}
