package io.pgqrs.postgres;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pgqrs.Config;
import io.pgqrs.ConcurrencyModel;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.ValidationConfig;
import io.pgqrs.jdbi.JdbiStore;
import io.pgqrs.tck.TestEnvironment;
import io.pgqrs.testsupport.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PostgreSQL-only behaviour: the claim plan, schemas, DSNs, connection failures and LISTEN/NOTIFY. */
class PostgresStoreTest {
    private final PostgresServer server = PostgresServer.get();
    private String schema;

    @BeforeEach
    void createSchema() {
        schema = server.newSchema("pgt");
    }

    @AfterEach
    void dropSchema() {
        server.dropSchema(schema);
    }

    private Config.Builder config() {
        return Config.builder(server.dsn()).schema(schema).maxConnections(4);
    }

    /**
     * Over a 100 000 backlog in three priority levels, a third of it delayed and a tenth of it in ordered groups, the
     * claim of a level is an index range under the LIMIT, with no sort; the group condition is a probe of the group
     * index.
     */
    @Test
    void d14_claimIsIndexScanUnderLimit() {
        try (Pgqrs pgqrs = Pgqrs.connect(config().validation(ValidationConfig.defaults().withRateLimit(null, null)).build())) {
            pgqrs.admin().install();
            long queueId = pgqrs.admin().createQueue("plan").id();
            server.execute("INSERT INTO " + schema + ".pgqrs_messages (queue_id, payload, priority, group_key, vt, "
                    + "enqueued_at, read_ct) SELECT " + queueId + ", '{}', i % 3, CASE WHEN i % 10 = 0 THEN 'g-' || (i % 97) "
                    + "END, now() + CASE WHEN i % 3 = 0 THEN interval '1 day' ELSE interval '0' END, now(), 0 "
                    + "FROM generate_series(1, 100000) AS i");
            server.execute("ANALYZE " + schema + ".pgqrs_messages");
            List<String> plan = pgqrs.store().unwrap(JdbiStore.class).orElseThrow().explainClaim(queueId, pgqrs.consumer("plan").id());
            String text = String.join("\n", plan);
            assertThat(text).as(text).contains("Limit").contains("Index Scan using idx_pgqrs_messages_claim")
                    .contains("LockRows").contains("idx_pgqrs_messages_group");
            assertThat(text).as(text).doesNotContain("Sort").doesNotContain("Seq Scan");
            assertThat(text.indexOf("Limit")).as(text).isLessThan(text.indexOf("Index Scan using idx_pgqrs_messages_claim"));
            List<Message> claimed = pgqrs.consumer("plan").dequeue(10);
            assertThat(claimed).hasSize(10).allMatch(m -> m.priority() == 2);
        }
    }

