package io.pgqrs.sqlite;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.ConcurrencyModel;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.MessageState;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.ValidationConfig;
import io.pgqrs.jdbi.JdbiStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite-only behaviour: DSN forms, the claim's query plan, in-memory stores. */
class SqliteStoreTest {
    @TempDir
    Path dir;

    /**
     * D-14: over a 100 000 backlog in three priority levels, a third of it delayed and a tenth of it in ordered groups,
     * the pick of one level is a range search of the claim index in (vt, id) order with no sort, and the group
     * condition a search of the group index.
     */
    @Test
    void d14_claimUsesIndexWithoutSort() throws Exception {
        Path file = dir.resolve("plan.db");
        Config config = Config.builder("sqlite:" + file).validation(ValidationConfig.defaults().withRateLimit(null, null)).build();
        try (Pgqrs pgqrs = Pgqrs.connect(config)) {
            pgqrs.admin().install();
            long queueId = pgqrs.admin().createQueue("plan").id();
            Message seed = pgqrs.producer("plan").enqueue(0);
            fill(file, seed, 100_000, "priority, group_key, vt", "n.i % 3, CASE WHEN n.i % 10 = 0 THEN 'g-' || (n.i % 97) END, "
                    + "CASE WHEN n.i % 3 = 0 THEN '2999-01-01 00:00:00.000000' ELSE m.vt END");
            List<String> plan = pgqrs.store().unwrap(JdbiStore.class).orElseThrow().explainClaim(queueId, pgqrs.consumer("plan").id());
            assertThat(plan).as("plan %s", plan).anyMatch(l -> l.contains("USING INDEX idx_messages_claim (queue_id=? AND priority=? AND vt<?)"));
            assertThat(plan).as("plan %s", plan).anyMatch(l -> l.contains("idx_messages_group"));
            assertThat(plan).as("plan %s", plan).noneMatch(l -> l.contains("TEMP B-TREE") || l.contains("SCAN m"));
            List<Message> claimed = pgqrs.consumer("plan").dequeue(10);
            assertThat(claimed).hasSize(10).allMatch(m -> m.priority() == 2);
        }
    }

