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

    /**
     * @param dsn a {@code mariadb://} DSN
     * @return a plain JDBC connection to it, outside any pgqrs pool
     * @throws SQLException when the server does not answer
     */
    static Connection connect(String dsn) throws SQLException {
        MariaDbLocation location = MariaDbLocation.parse(dsn);
        String url = "jdbc:mariadb://" + location.host() + ":" + location.port() + "/" + location.database();
        return DriverManager.getConnection(url, location.user(), location.password());
    }

    private static void execute(String sql) {
        MariaDbLocation server = MariaDbLocation.parse(serverDsn());
        try (Connection c = connect(serverDsn());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at " + server.masked() + " did not run '" + sql + "': " + e.getMessage()
                    + ". Start it (start-stop-daemon --start --background --exec /usr/sbin/mariadbd) or set "
                    + "PGQRS_TEST_MARIADB_URL", e);
        }
    }
}
