package io.pgqrs.testsupport;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use, found as DESIGN.md says: {@code PGQRS_TEST_POSTGRES_URL}; else a
 * Testcontainers container when a Docker engine answers; else {@code 127.0.0.1:5432} user {@code postgres},
 * database {@code test}. If none answers the tests fail with how to provide one; they never skip.
 */
public final class PostgresServer {
    private static final String LOCAL = "postgres://postgres@127.0.0.1:5432/test";
    private static PostgresServer instance;

    private final String dsn;

    private PostgresServer(String dsn) {
        this.dsn = dsn;
    }

    /** @return the server, located on first use */
    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = new PostgresServer(locate());
        }
        return instance;
    }

    /** @return a postgres:// DSN of the server */
    public String dsn() {
        return dsn;
    }

    /**
     * @param prefix the start of the name, e.g. {@code tck}
     * @return the name of a new, empty schema that no other test uses
     */
    public String newSchema(String prefix) {
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    /** @param schema a schema made by {@link #newSchema(String)}, dropped with everything in it */
    public void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /**
     * @param schema a schema
     * @return the server's DSN with {@code ?schema=} set, as an application would write it
     */
    public String dsn(String schema) {
        return dsn + (dsn.contains("?") ? "&" : "?") + "schema=" + schema;
    }

    /** @param sql a statement to run as the admin user, e.g. CREATE SCHEMA */
    public void execute(String sql) {
        try (Connection c = connect(dsn); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Admin statement failed on " + dsn + ": " + sql, e);
        }
    }

    private static String locate() {
        String fromEnv = System.getenv("PGQRS_TEST_POSTGRES_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            check(fromEnv, "PGQRS_TEST_POSTGRES_URL");
            return fromEnv;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:15-alpine");
            pg.start();
            return "postgres://" + pg.getUsername() + ":" + pg.getPassword() + "@" + pg.getHost() + ":"
                    + pg.getMappedPort(5432) + "/" + pg.getDatabaseName();
        }
        check(LOCAL, "the local server");
        return LOCAL;
    }

    private static void check(String dsn, String source) {
        try (Connection c = connect(dsn)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("No PostgreSQL for the tests: " + source + " (" + dsn + ") does not answer: "
                    + e.getMessage() + ". Provide one: set PGQRS_TEST_POSTGRES_URL=postgres://user:pass@host:port/db, "
                    + "run a Docker engine for Testcontainers, or start a local server on 127.0.0.1:5432 with user "
                    + "postgres (trust) and database test (`pg_ctlcluster <version> main start`).", e);
        }
    }

    /** @param dsn a postgres:// DSN @return a plain JDBC connection @throws SQLException when it cannot connect */
    public static Connection connect(String dsn) throws SQLException {
        URI uri = URI.create(dsn);
        String[] userInfo = uri.getUserInfo() == null ? new String[] {"postgres"} : uri.getUserInfo().split(":", 2);
        String url = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getPath();
        return DriverManager.getConnection(url, userInfo[0], userInfo.length > 1 ? userInfo[1] : null);
    }
}
