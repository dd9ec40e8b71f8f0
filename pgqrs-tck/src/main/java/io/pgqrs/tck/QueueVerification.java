package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.ConcurrencyModel;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.MessageState;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueRecord;
import io.pgqrs.SystemStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Install, verify, uninstall and queue administration: creating, finding, deleting and purging queues, and the
 * queue and system metrics.
 * When one fails, check the DDL of your dialect and the queue statements of your store.
 */
public abstract class QueueVerification extends Verification {

    /** The store names its backend and concurrency model. */
    @Test
    public void t16_storeDescribesItself() {
        assertThat(pgqrs.backendName()).isNotBlank();
        assertThat(pgqrs.concurrencyModel()).isIn((Object[]) ConcurrencyModel.values());
    }

    /** Install is idempotent; verify passes on a healthy store. */
    @Test
    public void dm17_installIsIdempotentAndVerifies() {
        admin.install();
        admin.install();
        admin.verify();
    }

    /** Verify on a store without tables names the missing table and says to install. */
    @Test
    public void dm20_verifyNamesMissingTable() {
        admin.uninstall();
        var e = assertFails(ErrorKind.SCHEMA_VALIDATION, admin::verify);
        assertThat(e.getMessage()).contains("pgqrs_queues").contains("pgqrs admin install");
    }

    /** Uninstall drops everything and is idempotent; install afterwards gives an empty store. */
    @Test
    public void dm23_uninstallThenInstallGivesEmptyStore() {
        newQueue();
        admin.uninstall();
        admin.uninstall();
        admin.install();
        assertThat(admin.listQueues()).isEmpty();
    }

    /** Operations before install fail with SCHEMA_VALIDATION that suggests {@code pgqrs admin install}. */
    @Test
    public void operationsBeforeInstallSayToInstall() {
        admin.uninstall();
        var e = assertFails(ErrorKind.SCHEMA_VALIDATION, () -> admin.createQueue("orders"));
        assertThat(e.getMessage()).contains("pgqrs admin install");
        assertFails(ErrorKind.SCHEMA_VALIDATION, () -> pgqrs.producer("orders"));
        assertFails(ErrorKind.SCHEMA_VALIDATION, admin::listQueues);
    }

