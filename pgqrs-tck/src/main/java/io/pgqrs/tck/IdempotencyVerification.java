package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.EnqueueOptions;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Producer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys: while a message with a key is live on a queue, another enqueue with the key writes nothing and
 * returns that message marked as a duplicate; archiving frees the key unless a window keeps it; racing enqueues store
 * one row. When a test fails, check the unique index on ({@code queue_id}, {@code idempotency_key}), that the insert
 * skips a taken key through it (not a read before the write) and reads the holder afterwards, and that the insert frees
 * keys of archived rows whose window has passed by the store's "now".
 */
public abstract class IdempotencyVerification extends Verification {
    /** How many threads race for one key. */
    private static final int THREADS = 8;

    /** A second enqueue with a key returns the first message, marked, with its payload; one row is stored. */
    @Test
    public void k1_duplicateReturnsTheExistingMessage() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        Message first = p.enqueue(Map.of("n", 1), EnqueueOptions.idempotencyKey("order-42"));
        Message second = p.enqueue(Map.of("n", 2), EnqueueOptions.idempotencyKey("order-42"));
        assertThat(first.duplicate()).isFalse();
        assertThat(second.duplicate()).isTrue();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.payload().get("n").asInt()).isEqualTo(1);
        assertThat(admin.getMessage(first.id()).duplicate()).as("plain reads are not duplicates").isFalse();
        assertThat(admin.listMessages(q)).hasSize(1);
        Message other = pgqrs.producer(newQueue()).enqueue(Map.of("n", 3), EnqueueOptions.idempotencyKey("order-42"));
        assertThat(other.duplicate()).as("keys are per queue").isFalse();
        Message otherCase = p.enqueue(Map.of("n", 4), EnqueueOptions.idempotencyKey("ORDER-42"));
        assertThat(otherCase.duplicate()).as("keys compare exactly").isFalse();
    }

    /** Without a window, archiving the holder frees the key: the next enqueue stores a new message. */
    @Test
    public void k2_archiveFreesTheKey() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        Message first = p.enqueue(Map.of("n", 1), EnqueueOptions.idempotencyKey("k"));
        var consumer = pgqrs.consumer(q);
        assertThat(consumer.dequeue(1)).extracting(Message::id).containsExactly(first.id());
        assertThat(consumer.archive(first.id())).isTrue();
        Message again = p.enqueue(Map.of("n", 2), EnqueueOptions.idempotencyKey("k"));
        assertThat(again.duplicate()).isFalse();
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(p.enqueue(Map.of("n", 3), EnqueueOptions.idempotencyKey("k")).id()).isEqualTo(again.id());
    }

    /** A window keeps the key after the archive until the clock passes archive time plus the window. */
    @Test
    public void k3_windowKeepsTheKeyUntilItPasses() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        EnqueueOptions keyed = EnqueueOptions.idempotencyKey("w").withIdempotencyWindow(Duration.ofMinutes(5));
        Message first = p.enqueue(Map.of("n", 1), keyed);
        var consumer = pgqrs.consumer(q);
        assertThat(consumer.dequeue(1)).hasSize(1);
        assertThat(consumer.archive(first.id())).isTrue();
        Message during = p.enqueue(Map.of("n", 2), keyed);
        assertThat(during.duplicate()).isTrue();
        assertThat(during.id()).isEqualTo(first.id());
        assertThat(during.isArchived()).isTrue();
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(p.enqueue(Map.of("n", 3), keyed).duplicate()).as("one second before the window ends").isTrue();
        clock.advance(Duration.ofSeconds(1));
        Message after = p.enqueue(Map.of("n", 4), keyed);
        assertThat(after.duplicate()).as("the window has passed").isFalse();
        assertThat(after.id()).isNotEqualTo(first.id());
        assertThat(admin.getMessage(first.id()).isArchived()).as("the old row stays in the archive").isTrue();
    }

    /** A batch honours keys per element, in the payloads' order: taken keys give duplicates, null keys new rows. */
    @Test
    public void k4_batchKeysPerElement() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        Message a = p.enqueue("a", EnqueueOptions.idempotencyKey("a"));
        List<Message> batch = p.enqueueBatch(List.of("a2", "free", "b", "free2"),
                EnqueueOptions.none().withIdempotencyKeys(Arrays.asList("a", null, "b", null)));
        assertThat(batch).extracting(Message::duplicate).containsExactly(true, false, false, false);
        assertThat(batch.get(0).id()).isEqualTo(a.id());
        assertThat(batch).extracting(m -> m.payload().asText()).containsExactly("a", "free", "b", "free2");
        assertThat(batch.get(3).id()).isGreaterThan(batch.get(1).id());
        assertThat(admin.listMessages(q)).hasSize(4);
        List<Message> again = p.enqueueBatch(List.of(1, 2), EnqueueOptions.none().withIdempotencyKeys(List.of("b", "a")));
        assertThat(again).extracting(Message::id).containsExactly(batch.get(2).id(), a.id());
        assertThat(again).allSatisfy(m -> assertThat(m.duplicate()).isTrue());
    }

    /**
     * {@value #THREADS} threads, each with its own producer on the shared connection pool, enqueueing one key at once
     * store one row: one original and the rest duplicates of it. (Separate processes race in the backend's own tests:
     * an S3 store in local mode does not share writes between connections until it syncs.)
      *
      * @throws Exception the failure of one of the test's threads, or its timeout, as {@code Future.get} reports it
     */
    @Test
    public void k5_racingThreadsStoreOneRow() throws Exception {
        String q = newQueue();
        List<Producer> producers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            producers.add(pgqrs.producer(q));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Message>> results = new ArrayList<>();
            for (Producer producer : producers) {
                results.add(pool.submit(() -> {
                    start.await();
                    return producer.enqueue(Map.of("from", producer.id()), EnqueueOptions.idempotencyKey("race"));
                }));
            }
            start.countDown();
            List<Message> got = new ArrayList<>();
            for (Future<Message> f : results) {
                got.add(f.get(TestEnvironment.timeout(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS));
            }
            assertThat(got).hasSize(THREADS);
            assertThat(got).filteredOn(m -> !m.duplicate()).hasSize(1);
            assertThat(got).filteredOn(Message::duplicate).hasSize(THREADS - 1);
            assertThat(got).extracting(Message::id).containsOnly(got.get(0).id());
            assertThat(admin.listMessages(q)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * An empty key, one over 512 characters, a negative window, a batch with two equal keys, and keys that do not
     * match the payloads one to one are each {@code VALIDATION_FAILED}; nothing is stored.
     */
    @Test
    public void k6_badKeysAreRefused() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        refused(() -> p.enqueue(1, EnqueueOptions.idempotencyKey("")), "must not be empty");
        refused(() -> p.enqueue(1, EnqueueOptions.idempotencyKey("x".repeat(513))), "513 characters exceeds the limit of 512");
        refused(() -> p.enqueue(1, EnqueueOptions.idempotencyKey("k").withIdempotencyWindow(Duration.ofSeconds(-1))),
                "must not be negative");
        refused(() -> p.enqueueBatch(List.of(1, 2), EnqueueOptions.none().withIdempotencyKeys(List.of("d", "d"))),
                "given twice in one batch");
        refused(() -> p.enqueueBatch(List.of(1, 2), EnqueueOptions.idempotencyKey("one")), "Got 1 idempotency keys for 2");
        assertThat(admin.listMessages(q)).isEmpty();
        Message longest = p.enqueue(1, EnqueueOptions.idempotencyKey("é".repeat(512)));
        assertThat(p.enqueue(2, EnqueueOptions.idempotencyKey("é".repeat(512))).id()).isEqualTo(longest.id());
    }

    /** Deleting the holder frees its key at once, whatever its window. */
    @Test
    public void k7_deleteFreesTheKey() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        EnqueueOptions keyed = EnqueueOptions.idempotencyKey("d").withIdempotencyWindow(Duration.ofHours(1));
        Message first = p.enqueue(1, keyed);
        var consumer = pgqrs.consumer(q);
        assertThat(consumer.dequeue(1)).hasSize(1);
        assertThat(consumer.delete(first.id())).isTrue();
        assertThat(p.enqueue(2, keyed).duplicate()).isFalse();
    }

    private static void refused(Supplier<Object> call, String reason) {
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, call::get).getMessage()).contains(reason);
    }
}