    /**
     * A page of pending messages (the dashboard's queue page) reads the live messages by id from the newest down, even
     * when the newest rows are archived: 100 000 messages, the newer half archived.
     */
    @Test
    void pendingPageReadsLiveMessagesByIdWithoutSort() throws Exception {
        Path file = dir.resolve("page.db");
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite:" + file)) {
            pgqrs.admin().install();
            long queueId = pgqrs.admin().createQueue("page").id();
            Message seed = pgqrs.producer("page").enqueue(0);
            fill(file, seed, 100_000, "vt, archived_at", "m.vt, CASE WHEN n.i > 50000 THEN m.enqueued_at END");
            List<String> plan = pgqrs.store().unwrap(JdbiStore.class).orElseThrow().explainPage(queueId, MessageState.PENDING);
            assertThat(plan).as("plan %s", plan).anyMatch(l -> l.contains("USING INDEX idx_messages_live_by_id (queue_id=? AND id<?)"));
            assertThat(plan).as("plan %s", plan).noneMatch(l -> l.contains("TEMP B-TREE") || l.contains("SCAN m"));
            assertThat(pgqrs.admin().browseMessages("page", MessageState.PENDING, Long.MAX_VALUE, 50)).hasSize(50)
                    .allMatch(m -> m.archivedAt() == null);
        }
    }

    /** Over 1 000 000 keyed messages, finding the holder of an idempotency key is a search of its unique index. */
    @Test
    void keyLookupUsesTheUniqueIndexOverAMillionMessages() throws Exception {
        Path file = dir.resolve("keys.db");
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite:" + file)) {
            pgqrs.admin().install();
            long queueId = pgqrs.admin().createQueue("keys").id();
            Message seed = pgqrs.producer("keys").enqueue(0);
            fill(file, seed, 1_000_000, "vt, idempotency_key", "m.vt, 'k-' || n.i");
            Message duplicate = pgqrs.producer("keys").enqueue(1, EnqueueOptions.idempotencyKey("k-777777"));
            assertThat(duplicate.duplicate()).isTrue();
            String text = String.join("\n", pgqrs.store().unwrap(JdbiStore.class).orElseThrow().explainKeyLookup(queueId, "k-1"));
            assertThat(text).as(text).contains("SEARCH pgqrs_messages USING INDEX idx_messages_idempotency_key");
        }
    }

    /**
     * Adds {@code count} messages to the seed's queue in one statement (far faster than enqueueing them), then lets
     * SQLite gather statistics as a long-lived database would have.
     *
     * @param file the database
     * @param seed a message whose queue, vt and enqueue time the rows copy ({@code m.vt}, {@code m.enqueued_at})
     * @param count how many
     * @param columns further columns
     * @param values their values, from the row number {@code n.i} and the seed {@code m}
     */
    private static void fill(Path file, Message seed, int count, String columns, String values) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO pgqrs_messages (queue_id, payload, enqueued_at, read_ct, " + columns + ") "
                    + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + count + ") "
                    + "SELECT m.queue_id, '{}', m.enqueued_at, 0, " + values + " FROM n, "
                    + "(SELECT queue_id, vt, enqueued_at FROM pgqrs_messages WHERE id = " + seed.id() + ") AS m");
            s.execute("ANALYZE");
        }
    }

    /** G-6, D-8: the backend describes itself. */
    @Test
    void describesItself() {
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite:" + dir.resolve("d.db"))) {
            assertThat(pgqrs.backendName()).isEqualTo("sqlite");
            assertThat(pgqrs.concurrencyModel()).isEqualTo(ConcurrencyModel.MULTI_PROCESS_SAME_HOST);
        }
    }

    /** CFG-12: sqlite:///absolute and sqlite://relative forms open the same kind of file store. */
    @Test
    void dsnForms() throws Exception {
        Path abs = dir.resolve("abs.db");
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite://" + abs)) {
            pgqrs.admin().install();
        }
        assertThat(Files.exists(abs)).isTrue();
    }

    /** CFG-13: an in-memory store is one database shared by every thread of the connection. */
    @Test
    void memoryStoreIsShared() throws Exception {
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite::memory:")) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("mem");
            List<CompletableFuture<Message>> sends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                sends.add(CompletableFuture.supplyAsync(() -> pgqrs.producer("mem").enqueue(Map.of("n", n))));
            }
            for (var s : sends) {
                s.get();
            }
            assertThat(pgqrs.admin().queueMetrics("mem").totalMessages()).isEqualTo(8);
        }
    }

    /** A DSN without a path is INVALID_CONFIG naming the dsn field. */
    @Test
    void dsnWithoutPath() {
        assertThat(assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("sqlite:")).field()).contains("dsn");
    }

    /** A file in a missing directory is CONNECTION_FAILED saying which directory. */
    @Test
    void missingDirectory() {
        PgqrsException e = assertFails(ErrorKind.CONNECTION_FAILED, () -> Pgqrs.connect("sqlite:" + dir.resolve("no/such/dir/q.db")));
        assertThat(e.getMessage()).contains("does not exist");
    }

    /** mode=rw refuses to create a missing file and writes nothing. */
    @Test
    void modeRwDoesNotCreate() {
        Path file = dir.resolve("absent.db");
        assertFails(ErrorKind.CONNECTION_FAILED, () -> Pgqrs.connect("sqlite:" + file + "?mode=rw"));
        assertThat(Files.exists(file)).isFalse();
    }

    /** D-6: an unknown scheme lists the schemes found; empty and scheme-less DSNs are refused. */
    @Test
    void unknownScheme() {
        PgqrsException e = assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("invalid://dsn"));
        assertThat(e.field()).contains("dsn");
        assertThat(e.getMessage()).contains("Unsupported DSN format").contains("[sqlite]");
        assertThat(assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("")).field()).contains("dsn");
        assertThat(assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("just-a-path.db")).field()).contains("dsn");
        assertThat(assertFails(ErrorKind.INVALID_CONFIG, () -> Config.builder("  ").build()).field()).contains("dsn");
    }

    /** DM-15, T-12: WAL can be turned off. */
    @Test
    void walCanBeDisabled() {
        Path file = dir.resolve("nowal.db");
        try (Pgqrs pgqrs = Pgqrs.connect(Config.builder("sqlite:" + file).sqliteUseWal(false).build())) {
            pgqrs.admin().install();
        }
        assertThat(Files.exists(dir.resolve("nowal.db-wal"))).isFalse();
    }

    /** A nested transaction is a savepoint: its failure undoes only its own work, and the outer work commits. */
    @Test
    void nestedTransactionFailureUndoesOnlyItsOwnWork() {
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite:" + dir.resolve("nested.db"))) {
            pgqrs.admin().install();
            var store = pgqrs.store();
            store.inTransaction(() -> {
                store.queues().insert("outer", null);
                assertFails(ErrorKind.INTERNAL, () -> store.inTransaction(() -> {
                    store.queues().insert("inner", null);
                    throw PgqrsException.of(ErrorKind.INTERNAL, "planned failure", null);
                }));
                return null;
            });
            assertThat(store.queues().findByName("outer")).isPresent();
            assertThat(store.queues().findByName("inner")).isEmpty();
        }
    }

    /** The DSN may set PRAGMA synchronous; a value SQLite does not know is INVALID_CONFIG naming the choices. */
    @Test
    void synchronousFromDsn() {
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite:" + dir.resolve("sync.db") + "?synchronous=off")) {
            pgqrs.admin().install();
            assertThat(pgqrs.admin().createQueue("fast").name()).isEqualTo("fast");
        }
        var e = assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect("sqlite:" + dir.resolve("x.db") + "?synchronous=sometimes"));
        assertThat(e.getMessage()).contains("off, normal, full or extra").contains("sometimes");
    }
}
