package io.pgqrs.cli;

/** The CLI session on SQLite. */
class SqliteCliIT extends CliSession {
    @Override
    String dsn() {
        return "sqlite:" + dir.resolve("cli.db");
    }
}
