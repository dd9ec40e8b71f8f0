package io.pgqrs.postgres;

import io.pgqrs.Config;
import io.pgqrs.tck.StoreFixture;
import io.pgqrs.testsupport.PostgresServer;

/** A fresh schema in the test server for every test; dropped afterwards. Exercises the schema option. */
final class PostgresFixture implements StoreFixture {
    private final PostgresServer server = PostgresServer.get();
    private String schema;

    @Override
    public Config.Builder freshStore() {
        schema = server.newSchema("tck");
        return Config.builder(server.dsn()).schema(schema).maxConnections(8);
    }

    @Override
    public void cleanUp() {
        server.dropSchema(schema);
    }
}