    /**
     * A claim and an enqueue check no foreign key to the workers (each checked row cost a lookup and a lock on the
     * worker's row); a worker that a message names still cannot be deleted (the library checks), and verify reports a
     * message that names a missing worker.
     */
    @Test
    void messagesHaveNoForeignKeyToWorkersAndAReferencedWorkerIsStillKept() throws Exception {
        try (Pgqrs pgqrs = Pgqrs.connect(config().build())) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("fk");
            try (Connection c = PostgresServer.connect(server.dsn());
                 var rows = c.createStatement().executeQuery("SELECT confrelid::regclass::text FROM pg_constraint "
                         + "WHERE conrelid = '" + schema + ".pgqrs_messages'::regclass AND contype = 'f' ORDER BY 1")) {
                List<String> referenced = new java.util.ArrayList<>();
                while (rows.next()) {
                    referenced.add(rows.getString(1));
                }
                assertThat(referenced).containsExactly(schema + ".pgqrs_queues");
            }
            pgqrs.producer("fk").enqueue(Map.of("n", 1));
            var consumer = pgqrs.consumer("fk");
            assertThat(consumer.dequeue(1)).hasSize(1);
            assertFails(ErrorKind.VALIDATION_FAILED, () -> pgqrs.admin().deleteWorker(consumer.id()));
            assertThat(pgqrs.admin().listWorkers("fk")).extracting(w -> w.id()).contains(consumer.id());
            server.execute("UPDATE " + schema + ".pgqrs_messages SET consumer_worker_id = " + (consumer.id() + 1000));
            assertThat(assertFails(ErrorKind.SCHEMA_VALIDATION, () -> pgqrs.admin().verify()).getMessage())
                    .contains("1 messages with invalid worker refs");
        }
    }

    /** Over 1 000 000 keyed messages, finding the holder of an idempotency key is a lookup in its unique index. */
    @Test
    void keyLookupUsesTheUniqueIndexOverAMillionMessages() {
        try (Pgqrs pgqrs = Pgqrs.connect(config().build())) {
            pgqrs.admin().install();
            long queueId = pgqrs.admin().createQueue("keys").id();
            server.execute("INSERT INTO " + schema + ".pgqrs_messages (queue_id, payload, vt, enqueued_at, read_ct, "
                    + "idempotency_key) SELECT " + queueId + ", '{}', now(), now(), 0, 'k-' || i "
                    + "FROM generate_series(1, 1000000) AS i");
            server.execute("ANALYZE " + schema + ".pgqrs_messages");
            Message duplicate = pgqrs.producer("keys").enqueue(1, EnqueueOptions.idempotencyKey("k-777777"));
            assertThat(duplicate.duplicate()).isTrue();
            String text = String.join("\n", pgqrs.store().unwrap(JdbiStore.class).orElseThrow().explainKeyLookup(queueId, "k-1"));
            assertThat(text).as(text).contains("Index Scan using idx_pgqrs_messages_idempotency_key").doesNotContain("Seq Scan");
        }
    }

    /** Tables live in the configured schema; the backend describes itself. */
    @Test
    void t17_tablesLiveInConfiguredSchema() throws Exception {
        try (Pgqrs pgqrs = Pgqrs.connect(config().build())) {
            assertThat(pgqrs.backendName()).isEqualTo("postgres");
            assertThat(pgqrs.concurrencyModel()).isEqualTo(ConcurrencyModel.MULTI_PROCESS);
            pgqrs.admin().install();
            pgqrs.admin().createQueue("inside");
        }
        try (var c = PostgresServer.connect(server.dsn());
             var rs = c.createStatement().executeQuery("SELECT queue_name FROM " + schema + ".pgqrs_queues")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("inside");
        }
    }

    /** Another schema's tables do not make this one installed; the two never see each other's queues. */
    @Test
    void dm21_schemasAreIsolated() {
        String other = server.newSchema("pgt");
        try (Pgqrs a = Pgqrs.connect(config().build());
             Pgqrs b = Pgqrs.connect(Config.builder(server.dsn()).schema(other).build())) {
            a.admin().install();
            a.admin().createQueue("only-in-a");
            assertThat(assertFails(ErrorKind.SCHEMA_VALIDATION, b.admin()::verify).getMessage()).contains("pgqrs_queues");
            b.admin().install();
            assertThat(b.admin().listQueues()).isEmpty();
            b.admin().createQueue("only-in-a");
        } finally {
            server.dropSchema(other);
        }
    }

    /** Install into a schema that does not exist fails (MIGRATION_FAILED, migration 1) saying so, and creates nothing. */
    @Test
    void dm18_missingSchemaIsNotCreated() {
        try (Pgqrs pgqrs = Pgqrs.connect(Config.builder(server.dsn()).schema("pgt_absent_schema").build())) {
            PgqrsException e = assertFails(ErrorKind.MIGRATION_FAILED, () -> pgqrs.admin().install());
            assertThat(e.getMessage()).contains("pgt_absent_schema").contains("does not exist");
            assertThat(assertFails(ErrorKind.SCHEMA_VALIDATION, () -> pgqrs.admin().listQueues()).getMessage()).contains("pgqrs admin install");
        }
    }

    /** A schema name with a quote or a semicolon is INVALID_CONFIG, from the builder and from the DSN. */
    @Test
    void dm19_schemaCannotInjectSql() {
        assertThat(assertFails(ErrorKind.INVALID_CONFIG, () -> Config.builder(server.dsn()).schema("a\"b")).field()).contains("schema");
        String dsn = server.dsn() + (server.dsn().contains("?") ? "&" : "?") + "schema=x%3Bdrop";
        assertThat(assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect(dsn)).field()).contains("schema");
    }

    /** The schema may come from the DSN's query. */
    @Test
    void schemaFromDsn() {
        try (Pgqrs pgqrs = Pgqrs.connect(server.dsn(schema) + "&application_name=tck")) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("dsn-schema");
        }
        try (Pgqrs pgqrs = Pgqrs.connect(config().build())) {
            assertThat(pgqrs.admin().getQueue("dsn-schema").name()).isEqualTo("dsn-schema");
        }
    }

    /** Malformed DSNs and unknown or bad options are INVALID_CONFIG, and the password never appears in the message. */
    @Test
    void badDsns() {
        assertThat(assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("postgres:///db")).getMessage()).contains("no host");
        PgqrsException unknown = assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("postgres://u:topsecret@127.0.0.1/db?frobnicate=1"));
        assertThat(unknown.getMessage()).contains("frobnicate").doesNotContain("topsecret");
        assertThat(assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("postgres://h/db?connect_timeout=soon")).getMessage())
                .contains("connect_timeout");
        assertThat(assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("postgres://h/db?pooler=session")).getMessage())
                .contains("pooler must be 'transaction'");
        assertThat(assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("postgres://h/db?pooler=transaction&listen_port=5432"))
                .getMessage()).contains("listen_port needs listen_host");
        assertThat(assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("postgres://h/db?listen_host=h&listen_port=x"))
                .getMessage()).contains("listen_port must be a TCP port");
    }

    /** An unreachable port is CONNECTION_FAILED within the connection timeout, not a hang. */
    @Test
    void unreachablePortFailsFast() {
        Instant start = Instant.now();
        PgqrsException e = assertFails(ErrorKind.CONNECTION_FAILED, () -> Pgqrs.connect(
                Config.builder("postgres://postgres:hunter2@127.0.0.1:1/test").connectionTimeout(Duration.ofSeconds(2)).build()));
        assertThat(Duration.between(start, Instant.now())).isLessThan(TestEnvironment.timeout(Duration.ofSeconds(15)));
        assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain("hunter2");
    }

    /**
     * A connection that breaks while a statement runs (here: its backend is terminated while the statement waits
     * for a lock, as in a server restart) is a retryable CONNECTION_FAILED naming the statement, logged in one WARN
     * line without a stack trace; the next call gets a fresh connection.
     */
    @Test
    void connectionLostMidStatementIsRetryableConnectionFailed() throws Exception {
        String app = "pgqrs-" + schema;
        String dsn = server.dsn() + (server.dsn().contains("?") ? "&" : "?") + "application_name=" + app;
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Pgqrs pgqrs = Pgqrs.connect(Config.builder(dsn).schema(schema).maxConnections(4).build());
             Connection locker = PostgresServer.connect(server.dsn())) {
            pgqrs.admin().install();
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE \"" + schema + "\".pgqrs_queues IN ACCESS EXCLUSIVE MODE");
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            CompletableFuture<?> blocked = CompletableFuture.runAsync(() -> pgqrs.admin().createQueue("cut-off"));
            TestEnvironment.awaitTrue("the insert waits for the lock", Duration.ofSeconds(10),
                    () -> count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + app
                            + "' AND wait_event_type = 'Lock'") == 1);
            server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + app + "'");
            Throwable failure = assertThrows(ExecutionException.class,
                    () -> blocked.get(TestEnvironment.timeout(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS))
                    .getCause();
            locker.rollback();

            assertThat(failure).isInstanceOf(PgqrsException.class);
            PgqrsException e = (PgqrsException) failure;
            assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION_FAILED);
            assertThat(e.retryable()).isTrue();
            assertThat(e.query()).isPresent();
            assertThat(pgqrs.admin().createQueue("after-restart").name()).isEqualTo("after-restart");
        } finally {
            System.setErr(stderr);
        }
        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).noneMatch(l -> l.contains("marked as broken")).noneMatch(l -> l.startsWith("\tat "));
        assertThat(lines).filteredOn(l -> l.contains("WARN") && l.contains("the connection broke")).hasSize(1);
    }

    private long count(String sql) {
        try (Connection c = PostgresServer.connect(server.dsn()); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A missing database or an unknown role is CONNECTION_FAILED naming it. */
    @Test
    void missingDatabaseOrRole() {
        String base = server.dsn().replaceFirst("/[^/?]*(\\?.*)?$", "");
        assertThat(assertFails(ErrorKind.CONNECTION_FAILED, () -> Pgqrs.connect(base + "/pgqrs_no_such_db")).getMessage())
                .contains("pgqrs_no_such_db");
        String noRole = base.replaceFirst("//[^@]*@", "//pgqrs_no_such_role@") + "/test";
        assertThat(assertFails(ErrorKind.CONNECTION_FAILED, () -> Pgqrs.connect(noRole)).getMessage()).contains("pgqrs_no_such_role");
    }

    /** Without an application clock, enqueue and lease times come from the server. */
    @Test
    void d7_timesComeFromServerClock() throws Exception {
        try (Pgqrs pgqrs = Pgqrs.connect(config().build())) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("clock");
            Message m = pgqrs.producer("clock").enqueue(Map.of("n", 1));
            Instant serverNow;
            try (var c = PostgresServer.connect(server.dsn()); var rs = c.createStatement().executeQuery("SELECT now()")) {
                rs.next();
                serverNow = rs.getObject(1, OffsetDateTime.class).toInstant();
            }
            assertThat(Duration.between(m.enqueuedAt(), serverNow).abs()).isLessThan(Duration.ofSeconds(5));
            Message leased = pgqrs.consumer("clock").dequeue(1, Duration.ofSeconds(60)).get(0);
            assertThat(Duration.between(leased.dequeuedAt(), leased.vt())).isEqualTo(Duration.ofSeconds(60));
        }
    }

    /** LISTEN/NOTIFY: an enqueue on one connection notifies the store of another with the queue id. */
    @Test
    void notifyReachesOtherConnection() throws Exception {
        try (Pgqrs listening = Pgqrs.connect(config().build());
             Pgqrs producing = Pgqrs.connect(config().build())) {
            listening.admin().install();
            long queueId = listening.admin().createQueue("notify").id();
            Set<Long> notified = ConcurrentHashMap.newKeySet();
            try (AutoCloseable subscription = listening.store().subscribe(notified::add)) {
                // LISTEN runs on its own thread; keep enqueueing until one notification arrives, so no timing is assumed.
                var producer = producing.producer("notify");
                TestEnvironment.awaitTrue("a notification for queue " + queueId, Duration.ofSeconds(10), () -> {
                    producer.enqueue(Map.of("n", 1));
                    return notified.contains(queueId);
                });
            }
        }
    }

    /** LISTEN/NOTIFY: a consumer idling with a 30 s poll interval wakes when another connection enqueues. */
    @Test
    void notifyWakesIdleConsumerOfAnotherConnection() throws Exception {
        try (Pgqrs consumerSide = Pgqrs.connect(config().pollInterval(Duration.ofSeconds(30)).build());
             Pgqrs producerSide = Pgqrs.connect(config().build())) {
            consumerSide.admin().install();
            consumerSide.admin().createQueue("wake");
            IdleConsumerWakeUp.assertWakes(consumerSide, producerSide, "wake", Duration.ofSeconds(10));
        }
    }
}
