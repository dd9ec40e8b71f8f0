package io.pgqrs.mariadb;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The MariaDB server the tests use: {@code PGQRS_TEST_MARIADB_URL} (a {@code mariadb://} DSN of a user who may
 * create databases), else {@code mariadb://root@127.0.0.1:3306/test}. If it does not answer the tests fail saying
 * so; they never skip.
 */
final class MariaDbTestServer {
    private static final String LOCAL = "mariadb://root@127.0.0.1:3306/test";

    private MariaDbTestServer() {
    }

    static String serverDsn() {
        String given = System.getenv("PGQRS_TEST_MARIADB_URL");
        return given == null || given.isBlank() ? LOCAL : given.trim();
    }

    /** @return the DSN of a new, empty database no other test uses */
    static String newDatabase() {
        String name = "pgqrs_tck_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        URI server = URI.create(serverDsn());
        return "mariadb://" + (server.getRawUserInfo() == null ? "root" : server.getRawUserInfo()) + "@" + server.getHost()
                + ":" + (server.getPort() < 0 ? 3306 : server.getPort()) + "/" + name;
    }

    /** @param dsn a DSN made by {@link #newDatabase()}, whose database is dropped */
    static void dropDatabase(String dsn) {
        execute("DROP DATABASE IF EXISTS " + URI.create(dsn).getPath().substring(1));
    }

    private static void execute(String sql) {
        MariaDbLocation server = MariaDbLocation.parse(serverDsn());
        String url = "jdbc:mariadb://" + server.host() + ":" + server.port() + "/" + server.database();
        try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at " + server.masked() + " did not run '" + sql + "': " + e.getMessage()
                    + ". Start it (start-stop-daemon --start --background --exec /usr/sbin/mariadbd) or set "
                    + "PGQRS_TEST_MARIADB_URL", e);
        }
    }
}
