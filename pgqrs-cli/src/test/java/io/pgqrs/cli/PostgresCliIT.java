package io.pgqrs.cli;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The CLI session on PostgreSQL, in a schema of its own. */
class PostgresCliIT extends CliSession {
    @RegisterExtension
    final PostgresSchema postgres = new PostgresSchema();

    @Override
    String dsn() {
        return postgres.dsn();
    }
}
