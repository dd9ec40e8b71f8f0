package io.pgqrs.postgres;

import io.pgqrs.Config;
import io.pgqrs.tck.StoreFixture;
import io.pgqrs.testsupport.PostgresServer;
import java.util.UUID;

/** A fresh schema in the test server for every test; dropped afterwards. Exercises the schema option. */
final class PostgresFixture implements StoreFixture {
    private final PostgresServer server = PostgresServer.get();
    private String schema;

    @Override
    public Config.Builder freshStore() {
        schema = "tck_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.execute("CREATE SCHEMA " + schema);
        return Config.builder(server.dsn()).schema(schema).maxConnections(8);
    }

    @Override
    public void cleanUp() {
        server.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
