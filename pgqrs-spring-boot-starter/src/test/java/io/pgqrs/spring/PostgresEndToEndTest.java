package io.pgqrs.spring;

import io.pgqrs.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link ListenerEndToEndTest} on the test PostgreSQL server, in a schema of its own. */
class PostgresEndToEndTest extends ListenerEndToEndTest {
    private final PostgresServer server = PostgresServer.get();
    private String schema;

    @BeforeEach
    void createSchema() {
        schema = server.newSchema("spring");
    }

    @AfterEach
    void dropSchema() {
        server.dropSchema(schema);
    }

    @Override
    String dsn() {
        return server.dsn(schema);
    }
}
