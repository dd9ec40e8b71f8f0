package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Capability;
import io.pgqrs.Consumer;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.Producer;
import io.pgqrs.QueueRecord;
import io.pgqrs.ValidationConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Enqueue and settle inside the application's own transaction, on its own JDBC connection (plain, and from a
 * HikariCP pool): commit makes the work visible, rollback leaves no trace, the connection keeps its autocommit, and a
 * connection that cannot carry the call is refused before anything is written. A backend without the capability
 * must refuse with {@code UNSUPPORTED}. When a test fails, check that every port call of the thread joins the
 * caller's connection and that nothing on it is committed or rolled back by the store.
 */
public abstract class CallerTransactionVerification extends Verification {

    /** The application's connection: opened on its own, or borrowed from a HikariCP pool. */
    public enum Source {
        /** Straight from the fixture's data source. */
        PLAIN,
        /** From a HikariCP pool over it. */
        HIKARI
    }

    private CallerSide caller;
    private String queue;
    private QueueRecord queueRecord;

    @BeforeEach
    final void openCallerSide() throws SQLException {
        queue = newQueue();
        queueRecord = admin.getQueue(queue);
        if (pgqrs.supports(Capability.CALLER_TRANSACTIONS)) {
            CallerDatabase database = fixture().callerDatabase(pgqrs.config()).orElseThrow(() -> new AssertionError(
                    "The backend declares CALLER_TRANSACTIONS, so its fixture must supply StoreFixture.callerDatabase"));
            caller = new CallerSide(database);
        }
    }

    @AfterEach
    final void closeCallerSide() {
        if (caller != null) {
            caller.close();
        }
    }

    /**
     * With autocommit off, an enqueue is invisible until the caller commits, then visible with the caller's write.
     *
     * @param source where the application's connection comes from
     * @throws SQLException when one of the test's own statements on the application's connection fails
     */
    @ParameterizedTest
    @EnumSource(Source.class)
    public void ct1_enqueueCommitsWithTheCallersWrite(Source source) throws SQLException {
        if (refusedWithoutTheCapability()) {
            return;
        }
        Producer producer = pgqrs.producer(queue);
        Message m;
        try (Connection c = caller.open(source)) {
            c.setAutoCommit(false);
            caller.insertOrder(c, 1);
            m = producer.withConnection(c).enqueue(Map.of("order", 1));
            assertThat(c.getAutoCommit()).as("autocommit kept off").isFalse();
            assertThat(liveMessages()).as("visible before the commit").isZero();
            c.commit();
        }
        assertThat(caller.orders()).isEqualTo(1);
        assertThat(pgqrs.consumer(queue).dequeue(10)).extracting(Message::id).containsExactly(m.id());
    }

    /**
     * A rolled-back batch leaves no message, no worker row and no business row.
     *
     * @param source where the application's connection comes from
     * @throws SQLException when one of the test's own statements on the application's connection fails
     */
    @ParameterizedTest
    @EnumSource(Source.class)
    public void ct2_rollbackLeavesNoTrace(Source source) throws SQLException {
        if (refusedWithoutTheCapability()) {
            return;
        }
        Producer producer = pgqrs.producer(queue);
        long workers = pgqrs.store().workers().countByQueue(queueRecord.id());
        try (Connection c = caller.open(source)) {
            c.setAutoCommit(false);
            caller.insertOrder(c, 1);
            assertThat(producer.withConnection(c).enqueueBatch(List.of(1, 2, 3))).hasSize(3);
            c.rollback();
        }
        assertThat(liveMessages()).isZero();
        assertThat(pgqrs.store().workers().countByQueue(queueRecord.id())).isEqualTo(workers);
        assertThat(caller.orders()).isZero();
        assertThat(pgqrs.consumer(queue).dequeue(10)).isEmpty();
    }

