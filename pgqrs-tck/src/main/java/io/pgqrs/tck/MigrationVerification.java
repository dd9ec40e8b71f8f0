package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueMetrics;
import io.pgqrs.SchemaMigration;
import io.pgqrs.SchemaVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schema migrations: stores in this library's earlier layouts are brought up to date by {@code install()} in place,
 * their rows untouched; a store migrated by a newer library is refused before anything is written; two installs at
 * once make one schema. A backend whose tables the reference implementation also writes extends
 * {@link ReferenceMigrationVerification} instead, which adds the reference layout.
 *
 * <p>A backend gives its first layout as statements and a JDBC connection to a store outside the library. When a test
 * fails, look at the backend's migrations and at the lock that serializes them.
 */
public abstract class MigrationVerification {
    /** A queue, a stopped producer, a live message {@code {"n":1}} and an archived one {@code {"n":2}}. */
    protected static final List<String> LEGACY_ROWS = List.of(
            "INSERT INTO pgqrs_queues (queue_name, created_at) VALUES ('legacy', '2020-01-01 00:00:00')",
            "INSERT INTO pgqrs_workers (name, queue_id, started_at, heartbeat_at, status) VALUES ('legacy_producer', "
                    + "(SELECT id FROM pgqrs_queues WHERE queue_name = 'legacy'), '2020-01-01 00:00:00', "
                    + "'2020-01-01 00:00:00', 'stopped')",
            legacyMessage("{\"n\":1}", "NULL"),
            legacyMessage("{\"n\":2}", "'2020-01-01 00:30:00'"));

    private final List<Pgqrs> opened = new ArrayList<>();
    /** The test's store, not installed. */
    private Config store;

    /** @return the backend's fixture; its fresh stores are empty */
    protected abstract StoreFixture fixture();

    /** @return the statements of the backend's migration 1, as a store at version 1 ran them */
    protected abstract List<String> firstLayout();

    /**
     * @param config a store
     * @return a plain JDBC connection to it, outside the library (on PostgreSQL with the store's schema as its search
     *         path), in auto-commit mode; the kit closes it
     * @throws SQLException when it cannot connect
     */
    protected abstract Connection connectDirectly(Config config) throws SQLException;

    /**
     * Runs statements on a store outside the library, in order, each committed.
     *
     * @param config the store
     * @param statements the statements
     */
    protected final void execute(Config config, List<String> statements) {
        try (Connection c = connectDirectly(config); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the store " + config.dsn() + ": " + e.getMessage(), e);
        }
    }

    private static String legacyMessage(String payload, String archivedAt) {
        return "INSERT INTO pgqrs_messages (queue_id, payload, vt, enqueued_at, read_ct, producer_worker_id, archived_at) "
                + "VALUES ((SELECT id FROM pgqrs_queues WHERE queue_name = 'legacy'), '" + payload + "', "
                + "'2020-01-01 00:00:00', '2020-01-01 00:00:00', 0, "
                + "(SELECT id FROM pgqrs_workers WHERE name = 'legacy_producer'), " + archivedAt + ")";
    }

    /**
     * Closes the test's connections and removes its store. It runs after the nested groups' tests too, which made no
     * store here: made on first use, not before each test, the store exists only for this class's own tests.
     */
    @AfterEach
    final void closeStore() {
        opened.forEach(Pgqrs::close);
        opened.clear();
        if (store != null) {
            store = null;
            fixture().cleanUp();
        }
    }

    /** @return the test's store, made on first use, not installed */
    protected final Config store() {
        if (store == null) {
            store = fixture().freshStore().build();
        }
        return store;
    }

    /** @return a connection to the test's store, closed after the test */
    protected final Pgqrs connect() {
        Pgqrs p = Pgqrs.connect(store());
        opened.add(p);
        return p;
    }

    /** A store at this library's version 1 (with its version record) is upgraded; its rows stay. */
    @Test
    public void m2_firstLayoutUpgraded() {
        execute(store(), firstLayout());
        execute(store(), List.of("INSERT INTO pgqrs_schema_version (version, description) VALUES (1, 'first layout')"));
        execute(store(), LEGACY_ROWS);
        Pgqrs p = connect();
        assertThat(p.admin().schemaVersion().installed()).isEqualTo(1);
        assertThat(p.admin().migrationPlan()).extracting(SchemaMigration::version).doesNotContain(1).isNotEmpty();

        p.admin().install();

        assertUpToDate(p);
        assertLegacyRowsWork(p);
    }

    /** A store of this library's tables installed before versions were recorded (no version row) is upgraded. */
    @Test
    public void m3_unversionedInstallUpgraded() {
        execute(store(), firstLayout());
        execute(store(), LEGACY_ROWS);
        Pgqrs p = connect();
        assertThat(p.admin().schemaVersion().installed()).isZero();

        p.admin().install();

        assertUpToDate(p);
        assertLegacyRowsWork(p);
    }

