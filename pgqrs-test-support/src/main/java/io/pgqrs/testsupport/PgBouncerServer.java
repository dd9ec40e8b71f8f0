package io.pgqrs.testsupport;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PgBouncer the tests reach PostgreSQL through, in transaction pooling mode: {@code PGQRS_TEST_PGBOUNCER_URL},
 * else {@code 127.0.0.1:6432} user {@code postgres}, database {@code test} (what {@code .ci/run} starts). The server
 * behind it is asked for its own address, so tests can also connect directly (for LISTEN, and to create and drop
 * databases). If the pooler does not answer the tests fail with how to provide one; they never skip.
 */
public final class PgBouncerServer {
    private static final String LOCAL = "postgres://postgres@127.0.0.1:6432/test";
    private static PgBouncerServer instance;

    private final URI pooled;
    private final URI direct;

    private PgBouncerServer(URI pooled, URI direct) {
        this.pooled = pooled;
        this.direct = direct;
    }

    /** @return the pooler, located on first use */
    public static synchronized PgBouncerServer get() {
        if (instance == null) {
            String fromEnv = System.getenv("PGQRS_TEST_PGBOUNCER_URL");
            boolean given = fromEnv != null && !fromEnv.isBlank();
            URI pooled = URI.create(given ? fromEnv : LOCAL);
            if (pooled.getPort() < 0) {
                pooled = at(pooled, pooled.getHost(), 6432, database(pooled));
            }
            instance = locate(pooled, given ? "PGQRS_TEST_PGBOUNCER_URL" : "the local pooler");
        }
        return instance;
    }

    /** @param database a database name @return a postgres:// DSN of it through the pooler, without query */
    public String pooledDsn(String database) {
        return at(pooled, pooled.getHost(), pooled.getPort(), database).toString();
    }

    /** @return the host of the server behind the pooler, as it gives its own address */
    public String directHost() {
        return direct.getHost();
    }

    /** @return the port of the server behind the pooler */
    public int directPort() {
        return direct.getPort();
    }

    /** @param database a database name @return a postgres:// DSN of it on the server itself, without query */
    public String directDsn(String database) {
        return at(direct, direct.getHost(), direct.getPort(), database).toString();
    }

    /**
     * @param prefix the start of the name, e.g. {@code pgb}
     * @return the name of a new, empty database on the server that no other test uses, reachable through the pooler
     *         (its configuration must route every database name to the server, as {@code .ci/run}'s does)
     */
    public String newDatabase(String prefix) {
        String database = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        executeDirect(defaultDatabase(), "CREATE DATABASE " + database);
        return database;
    }

    /** @param database a database made by {@link #newDatabase(String)}, dropped even while the pooler holds connections */
    public void dropDatabase(String database) {
        executeDirect(defaultDatabase(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    /** @return the database the pooler's URL names */
    public String defaultDatabase() {
        return database(pooled);
    }

    /**
     * @param database a database
     * @param sql a statement to run there as the admin user on the server itself, e.g. ALTER DATABASE
     */
    public void executeDirect(String database, String sql) {
        try (Connection c = PostgresServer.connect(directDsn(database)); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Admin statement failed on " + directDsn(database) + ": " + sql, e);
        }
    }

    private static PgBouncerServer locate(URI pooled, String source) {
        try (Connection c = PostgresServer.connect(pooled.toString()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT host(inet_server_addr()), inet_server_port()")) {
            rs.next();
            String host = rs.getString(1) == null ? "127.0.0.1" : rs.getString(1);
            URI direct = at(pooled, host, rs.getInt(2), database(pooled));
            return new PgBouncerServer(pooled, direct);
        } catch (SQLException e) {
            throw new IllegalStateException("No PgBouncer for the tests: " + source + " (" + pooled + ") does not answer ("
                    + e.getMessage() + "). Provide one: run .ci/run, which installs Debian's pgbouncer and starts it in "
                    + "transaction pooling mode on 127.0.0.1:6432 in front of 127.0.0.1:5432, or set "
                    + "PGQRS_TEST_PGBOUNCER_URL=postgres://user:pass@host:port/db of a PgBouncer in transaction mode whose "
                    + "[databases] section routes every name (* = host=… port=…).", e);
        }
    }

    /** @return {@code base}'s scheme and user at another address and database, without query */
    private static URI at(URI base, String host, int port, String database) {
        try {
            return new URI(base.getScheme(), base.getUserInfo(), host, port, "/" + database, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot make a DSN of " + host + ":" + port + "/" + database, e);
        }
    }

    private static String database(URI uri) {
        return uri.getPath().replaceFirst("^/", "");
    }
}