    /**
     * A committed batch arrives whole and in order.
     *
     * @param source where the application's connection comes from
     * @throws SQLException when one of the test's own statements on the application's connection fails
     */
    @ParameterizedTest
    @EnumSource(Source.class)
    public void ct3_batchCommitsWhole(Source source) throws SQLException {
        if (refusedWithoutTheCapability()) {
            return;
        }
        Producer producer = pgqrs.producer(queue);
        List<Message> sent;
        try (Connection c = caller.open(source)) {
            c.setAutoCommit(false);
            sent = producer.withConnection(c).enqueueBatch(List.of(1, 2, 3));
            c.commit();
        }
        assertThat(pgqrs.consumer(queue).dequeue(10)).extracting(Message::id)
                .containsExactlyElementsOf(sent.stream().map(Message::id).toList());
    }

    /**
     * Dequeue, the caller's write and archive commit together: the message is archived and its effect stored once.
     *
     * @param source where the application's connection comes from
     * @throws SQLException when one of the test's own statements on the application's connection fails
     */
    @ParameterizedTest
    @EnumSource(Source.class)
    public void ct4_dequeueWriteArchiveCommitTogether(Source source) throws SQLException {
        if (refusedWithoutTheCapability()) {
            return;
        }
        Message sent = pgqrs.producer(queue).enqueue(Map.of("order", 7));
        dequeueWriteArchive(source, sent, true);
        assertThat(caller.orders()).isEqualTo(1);
        assertThat(pgqrs.store().messages().get(sent.id()).orElseThrow().archivedAt()).isNotNull();
        assertThat(pgqrs.consumer(queue).dequeue(10)).isEmpty();
    }

    /**
     * A rollback after dequeue, write and archive undoes all three: the message is deliverable again at once, as new.
     *
     * @param source where the application's connection comes from
     * @throws SQLException when one of the test's own statements on the application's connection fails
     */
    @ParameterizedTest
    @EnumSource(Source.class)
    public void ct5_rollbackUndoesLeaseAndArchive(Source source) throws SQLException {
        if (refusedWithoutTheCapability()) {
            return;
        }
        Message sent = pgqrs.producer(queue).enqueue(Map.of("order", 7));
        dequeueWriteArchive(source, sent, false);
        assertThat(caller.orders()).isZero();
        List<Message> again = pgqrs.consumer(queue).dequeue(10);
        assertThat(again).extracting(Message::id).containsExactly(sent.id());
        assertThat(again.get(0).readCt()).as("the rolled-back delivery is not counted").isEqualTo(1);
    }

    /**
     * With autocommit on, each call commits on its own when it returns, and autocommit stays on.
     *
     * @param source where the application's connection comes from
     * @throws SQLException when one of the test's own statements on the application's connection fails
     */
    @ParameterizedTest
    @EnumSource(Source.class)
    public void ct6_autocommitCommitsEachCall(Source source) throws SQLException {
        if (refusedWithoutTheCapability()) {
            return;
        }
        Producer producer = pgqrs.producer(queue);
        try (Connection c = caller.open(source)) {
            c.setAutoCommit(true);
            producer.withConnection(c).enqueue(Map.of("order", 1));
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(liveMessages()).as("committed by the call itself").isEqualTo(1);
        }
    }

    /**
     * A closed connection is refused before anything is written.
     *
     * @param source where the application's connection comes from
     * @throws SQLException when one of the test's own statements on the application's connection fails
     */
    @ParameterizedTest
    @EnumSource(Source.class)
    public void ct7_closedConnectionRefused(Source source) throws SQLException {
        if (refusedWithoutTheCapability()) {
            return;
        }
        Connection c = caller.open(source);
        c.close();
        assertRefused(c);
    }

    /**
     * A read-only connection is refused before anything is written.
     *
     * @throws SQLException when one of the test's own statements on the application's connection fails
     */
    @Test
    public void ct8_readOnlyConnectionRefused() throws SQLException {
        if (refusedWithoutTheCapability()) {
            return;
        }
        try (Connection c = caller.database().openReadOnly()) {
            assertRefused(c);
        }
    }