    /** A created queue is listed and found by name. */
    @Test
    public void t21_createListGet() {
        String name = uniqueQueue();
        QueueRecord created = admin.createQueue(name);
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.createdAt()).isNotNull();
        assertThat(admin.listQueues()).extracting(QueueRecord::id).contains(created.id());
        assertThat(admin.getQueue(name)).isEqualTo(created);
    }

    /** A duplicate name is QUEUE_ALREADY_EXISTS and creates nothing. */
    @Test
    public void t22_duplicateQueueRefused() {
        String name = newQueue();
        var e = assertFails(ErrorKind.QUEUE_ALREADY_EXISTS, () -> admin.createQueue(name));
        assertThat(e.queueName()).contains(name);
        assertThat(admin.listQueues()).hasSize(1);
    }

    /**
     * Bad queue names are VALIDATION_FAILED and create nothing.
     *
     * @param name a name the rules refuse
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "quote'name", "double\"quote", "semi;colon", "back\\slash", "tab\tname"})
    public void badQueueNamesRefused(String name) {
        var e = assertFails(ErrorKind.VALIDATION_FAILED, () -> admin.createQueue(name));
        assertThat(e.reason()).isPresent();
        assertThat(admin.listQueues()).isEmpty();
    }

    /** Names longer than 255 bytes are refused. */
    @Test
    public void tooLongQueueNameRefused() {
        assertFails(ErrorKind.VALIDATION_FAILED, () -> admin.createQueue("q".repeat(256)));
        assertThat(admin.createQueue("q".repeat(255)).name()).hasSize(255);
    }

    /** A name that would inject SQL is stored as data, not run. */
    @Test
    public void queueNameIsNeverSql() {
        String name = "x)--DROP_TABLE_pgqrs_queues";
        admin.createQueue(name);
        assertThat(admin.getQueue(name).name()).isEqualTo(name);
        admin.verify();
        assertThat(admin.allQueueMetrics()).filteredOn(m -> m.name().equals(name)).singleElement()
                .as("an empty queue's metrics").satisfies(m -> {
                    assertThat(m.totalMessages()).isZero();
                    assertThat(m.pendingMessages()).isZero();
                    assertThat(m.lockedMessages()).isZero();
                    assertThat(m.oldestPendingMessage()).isNull();
                });
    }

    /** Every operation on a missing queue is QUEUE_NOT_FOUND naming it. */
    @Test
    public void a4_missingQueueEverywhere() {
        assertThat(assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> admin.getQueue("nope")).queueName()).contains("nope");
        assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> admin.deleteQueue("nope"));
        assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> admin.purgeQueue("nope"));
        assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> admin.queueMetrics("nope"));
        assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> admin.listMessages("nope"));
        assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> pgqrs.producer("nope"));
        assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> pgqrs.consumer("nope"));
        assertThat(admin.listWorkers()).isEmpty();
    }

    /** Delete is refused while workers or messages exist; purge empties; then delete works. */
    @Test
    public void t27_deleteRefusedUntilPurged() {
        String q = newQueue();
        try (Producer p = pgqrs.producer(q)) {
            p.enqueue(Map.of("n", 1));
        }
        var e = assertFails(ErrorKind.VALIDATION_FAILED, () -> admin.deleteQueue(q));
        assertThat(e.reason().orElseThrow()).contains("worker(s) are still assigned");
        admin.purgeQueue(q);
        assertThat(admin.queueMetrics(q).totalMessages()).isZero();
        assertThat(admin.listWorkers(q)).isEmpty();
        admin.deleteQueue(q);
        assertThat(admin.listQueues()).isEmpty();
    }

    /** Messages alone also block delete (workers already purged by hand). */
    @Test
    public void a5_messagesBlockDelete() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        p.enqueue(Map.of("n", 1));
        var e = assertFails(ErrorKind.VALIDATION_FAILED, () -> admin.deleteQueue(q));
        assertThat(e.reason().orElseThrow()).contains("Cannot delete queue '" + q + "'");
    }

    /** Metrics follow enqueue, dequeue and archive; timestamps are null on an empty queue. */
    @Test
    public void t71_queueMetrics() {
        String q = newQueue();
        QueueMetrics empty = admin.queueMetrics(q);
        assertThat(empty.totalMessages()).isZero();
        assertThat(empty.oldestPendingMessage()).isNull();
        assertThat(empty.newestMessage()).isNull();

        Producer p = pgqrs.producer(q);
        p.enqueueBatch(List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3)));
        var c = pgqrs.consumer(q);
        List<Message> got = c.dequeue(2);
        c.archive(got.get(0).id());

        QueueMetrics m = admin.queueMetrics(q);
        assertThat(m.name()).isEqualTo(q);
        assertThat(m.totalMessages()).isEqualTo(3);
        assertThat(m.pendingMessages()).isEqualTo(1);
        assertThat(m.lockedMessages()).isEqualTo(1);
        assertThat(m.archivedMessages()).isEqualTo(1);
        assertThat(m.oldestPendingMessage()).isEqualTo(clock.instant());
        assertThat(admin.allQueueMetrics()).extracting(QueueMetrics::name).containsExactly(q);
    }

    /**
     * Browsing pages a queue's messages by state, highest id first, continuing below the last id of a page; the dead
     * letters are counted apart from the other archived messages. When it fails, check the state filters of the page
     * statement (they must match the metrics' rules) and its {@code id < :beforeId} keyset.
     */
    @Test
    public void t73_browseMessagesByStateAndKeyset() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        p.enqueueBatch(List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3), Map.of("n", 4), Map.of("n", 5)));
        var c = pgqrs.consumer(q);
        List<Message> got = c.dequeue(3);
        c.archive(got.get(0).id());
        c.deadLetter(got.get(1), "boom");

        List<Message> first = admin.browseMessages(q, MessageState.PENDING, Long.MAX_VALUE, 1);
        assertThat(first).extracting(m -> m.payload().get("n").asInt()).containsExactly(5);
        assertThat(admin.browseMessages(q, MessageState.PENDING, first.get(0).id(), 10))
                .extracting(m -> m.payload().get("n").asInt()).containsExactly(4);
        assertThat(admin.browseMessages(q, MessageState.LOCKED, Long.MAX_VALUE, 10)).extracting(Message::id)
                .containsExactly(got.get(2).id());
        assertThat(admin.browseMessages(q, MessageState.ARCHIVED, Long.MAX_VALUE, 10)).extracting(Message::id)
                .containsExactly(got.get(1).id(), got.get(0).id());
        assertThat(admin.browseMessages(q, MessageState.DEAD, Long.MAX_VALUE, 10)).extracting(Message::id)
                .containsExactly(got.get(1).id());
        QueueMetrics m = admin.queueMetrics(q);
        assertThat(m.archivedMessages()).isEqualTo(2);
        assertThat(m.deadMessages()).isEqualTo(1);
        assertFails(ErrorKind.VALIDATION_FAILED, () -> admin.browseMessages(q, MessageState.PENDING, Long.MAX_VALUE, 0));
        assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> admin.browseMessages("nope", MessageState.PENDING, Long.MAX_VALUE, 10));
    }

    /** System totals count queues, workers, live and archived messages. */
    @Test
    public void t72_systemStats() {
        String q = newQueue();
        newQueue();
        Producer p = pgqrs.producer(q);
        p.enqueueBatch(List.of(Map.of("n", 1), Map.of("n", 2)));
        var c = pgqrs.consumer(q);
        c.archive(c.dequeue(1).get(0).id());
        SystemStats s = admin.systemStats();
        assertThat(s.totalQueues()).isEqualTo(2);
        assertThat(s.totalWorkers()).isEqualTo(2);
        assertThat(s.activeWorkers()).isEqualTo(2);
        assertThat(s.totalMessages()).isEqualTo(1);
        assertThat(s.pendingMessages()).isEqualTo(1);
        assertThat(s.lockedMessages()).isZero();
        assertThat(s.archivedMessages()).isEqualTo(1);
        assertThat(s.schemaVersion()).isEqualTo("0.5.0");
    }

    /** A second connection to the same store sees the first one's writes. */
    @Test
    public void secondConnectionSeesWrites() {
        String q = newQueue();
        pgqrs.producer(q).enqueue(Map.of("hello", "world"));
        Pgqrs other = connect(b -> b);
        assertThat(other.admin().listMessages(q)).singleElement()
                .satisfies(m -> assertThat(m.payload().get("hello").asText()).isEqualTo("world"));
    }
}
