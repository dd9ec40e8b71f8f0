package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8's proof of the plugin story: the MariaDB backend jar and its driver, added to the path of the CLI jar
 * that was built without them, serve {@code mariadb://} DSNs; without them the scheme is unknown. Also the two-JVM
 * counting test on MariaDB. Uses the MariaDB server on 127.0.0.1:3306 (root, no password), or
 * {@code PGQRS_TEST_MARIADB_JDBC} (a JDBC URL with credentials).
 */
class MariaDbDropInIT {
    private static final Path BACKEND = Path.of(System.getProperty("pgqrs.mariadb.jar"));
    private static final Path DRIVER = Path.of(System.getProperty("pgqrs.mariadb.driverJar"));
    private static final String SERVER = System.getenv().getOrDefault("PGQRS_TEST_MARIADB_JDBC",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private String database;
    private String dsn;

    @BeforeEach
    void createDatabase() {
        database = "pgqrs_dropin_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        execute("CREATE DATABASE " + database);
        dsn = "mariadb://root@127.0.0.1:3306/" + database;
    }

    @AfterEach
    void dropDatabase() {
        execute("DROP DATABASE IF EXISTS " + database);
    }

    /** On the class path next to the unchanged CLI jar, the backend serves every command. */
    @Test
    void backendJarOnClassPathServesMariadbDsns() throws Exception {
        List<String> java = List.of("-cp", String.join(File.pathSeparator, CliProcess.FAT_JAR.toString(),
                BACKEND.toString(), DRIVER.toString()), "io.pgqrs.cli.Main");
        assertThat(ok(java, "admin", "install").get("installed").asBoolean()).isTrue();
        assertThat(ok(java, "queue", "create", "jobs").get("queue_name").asText()).isEqualTo("jobs");
        assertThat(ok(java, "message", "enqueue", "jobs", "{\"n\":1}").get("payload").get("n").asInt()).isEqualTo(1);
        JsonNode leased = ok(java, "message", "dequeue", "jobs", "--batch", "5");
        assertThat(leased).hasSize(1);
        assertThat(leased.get(0).get("read_ct").asInt()).isEqualTo(1);
        assertThat(ok(java, "admin", "verify").get("valid").asBoolean()).isTrue();
    }

    /** On the module path the backend module is resolved through the CLI's {@code uses} clause. */
    @Test
    void backendModuleOnModulePathServesMariadbDsns() throws Exception {
        List<String> java = List.of("-p", String.join(File.pathSeparator, CliProcess.MODULES.toString(),
                CliProcess.THIN_JAR.toString(), BACKEND.toString(), DRIVER.toString()), "-m", "io.pgqrs.cli/io.pgqrs.cli.Main");
        assertThat(ok(java, "admin", "install").get("installed").asBoolean()).isTrue();
        assertThat(ok(java, "queue", "list")).isEmpty();
    }

    /** Without the jar the same DSN names its scheme and lists the backends that are there. */
    @Test
    void withoutTheJarTheSchemeIsUnknown() throws Exception {
        CliProcess.Result r = CliProcess.fatJar("--dsn", dsn, "queue", "list");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no backend serves scheme 'mariadb'").contains("[postgres, postgresql, s3, sqlite]");
    }

    /** Two JVMs drain one MariaDB queue: every message archived exactly once, by one of them. */
    @Test
    void twoJvmsDrainOneQueue() throws Exception {
        TwoDrainers.drainAndCount(dsn, 10_000, dir, BACKEND, DRIVER);
    }

    private JsonNode ok(List<String> java, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--dsn", dsn, "--format", "json"));
        all.addAll(List.of(args));
        CliProcess.Result r = CliProcess.run(java, all.toArray(String[]::new));
        assertThat(r.exit()).as("%s: %s", List.of(args), r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB (" + SERVER + ") did not run '" + sql + "': " + e.getMessage()
                    + "; start it or set PGQRS_TEST_MARIADB_JDBC", e);
        }
    }
}