    /**
     * A connection to another database (or schema) than the store's is detected and refused; nothing is written.
     *
     * @throws SQLException when one of the test's own statements on the application's connection fails
     */
    @Test
    public void ct9_otherDatabaseRefused() throws SQLException {
        if (refusedWithoutTheCapability()) {
            return;
        }
        try (Connection c = caller.database().otherDataSource().getConnection()) {
            c.setAutoCommit(false);
            assertThat(assertRefused(c).getMessage()).contains("store's");
            assertThat(c.getAutoCommit()).isFalse();
            c.rollback();
        }
    }

    /**
     * Four producers enqueue with their business write and two consumers settle with theirs, each in transactions
     * of their own on pooled connections, retried when the database gives one up: every order gets exactly one
     * message, and every message is processed and archived exactly once.
      *
      * @throws Exception the failure of one of the test's threads, or its timeout, as {@code Future.get} reports it
     */
    @Test
    public void ct11_concurrentTransactionsCountEveryMessage() throws Exception {
        if (refusedWithoutTheCapability()) {
            return;
        }
        int producers = 4;
        int transactionsEach = 25;
        int total = producers * transactionsEach * 2;
        Pgqrs live = connect(b -> b.clock(null).defaultLockTime(Duration.ofMinutes(10))
                .validation(ValidationConfig.defaults().withRateLimit(null, null)));
        caller.createProcessedTable();
        AtomicInteger processed = new AtomicInteger();
        Instant deadline = Instant.now().plus(TestEnvironment.timeout(Duration.ofMinutes(2)));
        ExecutorService threads = Executors.newFixedThreadPool(producers + 2);
        List<Future<?>> tasks = new ArrayList<>();
        try {
            for (int p = 0; p < producers; p++) {
                int first = p * transactionsEach * 2;
                tasks.add(threads.submit(() -> {
                    Producer producer = live.producer(queue);
                    for (int t = 0; t < transactionsEach; t++) {
                        long a = first + 2L * t;
                        caller.inTransaction(c -> {
                            caller.insertOrder(c, a);
                            caller.insertOrder(c, a + 1);
                            return producer.withConnection(c).enqueueBatch(List.of(Map.of("order", a), Map.of("order", a + 1)));
                        });
                    }
                    return null;
                }));
            }
            for (int k = 0; k < 2; k++) {
                tasks.add(threads.submit(() -> {
                    Consumer consumer = live.consumer(queue);
                    while (processed.get() < total && Instant.now().isBefore(deadline)) {
                        processed.addAndGet(caller.inTransaction(c -> {
                            Consumer tx = consumer.withConnection(c);
                            List<Message> got = tx.dequeue(5);
                            for (Message m : got) {
                                caller.insertProcessed(c, m.id(), m.payload().get("order").asLong());
                                assertThat(tx.archive(m.id())).isTrue();
                            }
                            return got.size();
                        }));
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get(TestEnvironment.timeout(Duration.ofMinutes(3)).toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(caller.orders()).isEqualTo(total);
        assertThat(processed.get()).isEqualTo(total);
        assertThat(caller.processedOrders()).as("distinct orders processed").isEqualTo(total);
        assertThat(live.store().messages().listLive(queueRecord.id(), 10)).as("messages left unarchived").isEmpty();
    }

    /**
     * A backend without the capability says so, and refuses with UNSUPPORTED rather than failing at run time; one with
     * it refuses a null connection with INVALID_CONNECTION.
     */
    @Test
    public void ct10_missingConnectionOrCapabilityIsRefusedTyped() {
        if (refusedWithoutTheCapability()) {
            return;
        }
        assertFails(ErrorKind.INVALID_CONNECTION, () -> pgqrs.producer(queue).withConnection(null));
        assertFails(ErrorKind.INVALID_CONNECTION, () -> pgqrs.consumer(queue).withConnection(null));
        assertThat(liveMessages()).isZero();
    }

    /** In one transaction of the caller's: dequeue {@code sent}, write its order, archive it; then commit or roll back. */
    private void dequeueWriteArchive(Source source, Message sent, boolean commit) throws SQLException {
        Consumer consumer = pgqrs.consumer(queue);
        try (Connection c = caller.open(source)) {
            c.setAutoCommit(false);
            Consumer tx = consumer.withConnection(c);
            List<Message> got = tx.dequeue(10);
            assertThat(got).extracting(Message::id).containsExactly(sent.id());
            caller.insertOrder(c, got.get(0).payload().get("order").asLong());
            assertThat(tx.archive(sent.id())).isTrue();
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }

    /**
     * An enqueue with an idempotency key joins the caller's transaction: a second enqueue of the key in it returns the
     * first as a duplicate; after a rollback the key is free, after a commit it is taken.
      *
      * @param source where the application's connection comes from
      * @throws SQLException when one of the test's own statements on the application's connection fails
     */
    @ParameterizedTest
    @EnumSource(Source.class)
    public void ct12_idempotencyKeyInTheCallersTransaction(Source source) throws SQLException {
        if (refusedWithoutTheCapability()) {
            return;
        }
        Producer producer = pgqrs.producer(queue);
        try (Connection c = caller.open(source)) {
            c.setAutoCommit(false);
            Message first = producer.withConnection(c).enqueue(Map.of("order", 1), EnqueueOptions.idempotencyKey("o-1"));
            Message again = producer.withConnection(c).enqueue(Map.of("order", 2), EnqueueOptions.idempotencyKey("o-1"));
            assertThat(first.duplicate()).isFalse();
            assertThat(again.duplicate()).isTrue();
            assertThat(again.id()).isEqualTo(first.id());
            c.rollback();
        }
        assertThat(liveMessages()).isZero();
        Message kept;
        try (Connection c = caller.open(source)) {
            c.setAutoCommit(false);
            kept = producer.withConnection(c).enqueue(Map.of("order", 3), EnqueueOptions.idempotencyKey("o-1"));
            assertThat(kept.duplicate()).as("the rolled-back key is free").isFalse();
            c.commit();
        }
        Message after = producer.enqueue(Map.of("order", 4), EnqueueOptions.idempotencyKey("o-1"));
        assertThat(after.duplicate()).isTrue();
        assertThat(after.id()).isEqualTo(kept.id());
        assertThat(liveMessages()).isEqualTo(1);
    }

    /** A call on {@code c} fails with {@code INVALID_CONNECTION} and writes nothing. */
    private PgqrsException assertRefused(Connection c) {
        Producer producer = pgqrs.producer(queue);
        PgqrsException refused = assertFails(ErrorKind.INVALID_CONNECTION,
                () -> producer.withConnection(c).enqueue(Map.of("order", 1)));
        assertThat(liveMessages()).isZero();
        return refused;
    }

    /**
     * On a backend without the capability, checks its typed refusal (the test has nothing else to check there).
     *
     * @return true when the backend lacks the capability and refused as it must
     */
    private boolean refusedWithoutTheCapability() {
        if (pgqrs.supports(Capability.CALLER_TRANSACTIONS)) {
            return false;
        }
        assertThat(assertFails(ErrorKind.UNSUPPORTED, () -> pgqrs.producer(queue).withConnection(null)).reason())
                .hasValue(Capability.CALLER_TRANSACTIONS.name());
        assertFails(ErrorKind.UNSUPPORTED, () -> pgqrs.consumer(queue).withConnection(null));
        assertThat(liveMessages()).isZero();
        return true;
    }

    private long liveMessages() {
        return pgqrs.store().messages().countByQueue(queueRecord.id());
    }
}
