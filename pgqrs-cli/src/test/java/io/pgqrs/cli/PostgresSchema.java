package io.pgqrs.cli;

import io.pgqrs.testsupport.PostgresServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A fresh PostgreSQL schema for each test, dropped afterwards; register with {@code @RegisterExtension}. */
final class PostgresSchema implements BeforeEachCallback, AfterEachCallback {
    private final PostgresServer server = PostgresServer.get();
    private String schema;

    @Override
    public void beforeEach(ExtensionContext context) {
        schema = server.newSchema("cli");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.dropSchema(schema);
    }

    /** @return a DSN of the test's schema */
    String dsn() {
        return server.dsn(schema);
    }
}
