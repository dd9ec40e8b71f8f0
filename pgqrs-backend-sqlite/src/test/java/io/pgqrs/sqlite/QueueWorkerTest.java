package io.pgqrs.sqlite;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import io.pgqrs.QueueWorker;
import io.pgqrs.QueueWorkerBuilder;
import io.pgqrs.RetryPolicy;
import io.pgqrs.ValidationConfig;
import io.pgqrs.tck.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * The worker runtime's set-up refusals and its handler context, on an embedded store (the kit's runtime group
 * covers its behaviour on every backend).
 */
class QueueWorkerTest {
    @TempDir
    Path dir;
    private Pgqrs pgqrs;

    @BeforeEach
    void open() {
        pgqrs = Pgqrs.connect(Config.builder("sqlite:" + dir.resolve("worker.db")).maxReadCt(5)
                .validation(ValidationConfig.defaults().withRateLimit(null, null)).build());
        pgqrs.admin().install();
        pgqrs.admin().createQueue("jobs");
    }

    @AfterEach
    void close() {
        pgqrs.close();
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingIsRegistered() {
        QueueWorkerBuilder builder = pgqrs.worker("jobs");
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> builder.concurrency(0)))
                .hasMessageContaining("Concurrency must be at least 1, got 0");
        assertFails(ErrorKind.VALIDATION_FAILED, () -> builder.batch(0));
        assertFails(ErrorKind.VALIDATION_FAILED, () -> builder.batch(pgqrs.config().defaultMaxBatchSize() + 1));
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> builder.lease(Duration.ofMillis(500))))
                .hasMessageContaining("whole number of seconds");
        assertFails(ErrorKind.VALIDATION_FAILED, () -> builder.lease(Duration.ZERO));
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> RetryPolicy.fixed(Duration.ofSeconds(1)).withMaxAttempts(0)))
                .hasMessageContaining("Max attempts must be at least 1");
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED,
                () -> builder.retry(RetryPolicy.fixed(Duration.ofSeconds(1)).withMaxAttempts(6))))
                .hasMessageContaining("max_read_ct = 5");
        assertFails(ErrorKind.VALIDATION_FAILED, () -> RetryPolicy.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertFails(ErrorKind.VALIDATION_FAILED, () -> builder.shutdownTimeout(Duration.ZERO));
        assertFails(ErrorKind.VALIDATION_FAILED, () -> builder.handlerTimeout(Duration.ofSeconds(-1)));
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> builder.prefetch(-1)))
                .hasMessageContaining("prefetch between 0 and 1000 deliveries, got -1");
        assertFails(ErrorKind.VALIDATION_FAILED, () -> builder.prefetch(1001));
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, builder::start)).hasMessageContaining("No handler");
        assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> pgqrs.worker("missing"));

        assertThat(pgqrs.admin().listWorkers()).as("workers registered by refused set-ups").isEmpty();
    }

    @Test
    void aBuilderStartsOneWorker() {
        QueueWorkerBuilder builder = pgqrs.worker("jobs").handler(m -> { });
        try (QueueWorker worker = builder.start()) {
            assertThat(assertFails(ErrorKind.VALIDATION_FAILED, builder::start)).hasMessageContaining("already started");
            assertThat(worker.isRunning()).isTrue();
        }
    }

    @Test
    void closeIsIdempotentAndAHandlerReturningAfterItChangesNothing() throws Exception {
        pgqrs.producer("jobs").enqueue(Map.of("n", 1));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        QueueWorker worker = pgqrs.worker("jobs").shutdownTimeout(Duration.ofMillis(200)).handler(m -> {
            running.countDown();
            awaitIgnoringInterrupts(release);
        }).start();
        running.await();
        worker.close();
        worker.close();
        release.countDown();

        assertThat(worker.isRunning()).isFalse();
        try (var other = pgqrs.consumer("jobs")) {
            List<Message> again = other.dequeue(1);
            assertThat(again).as("released by close, not archived by the late handler").hasSize(1);
            assertThat(again.get(0).readCt()).isEqualTo(2);
        }
        assertThat(worker.stats().succeeded()).isZero();
    }

    /**
     * With a prefetch the worker leases ahead of its one handler (4 messages held of 10, while the handler waits), never
     * runs more handlers than its concurrency, and on close gives the deliveries whose handler had not started back to
     * the queue, unrun.
     */
    @Test
    void prefetchLeasesAheadAndCloseReleasesWhatDidNotStart() throws Exception {
        try (Producer producer = pgqrs.producer("jobs")) {
            producer.enqueueBatch(IntStream.range(0, 10).boxed().toList());
        }
        CountDownLatch release = new CountDownLatch(1);
        List<Long> ran = new CopyOnWriteArrayList<>();
        QueueWorker worker = pgqrs.worker("jobs").concurrency(1).prefetch(3).handler(m -> {
            ran.add(m.id());
            awaitIgnoringInterrupts(release);
        }).start();
        TestEnvironment.awaitTrue("one handler running and three deliveries prefetched", Duration.ofSeconds(10),
                () -> ran.size() == 1 && pgqrs.admin().queueMetrics("jobs").lockedMessages() == 4);
        assertThat(worker.stats().inFlight()).isEqualTo(4);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(worker::close);
        TestEnvironment.awaitTrue("the worker stopping", Duration.ofSeconds(10), () -> !worker.isRunning());
        release.countDown();
        closing.get(30, TimeUnit.SECONDS);

        assertThat(ran).as("handlers run: only the one that had started").hasSize(1);
        assertThat(worker.stats().succeeded()).isEqualTo(1);
        try (var other = pgqrs.consumer("jobs")) {
            List<Message> rest = other.dequeue(10);
            assertThat(rest).as("the prefetched and the never leased, free again").hasSize(9)
                    .extracting(Message::id).doesNotContain(ran.get(0));
        }
    }

    /** Prefetched deliveries are each run once, by at most concurrency handlers at a time. */
    @Test
    void prefetchRunsEveryMessageOnceWithinTheConcurrency() {
        int total = 200;
        try (Producer producer = pgqrs.producer("jobs")) {
            for (int i = 0; i < total; i += 50) {
                producer.enqueueBatch(IntStream.range(i, i + 50).boxed().toList());
            }
        }
        Map<Long, Integer> runs = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        try (QueueWorker worker = pgqrs.worker("jobs").concurrency(2).prefetch(6).handler(m -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            runs.merge(m.id(), 1, Integer::sum);
            running.decrementAndGet();
        }).start()) {
            TestEnvironment.awaitTrue("every message handled", Duration.ofSeconds(30),
                    () -> worker.stats().succeeded() == total);
        }
        assertThat(runs).hasSize(total).allSatisfy((id, n) -> assertThat(n).as("runs of %d", id).isEqualTo(1));
        assertThat(mostAtOnce.get()).isBetween(1, 2);
        assertThat(pgqrs.admin().queueMetrics("jobs").archivedMessages()).isEqualTo(total);
    }

    /** A handler that ignores the interrupt close sends it. */
    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // keeps waiting, as a badly behaved handler would
            }
        }
    }

    @Test
    void handlersSeeTheQueueAndMessageIdInTheMdc() {
        long id = pgqrs.producer("jobs").enqueue(Map.of("n", 1)).id();
        Map<String, String> seen = new ConcurrentHashMap<>();
        try (QueueWorker worker = pgqrs.worker("jobs").handler(m -> {
            seen.put("queue", String.valueOf(MDC.get("pgqrs.queue")));
            seen.put("id", String.valueOf(MDC.get("pgqrs.message_id")));
        }).start()) {
            TestEnvironment.awaitTrue("the message handled", Duration.ofSeconds(20), () -> worker.stats().succeeded() == 1);
        }
        assertThat(seen).containsEntry("queue", "jobs").containsEntry("id", Long.toString(id));
    }
}
