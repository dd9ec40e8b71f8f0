package io.pgqrs.dashboard;

import io.pgqrs.testsupport.PostgresServer;
import java.net.URI;
import java.util.UUID;

/**
 * A PostgreSQL database of its own that a test can take away and give back as a failing server would: cut off, it
 * refuses new connections and its open ones are terminated; restored, it accepts them again. Only this database's
 * connections are touched, so tests and builds sharing the server are not.
 */
final class PostgresOutage implements AutoCloseable {
    private final PostgresServer server = PostgresServer.get();
    private final String database = "dashboard_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    PostgresOutage() {
        server.execute("CREATE DATABASE " + database);
    }

    /** @return the database's DSN */
    String dsn() {
        URI uri = URI.create(server.dsn());
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Refuses new connections and ends the open ones. */
    void cutOff() {
        server.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        terminate();
    }

    /** Accepts connections again. */
    void restore() {
        server.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    private void terminate() {
        server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    @Override
    public void close() {
        cutOff();
        server.execute("DROP DATABASE IF EXISTS " + database);
    }
}
