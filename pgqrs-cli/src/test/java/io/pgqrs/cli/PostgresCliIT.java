package io.pgqrs.cli;

import io.pgqrs.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The CLI session on PostgreSQL, in a schema of its own. */
class PostgresCliIT extends CliSession {
    private final PostgresServer server = PostgresServer.get();
    private String schema;

    @BeforeEach
    void createSchema() {
        schema = server.newSchema("cli");
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
