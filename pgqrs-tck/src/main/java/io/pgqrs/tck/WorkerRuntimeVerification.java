package io.pgqrs.tck;

import static io.pgqrs.tck.TestEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.MessageFailure;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueWorker;
import io.pgqrs.QueueWorkerStats;
import io.pgqrs.RetryPolicy;
import io.pgqrs.ValidationConfig;
import io.pgqrs.WorkerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The worker runtime ({@link Pgqrs#worker(String)}) on the backend, in real time: every message settled once as
 * the retry policy says, leases kept alive for slow handlers, hung handlers stopped, an orderly shutdown, and a
 * worker row suspended or stopped from outside. The runtime is written once over the store's ports, so a failure
 * here that the other groups do not show points at a port's atomicity (claim, extend, release, dead-letter) under
 * concurrent use.
 */
public abstract class WorkerRuntimeVerification extends Verification {

    /** @return messages in the settlement test: 20 000 (see {@link CompatibilityKit#runtimeMessageCount()}) */
    protected int messageCount() {
        return 20_000;
    }

    /** A connection on real time, without the enqueue rate limit, for tests that run workers. */
    private Pgqrs realTime() {
        return connect(b -> b.clock(null).validation(ValidationConfig.defaults().withRateLimit(null, null)));
    }

    private static void enqueue(Pgqrs live, String queue, int count) {
        try (Producer producer = live.producer(queue)) {
            for (int sent = 0; sent < count; sent += 100) {
                producer.enqueueBatch(IntStream.range(sent, Math.min(count, sent + 100)).boxed().toList());
            }
        }
    }

    /**
     * Handlers that fail one time in ten, at random, with three attempts and no delay: every message ends archived
     * after its first success or a dead letter after three failures, with its failures recorded; none is lost and
     * no two handler runs of one message overlap.
     */
    @Test
    public void rt1_everyMessageSettledOnceAsThePolicySays() {
        int total = messageCount();
        String q = newQueue();
        Pgqrs live = realTime();
        enqueue(live, q, total);
        Map<Long, List<Boolean>> outcomes = new ConcurrentHashMap<>();
        Set<Long> running = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        QueueWorkerStats stats;
        try (QueueWorker worker = live.worker(q).concurrency(8).batch(10).lease(Duration.ofSeconds(60))
                .retry(RetryPolicy.fixed(Duration.ZERO).withMaxAttempts(3))
                .handler(m -> {
                    if (!running.add(m.id())) {
                        overlaps.incrementAndGet();
                    }
                    try {
                        boolean fail = ThreadLocalRandom.current().nextInt(10) == 0;
                        outcomes.computeIfAbsent(m.id(), id -> Collections.synchronizedList(new ArrayList<>())).add(!fail);
                        if (fail) {
                            throw new IllegalStateException("injected failure of message " + m.id());
                        }
                    } finally {
                        running.remove(m.id());
                    }
                }).start()) {
            awaitTrue("all " + total + " messages settled", Duration.ofMinutes(4),
                    () -> worker.stats().succeeded() + worker.stats().deadLettered() >= total);
            stats = worker.stats();
        }

        assertThat(overlaps).as("handler runs of one message that overlapped").hasValue(0);
        assertThat(outcomes).as("messages handled").hasSize(total);
        Set<Long> dead = outcomes.entrySet().stream().filter(e -> !e.getValue().contains(true))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        long failures = 0;
        for (Map.Entry<Long, List<Boolean>> e : outcomes.entrySet()) {
            List<Boolean> runs = e.getValue();
            int failed = (int) runs.stream().filter(ok -> !ok).count();
            failures += failed;
            if (dead.contains(e.getKey())) {
                assertThat(runs).as("runs of dead letter %d", e.getKey()).containsExactly(false, false, false);
            } else {
                List<Boolean> expected = new ArrayList<>(Collections.nCopies(failed, false));
                expected.add(true);
                assertThat(runs).as("runs of message %d: failures, then one success", e.getKey())
                        .containsExactlyElementsOf(expected);
            }
        }
        assertThat(stats.succeeded()).as("succeeded").isEqualTo(total - dead.size());
        assertThat(stats.deadLettered()).as("dead-lettered").isEqualTo(dead.size());
        assertThat(stats.retried()).as("retried").isEqualTo(failures - dead.size());
        assertThat(stats.lostLeases()).as("lost leases").isZero();
        assertThat(live.admin().listDeadLetters(q)).extracting(Message::id).as("dead letters in the store")
                .containsExactlyInAnyOrderElementsOf(dead);
        QueueMetrics metrics = live.admin().queueMetrics(q);
        assertThat(metrics.archivedMessages()).as("archived").isEqualTo(total);
        assertThat(metrics.pendingMessages() + metrics.lockedMessages()).as("live").isZero();
        if (!dead.isEmpty()) {
            List<MessageFailure> recorded = live.admin().failures(dead.iterator().next());
            assertThat(recorded).extracting(MessageFailure::attempt).containsExactly(1, 2, 3);
            assertThat(recorded.get(2).error()).contains("IllegalStateException", "injected failure");
        }
    }

    /** A handler that runs three times its lease keeps the message: extended while it runs, never handed to the other worker. */
    @Test
    public void rt2_slowHandlerKeepsItsLease() {
        String q = newQueue();
        Pgqrs live = realTime();
        Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
        Duration lease = Duration.ofSeconds(2);
        QueueWorkerStats first;
        QueueWorkerStats second;
        try (QueueWorker a = slowWorker(live, q, lease, runs); QueueWorker b = slowWorker(live, q, lease, runs)) {
            enqueue(live, q, 1);
            awaitTrue("the slow message archived", Duration.ofSeconds(30),
                    () -> a.stats().succeeded() + b.stats().succeeded() == 1);
            first = a.stats();
            second = b.stats();
        }
        assertThat(runs.values()).as("handler runs per message").extracting(AtomicInteger::get).containsExactly(1);
        assertThat(first.leaseExtensions() + second.leaseExtensions()).as("lease extensions").isGreaterThanOrEqualTo(2);
        assertThat(first.lostLeases() + second.lostLeases()).as("lost leases").isZero();
    }

    private static QueueWorker slowWorker(Pgqrs live, String q, Duration lease, Map<Long, AtomicInteger> runs) {
        return live.worker(q).concurrency(1).lease(lease).handler(m -> {
            runs.computeIfAbsent(m.id(), id -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(lease.multipliedBy(3).toMillis());
        }).start();
    }

    /**
     * Closing during a burst lets the handlers in flight finish, leaves every other message ready for another
     * worker at once (the worker never leased more than it had handler slots for), and returns within the shutdown
     * timeout.
      *
      * @throws Exception when closing the worker fails
     */
    @Test
    public void rt3_closeDuringBurstFinishesInFlightAndLeavesTheRest() throws Exception {
        String q = newQueue();
        Pgqrs live = realTime();
        enqueue(live, q, 40);
        AtomicInteger started = new AtomicInteger();
        Duration shutdownTimeout = Duration.ofSeconds(5);
        QueueWorker worker = live.worker(q).concurrency(4).shutdownTimeout(shutdownTimeout).handler(m -> {
            started.incrementAndGet();
            Thread.sleep(300);
        }).start();
        awaitTrue("four handlers running", Duration.ofSeconds(20), () -> started.get() >= 4);
        long t0 = System.nanoTime();
        worker.close();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(took).as("close").isLessThan(shutdownTimeout);
        assertThat(worker.stats().succeeded()).as("handlers that finished").isEqualTo(started.get());
        assertThat(worker.stats().inFlight()).isZero();
        try (Consumer other = live.consumer(q)) {
            assertThat(other.dequeue(100)).as("ready for another worker at once").hasSize(40 - started.get());
        }
        assertThat(live.admin().worker(worker.workerId()).status()).isEqualTo(WorkerStatus.STOPPED);
    }

    /** Handlers still running when the shutdown timeout passes are interrupted, and their messages released at once. */
    @Test
    public void rt4_closeReleasesMessagesOfHandlersThatDoNotFinish() {
        String q = newQueue();
        Pgqrs live = realTime();
        enqueue(live, q, 2);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        Duration shutdownTimeout = Duration.ofSeconds(1);
        QueueWorker worker = live.worker(q).concurrency(2).shutdownTimeout(shutdownTimeout).handler(m -> {
            started.incrementAndGet();
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        }).start();
        awaitTrue("two handlers running", Duration.ofSeconds(20), () -> started.get() == 2);
        long t0 = System.nanoTime();
        worker.close();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(took).as("close").isLessThan(shutdownTimeout.plusSeconds(1));
        try (Consumer other = live.consumer(q)) {
            assertThat(other.dequeue(10)).as("released, visible at once").hasSize(2);
        }
        awaitTrue("both handlers interrupted", Duration.ofSeconds(5), () -> interrupted.get() == 2);
        assertThat(worker.stats().succeeded()).isZero();
        worker.close();
    }

    /** A handler past its timeout is interrupted and counts as a failed attempt: here the last, so a dead letter. */
    @Test
    public void rt5_hungHandlerIsStoppedAndCountedAsFailure() {
        String q = newQueue();
        Pgqrs live = realTime();
        enqueue(live, q, 1);
        AtomicInteger interrupted = new AtomicInteger();
        long id;
        try (QueueWorker worker = live.worker(q).handlerTimeout(Duration.ofSeconds(1))
                .retry(RetryPolicy.fixed(Duration.ZERO).withMaxAttempts(1)).handler(m -> {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                    }
                }).start()) {
            awaitTrue("the hung message dead-lettered", Duration.ofSeconds(20), () -> worker.stats().deadLettered() == 1);
            assertThat(worker.stats().timedOut()).isEqualTo(1);
            id = live.admin().listDeadLetters(q).get(0).id();
        }
        assertThat(interrupted).hasValue(1);
        assertThat(live.admin().failures(id)).singleElement().satisfies(f -> {
            assertThat(f.attempt()).isEqualTo(1);
            assertThat(f.error()).contains("timed out after PT1S");
        });
    }

    /**
     * Interrupting the worker row from elsewhere suspends fetching without an error; resuming it fetches again;
     * shutting it down stops the worker.
     */
    @Test
    public void rt6_suspendedFromOutsideThenResumedThenShutDown() {
        String q = newQueue();
        Pgqrs live = realTime();
        try (QueueWorker worker = live.worker(q).handler(m -> { }).start()) {
            Consumer remote = live.attachConsumer(worker.workerId());
            remote.interrupt();
            awaitTrue("the worker suspended", Duration.ofSeconds(20), () -> remote.status() == WorkerStatus.SUSPENDED);
            assertThat(worker.isRunning()).isTrue();

            remote.resume();
            enqueue(live, q, 3);
            awaitTrue("messages handled after resume", Duration.ofSeconds(20), () -> worker.stats().succeeded() == 3);

            remote.interrupt();
            awaitTrue("the worker suspended again", Duration.ofSeconds(20), () -> remote.status() == WorkerStatus.SUSPENDED);
            remote.shutdown();
            awaitTrue("the worker stopped", Duration.ofSeconds(20), () -> !worker.isRunning());
            assertThat(worker.failure()).isEmpty();
        }
    }
}
