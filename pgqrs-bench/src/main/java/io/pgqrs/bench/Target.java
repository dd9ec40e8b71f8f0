package io.pgqrs.bench;

import io.pgqrs.Config;
import io.pgqrs.ValidationConfig;
import io.pgqrs.testsupport.S3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty store for one benchmark point: a new SQLite file, a new PostgreSQL schema, a new MariaDB database, or
 * a new S3 object key (durable mode, through {@link S3Bench}'s proxy). Closing removes it (an S3 object stays in the
 * test server).
 */
final class Target implements AutoCloseable {
    static final String LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/test";
    static final String LOCAL_MARIADB = "mariadb://root@127.0.0.1:3306/test";

    private final String backend;
    private final String serverDsn;
    private final String place;
    private final Config config;

    private Target(String backend, String serverDsn, String place, Config config) {
        this.backend = backend;
        this.serverDsn = serverDsn;
        this.place = place;
        this.config = config;
    }

    /**
     * @param common the benchmark's options: the backend, and the PostgreSQL or MariaDB server (a schema or a database
     *        is made in it)
     * @return a fresh store
     */
    static Target fresh(BenchMain.Common common) {
        String backend = common.backend;
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return switch (backend) {
            case "sqlite" -> {
                try {
                    Path dir = Files.createTempDirectory("pgqrs-bench-" + id);
                    yield new Target(backend, null, dir.toString(), settings("sqlite:" + dir.resolve("bench.db")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case "postgres" -> {
                String postgresDsn = common.postgresDsn;
                String schema = "bench_" + id;
                execute(serverJdbcUrl(postgresDsn), credentials(postgresDsn, "postgres"), "CREATE SCHEMA " + schema);
                yield new Target(backend, postgresDsn, schema,
                        settings(postgresDsn + (postgresDsn.contains("?") ? "&" : "?") + "schema=" + schema));
            }
            case "mariadb" -> {
                String database = "bench_" + id;
                URI server = URI.create(common.mariadbDsn);
                execute(serverJdbcUrl(common.mariadbDsn), credentials(common.mariadbDsn, "root"), "CREATE DATABASE " + database);
                yield new Target(backend, common.mariadbDsn, database, settings(server.getScheme() + "://"
                        + server.getRawAuthority() + "/" + database + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery())));
            }
            case "s3" -> {
                try {
                    Path dir = Files.createTempDirectory("pgqrs-bench-" + id);
                    String key = "bench/" + id + ".sqlite";
                    yield new Target(backend, null, dir.toString(), settings(S3Server.dsn(key)).toBuilder()
                            .s3CacheDir(dir.resolve("cache")).build());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            default -> throw new IllegalArgumentException("unknown backend '" + backend + "': use sqlite, postgres, mariadb or s3");
        };
    }

    private static Config settings(String dsn) {
        // Benchmarks prefill in batches of 100: no per-producer rate limit.
        return Config.builder(dsn).validation(ValidationConfig.defaults().withRateLimit(null, null)).build();
    }

    Config config() {
        return config;
    }

    String backend() {
        return backend;
    }

    /** @return a plain JDBC URL with its user, for the raw-driver ceiling and version queries */
    String jdbcUrl() {
        if (backend.equals("sqlite")) {
            return "jdbc:sqlite:" + Path.of(place).resolve("bench.db");
        }
        String[] user = credentials(serverDsn, backend.equals("mariadb") ? "root" : "postgres");
        String url = serverJdbcUrl(serverDsn);
        url = backend.equals("mariadb") ? url + place + "?" : url + "?currentSchema=" + place + "&";
        return url + "user=" + user[0] + (user.length > 1 ? "&password=" + user[1] : "");
    }

    /**
     * The cluster's next transaction id, read in a transaction of its own (which takes one): the difference of two
     * readings, less one, is how many write transactions committed or aborted in between, on the whole cluster.
     *
     * @return the next transaction id on PostgreSQL, or -1 on the other backends
     */
    long writeTransactionCounter() {
        if (!backend.equals("postgres")) {
            return -1;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl());
             Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT txid_current()")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused txid_current(): " + e.getMessage(), e);
        }
    }

    /**
     * Refreshes PostgreSQL's planner statistics of the message tables after a bulk fill, as autovacuum does on a
     * production server within a minute (this project's test server runs without autovacuum). Nothing on the other
     * backends: SQLite keeps no statistics unless asked, and an application never asks.
     */
    void analyze() {
        if (!backend.equals("postgres")) {
            return;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("ANALYZE pgqrs_queues, pgqrs_messages, pgqrs_message_failures");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused ANALYZE: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (backend.equals("postgres") || backend.equals("mariadb")) {
            execute(serverJdbcUrl(serverDsn), credentials(serverDsn, backend.equals("postgres") ? "postgres" : "root"),
                    (backend.equals("postgres") ? "DROP SCHEMA IF EXISTS " + place + " CASCADE" : "DROP DATABASE IF EXISTS " + place));
            return;
        }
        try (Stream<Path> files = Files.walk(Path.of(place))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param dsn a server DSN @return its JDBC URL without a database for MariaDB, with its database for PostgreSQL */
    private static String serverJdbcUrl(String dsn) {
        URI uri = URI.create(dsn);
        return uri.getScheme().equals("mariadb")
                ? "jdbc:mariadb://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 3306 : uri.getPort()) + "/"
                : "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getPath();
    }

    /** @return the DSN's user and, when it has one, password */
    private static String[] credentials(String dsn, String defaultUser) {
        String info = URI.create(dsn).getUserInfo();
        return info == null ? new String[] {defaultUser} : info.split(":", 2);
    }

    private static void execute(String url, String[] user, String sql) {
        try (Connection c = DriverManager.getConnection(url, user[0], user.length > 1 ? user[1] : null);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The server at " + url + " refused '" + sql + "': " + e.getMessage()
                    + " (start one locally or pass --postgres-dsn / --mariadb-dsn)", e);
        }
    }
}