    /**
     * A store whose recorded version is above this library's is refused by install, verify, the dry run and queue
     * creation with {@code SCHEMA_VALIDATION} naming both versions, and install writes nothing (the store keeps lacking the tables
     * migration 1 would add).
     */
    @Test
    public void m4_newerSchemaRefusedWithoutWriting() {
        Pgqrs p = connect();
        int latest = p.admin().schemaVersion().latest();
        execute(store(), List.of(
                "CREATE TABLE pgqrs_schema_version (version INTEGER PRIMARY KEY, description VARCHAR(255) NOT NULL, "
                        + "applied_at VARCHAR(40))",
                "INSERT INTO pgqrs_schema_version (version, description) VALUES (" + (latest + 1) + ", 'from the future')"));

        String refused = assertFails(ErrorKind.SCHEMA_VALIDATION, () -> p.admin().install()).getMessage();
        assertThat(refused).contains("version " + (latest + 1)).contains("newer").contains(String.valueOf(latest))
                .contains("upgrade pgqrs");
        assertFails(ErrorKind.SCHEMA_VALIDATION, () -> p.admin().migrationPlan());
        assertThat(assertFails(ErrorKind.SCHEMA_VALIDATION, () -> p.admin().verify()).getMessage()).contains("newer");
        assertThat(assertFails(ErrorKind.SCHEMA_VALIDATION, () -> p.admin().createQueue("refused")).getMessage())
                .as("no write through the library either").contains("newer");
        assertThat(p.store().schema().missingTables(List.of("pgqrs_queues", "pgqrs_message_failures")))
                .as("install wrote nothing").containsExactly("pgqrs_queues", "pgqrs_message_failures");
        assertThat(p.admin().schemaVersion().installed()).isEqualTo(latest + 1);
    }

    /**
     * Two connections installing an empty store at the same moment both succeed (one migrates, the other waits for
     * it and finds nothing to do), and the store ends at this library's version.
      *
      * @throws Exception the failure of one of the test's threads, or its timeout, as {@code Future.get} reports it
     */
    @Test
    public void m5_racingInstallsMakeOneSchema() throws Exception {
        Pgqrs first = connect();
        Pgqrs second = connect();
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> awaitThenInstall(start, first));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> awaitThenInstall(start, second));
        start.countDown();
        long seconds = TestEnvironment.timeout(Duration.ofSeconds(60)).toSeconds();
        CompletableFuture.allOf(a, b).get(seconds, TimeUnit.SECONDS);
        assertUpToDate(first);
        assertUpToDate(second);
        first.admin().createQueue("after_race");
        assertThat(second.producer("after_race").enqueue(Map.of("n", 1)).id()).isPositive();
    }

    private static void awaitThenInstall(CountDownLatch start, Pgqrs p) {
        try {
            if (!start.await(TestEnvironment.timeout(Duration.ofSeconds(10)).toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the race never started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        p.admin().install();
    }

    /** @param p a connection whose store must be at this library's version, with nothing left to run */
    protected static void assertUpToDate(Pgqrs p) {
        SchemaVersion after = p.admin().schemaVersion();
        assertThat(after.isCurrent()).as("schema version %s", after).isTrue();
        assertThat(p.admin().migrationPlan()).isEmpty();
        p.admin().verify();
    }

    /**
     * @param p a connection to an upgraded store that held {@link #LEGACY_ROWS}: they are intact, the live message is
     *        delivered and settled, and new messages carry headers
     */
    protected static void assertLegacyRowsWork(Pgqrs p) {
        QueueMetrics metrics = p.admin().queueMetrics("legacy");
        assertThat(metrics.totalMessages()).isEqualTo(2);
        assertThat(metrics.archivedMessages()).isEqualTo(1);
        assertThat(p.admin().listWorkers("legacy")).singleElement()
                .satisfies(w -> assertThat(w.name()).isEqualTo("legacy_producer"));
        Consumer consumer = p.consumer("legacy");
        List<Message> got = consumer.dequeue(10);
        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.payload().get("n").asInt()).isEqualTo(1);
            assertThat(m.headers()).isEmpty();
        });
        assertThat(consumer.archive(got.get(0).id())).isTrue();
        Message fresh = p.producer("legacy").enqueue(Map.of("n", 3), EnqueueOptions.none().withHeader("k", "v"));
        assertThat(p.admin().getMessage(fresh.id()).headers()).isEqualTo(Map.of("k", "v"));
        assertThat(fresh.id()).isGreaterThan(got.get(0).id());
    }
}
