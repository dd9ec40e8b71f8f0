package io.pgqrs.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Producer;
import io.pgqrs.ValidationConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Producers and consumers on many threads: every message is delivered once while its lease holds and archived
 * once; none is lost, and contention (a busy file, a lock wait) never reaches the caller as an error. When it fails, check that your claim cannot hand one row to
 * two consumers and that contention never surfaces as an error.
 */
public abstract class ConcurrencyVerification extends Verification {

    /** @return messages in the count test (at least 20 000 to pass the kit); a backend may raise it */
    protected int messageCount() {
        return 20_000;
    }

    /**
     * P producers × C consumers over {@link #messageCount()} messages, each delivered and archived exactly once.
     *
     * @throws Exception the failure of one of the test's threads, or its timeout, as {@code Future.get} reports it
     */
    @Test
    public void dg1_everyMessageOnceUnderContention() throws Exception {
        int producers = 4;
        int consumers = 4;
        int total = messageCount();
        int batch = 50;
        String q = newQueue();
        // Real time: the lease is longer than the whole test, so any second delivery would break it.
        var live = connect(b -> b.clock(null).defaultLockTime(Duration.ofMinutes(10)).validation(
                ValidationConfig.defaults().withRateLimit(null, null)));
        Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> archives = new ConcurrentHashMap<>();
        LongAdder produced = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
        List<Future<?>> tasks = new ArrayList<>();
        Instant deadline = Instant.now().plus(TestEnvironment.timeout(Duration.ofMinutes(3)));
        try {
            for (int p = 0; p < producers; p++) {
                int share = total / producers + (p < total % producers ? 1 : 0);
                tasks.add(pool.submit(() -> {
                    try (Producer producer = live.producer(q)) {
                        for (int sent = 0; sent < share; sent += 100) {
                            List<Integer> payloads = new ArrayList<>();
                            for (int i = sent; i < Math.min(share, sent + 100); i++) {
                                payloads.add(i);
                            }
                            produced.add(producer.enqueueBatch(payloads).size());
                        }
                    }
                    return null;
                }));
            }
            for (int c = 0; c < consumers; c++) {
                tasks.add(pool.submit(() -> {
                    try (Consumer consumer = live.consumer(q)) {
                        while (archives.size() < total && Instant.now().isBefore(deadline)) {
                            List<Message> got = consumer.poll(batch, Duration.ofMillis(200));
                            got.forEach(m -> deliveries.computeIfAbsent(m.id(), id -> new AtomicInteger()).incrementAndGet());
                            List<Long> ids = got.stream().map(Message::id).toList();
                            List<Boolean> done = consumer.archiveMany(ids);
                            for (int i = 0; i < ids.size(); i++) {
                                if (done.get(i)) {
                                    archives.computeIfAbsent(ids.get(i), id -> new AtomicInteger()).incrementAndGet();
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> t : tasks) {
                t.get(TestEnvironment.timeout(Duration.ofMinutes(4)).toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(produced.sum()).isEqualTo(total);
        assertThat(deliveries).as("messages delivered").hasSize(total);
        assertThat(deliveries.values()).as("deliveries per message").allMatch(n -> n.get() == 1);
        assertThat(archives).as("messages archived").hasSize(total);
        assertThat(archives.values()).as("archives per message").allMatch(n -> n.get() == 1);
        share(live, pgqrs);
        var metrics = admin.queueMetrics(q);
        assertThat(metrics.archivedMessages()).isEqualTo(total);
        assertThat(metrics.pendingMessages() + metrics.lockedMessages()).isZero();
    }
}
