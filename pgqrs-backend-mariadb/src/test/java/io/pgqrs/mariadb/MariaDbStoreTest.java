package io.pgqrs.mariadb;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pgqrs.ConcurrencyModel;
import io.pgqrs.Config;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.ValidationConfig;
import io.pgqrs.PgqrsException;
import io.pgqrs.jdbi.JdbiStore;
import io.pgqrs.tck.TestEnvironment;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MariaDB-only behaviour: the claim's plan, DSN errors, an unreachable server. */
class MariaDbStoreTest {
    private String dsn;

    @BeforeEach
    void database() {
        dsn = MariaDbTestServer.newDatabase();
    }

    @AfterEach
    void drop() {
        MariaDbTestServer.dropDatabase(dsn);
    }

    /**
     * D-14: over a 100 000 backlog in three priority levels, a third of it delayed and a tenth of it in ordered groups,
     * the locking select of one level reads idx_pgqrs_messages_claim in (vt, id) order with no filesort, and the group
     * condition reads the group index.
     */
    @Test
    void d14_claimUsesIndexWithoutSort() throws Exception {
        Config config = Config.builder(dsn).validation(ValidationConfig.defaults().withRateLimit(null, null)).build();
        try (Pgqrs pgqrs = Pgqrs.connect(config); Connection c = MariaDbTestServer.connect(dsn)) {
            pgqrs.admin().install();
            long queueId = pgqrs.admin().createQueue("plan").id();
            c.createStatement().execute("INSERT INTO pgqrs_messages (queue_id, payload, priority, group_key, vt, enqueued_at, "
                    + "read_ct) SELECT " + queueId + ", '{}', seq % 3, CASE WHEN seq % 10 = 0 THEN CONCAT('g-', seq % 97) END, "
                    + "CASE WHEN seq % 3 = 0 THEN UTC_TIMESTAMP(6) + INTERVAL 1 DAY ELSE UTC_TIMESTAMP(6) END, "
                    + "UTC_TIMESTAMP(6), 0 FROM seq_1_to_100000");
            c.createStatement().execute("ANALYZE TABLE pgqrs_messages");
            List<String> plan = pgqrs.store().unwrap(JdbiStore.class).orElseThrow().explainClaim(queueId, pgqrs.consumer("plan").id());
            assertThat(plan).as("plan %s", plan).anyMatch(l -> l.contains("idx_pgqrs_messages_claim"));
            assertThat(plan).as("plan %s", plan).anyMatch(l -> l.contains("idx_pgqrs_messages_group"));
            assertThat(plan).as("plan %s", plan).noneMatch(l -> l.contains("filesort"));
            List<Message> claimed = pgqrs.consumer("plan").dequeue(10);
            assertThat(claimed).hasSize(10).allMatch(m -> m.priority() == 2);
        }
    }

    /** Over 1 000 000 keyed messages, finding the holder of an idempotency key reads its unique index. */
    @Test
    void keyLookupUsesTheUniqueIndexOverAMillionMessages() throws Exception {
        try (Pgqrs pgqrs = Pgqrs.connect(dsn); Connection c = MariaDbTestServer.connect(dsn)) {
            pgqrs.admin().install();
            long queueId = pgqrs.admin().createQueue("keys").id();
            c.createStatement().execute("INSERT INTO pgqrs_messages (queue_id, payload, vt, enqueued_at, read_ct, "
                    + "idempotency_key) SELECT " + queueId + ", '{}', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 0, "
                    + "CONCAT('k-', seq) FROM seq_1_to_1000000");
            c.createStatement().execute("ANALYZE TABLE pgqrs_messages");
            Message duplicate = pgqrs.producer("keys").enqueue(1, EnqueueOptions.idempotencyKey("k-777777"));
            assertThat(duplicate.duplicate()).isTrue();
            String text = String.join("\n", pgqrs.store().unwrap(JdbiStore.class).orElseThrow().explainKeyLookup(queueId, "k-1"));
            assertThat(text).as(text).contains("idx_pgqrs_messages_idempotency_key").doesNotContain("ALL");
        }
    }

    /**
     * A connection killed while its statement waits for a lock is a retryable CONNECTION_FAILED naming the
     * statement, and the next call gets a fresh connection.
     */
    @Test
    void connectionLostMidStatementIsRetryableConnectionFailed() throws Exception {
        String database = URI.create(dsn).getPath().substring(1);
        try (Pgqrs pgqrs = Pgqrs.connect(dsn); Connection locker = MariaDbTestServer.connect(dsn)) {
            pgqrs.admin().install();
            long lockerId = scalar(locker, "SELECT CONNECTION_ID()");
            locker.createStatement().execute("LOCK TABLES pgqrs_queues WRITE");
            CompletableFuture<?> blocked = CompletableFuture.runAsync(() -> pgqrs.admin().createQueue("cut-off"));
            String others = "FROM information_schema.PROCESSLIST WHERE DB = '" + database + "' AND ID <> " + lockerId;
            TestEnvironment.awaitTrue("the insert waits for the lock", Duration.ofSeconds(10),
                    () -> scalar(locker, "SELECT count(*) " + others + " AND STATE LIKE 'Waiting for table%'") == 1);
            for (long id : ids(locker, "SELECT ID " + others)) {
                locker.createStatement().execute("KILL CONNECTION " + id);
            }
            Throwable failure = assertThrows(ExecutionException.class,
                    () -> blocked.get(TestEnvironment.timeout(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS))
                    .getCause();
            locker.createStatement().execute("UNLOCK TABLES");

            assertThat(failure).isInstanceOf(PgqrsException.class);
            PgqrsException e = (PgqrsException) failure;
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.CONNECTION_FAILED);
            assertThat(e.retryable()).isTrue();
            assertThat(e.query()).isPresent();
            assertThat(pgqrs.admin().createQueue("after-kill").name()).isEqualTo("after-kill");
        }
    }

    private static long scalar(Connection c, String sql) {
        List<Long> values = ids(c, sql);
        return values.get(0);
    }

    private static List<Long> ids(Connection c, String sql) {
        try (var rs = c.createStatement().executeQuery(sql)) {
            List<Long> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The backend describes itself. */
    @Test
    void describesItself() {
        try (Pgqrs pgqrs = Pgqrs.connect(dsn)) {
            assertThat(pgqrs.backendName()).isEqualTo("mariadb");
            assertThat(pgqrs.concurrencyModel()).isEqualTo(ConcurrencyModel.MULTI_PROCESS);
        }
    }

    /** Malformed DSNs are INVALID_CONFIG naming the problem, never echoing the password. */
    @Test
    void badDsns() {
        var noDb = assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("mariadb://root:s3cret@127.0.0.1:3306"));
        assertThat(noDb.getMessage()).contains("needs a host and one database").doesNotContain("s3cret");
        var option = assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect(dsn + "?colour=blue"));
        assertThat(option.getMessage()).contains("unknown option 'colour'");
        var missing = assertFails(ErrorKind.CONNECTION_FAILED, () -> Pgqrs.connect(dsn + "_missing"));
        assertThat(missing.getMessage()).contains("_missing");
    }

    /** Nothing listening: CONNECTION_FAILED within the connection timeout, not a hang. */
    @Test
    void unreachableServerFailsFast() {
        Instant start = Instant.now();
        var e = assertFails(ErrorKind.CONNECTION_FAILED, () -> Pgqrs.connect(Config.builder("mariadb://root@127.0.0.1:9/test")
                .connectionTimeout(Duration.ofSeconds(2)).build()));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(e.getMessage()).contains("127.0.0.1:9");
    }
}
