package io.pgqrs.bench;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Steady state, as the reference measures it: P producers enqueue batches of 10 and C consumers dequeue batches of 10 and archive, for a
 * fixed time; reports completed messages per second and enqueue→archive latency. Every message is counted at the end.
 */
@Command(name = "steady", mixinStandardHelpOptions = true, description = "P producers and C consumers at once for a fixed time.")
final class SteadyCommand implements Callable<Integer> {
    @Mixin
    BenchMain.Common common;

    @Option(names = "--producers", defaultValue = "1", description = "Producer threads (default: ${DEFAULT-VALUE})")
    int producers;

    @Option(names = "--consumers", defaultValue = "1", description = "Consumer threads (default: ${DEFAULT-VALUE})")
    int consumers;

    @Option(names = "--seconds", description = "Duration (default: 30; --quick: 2)")
    Integer seconds;

    @Override
    public Integer call() throws Exception {
        int duration = seconds != null ? seconds : common.quick ? 2 : 30;
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong enqueued = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        List<Latencies> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
        long elapsedNanos;
        if (common.backend.equals("s3")) {
            S3Bench.proxy(Duration.ofMillis(common.rttMillis));
        }
        try (Target target = Target.fresh(common); Pgqrs pgqrs = Pgqrs.connect(target.config())) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("steady");
            List<Future<?>> tasks = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                tasks.add(pool.submit(() -> {
                    try (Producer producer = pgqrs.producer("steady")) {
                        while (producing.get()) {
                            List<Map<String, Long>> batch = new ArrayList<>();
                            for (int i = 0; i < 10; i++) {
                                batch.add(Map.of("t", System.nanoTime()));
                            }
                            enqueued.addAndGet(producer.enqueueBatch(batch).size());
                        }
                    }
                    return null;
                }));
            }
            long started = System.nanoTime();
            for (int c = 0; c < consumers; c++) {
                Latencies mine = new Latencies();
                latencies.add(mine);
                tasks.add(pool.submit(() -> {
                    try (Consumer consumer = pgqrs.consumer("steady")) {
                        while (producing.get() || completed.get() < enqueued.get()) {
                            List<Message> got = consumer.poll(10, Duration.ofMillis(100));
                            consumer.archiveMany(got.stream().map(Message::id).toList());
                            long now = System.nanoTime();
                            got.forEach(m -> mine.add(now - m.payload().get("t").asLong()));
                            completed.addAndGet(got.size());
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(Duration.ofSeconds(duration).toMillis());
            producing.set(false);
            for (Future<?> t : tasks) {
                t.get();
            }
            elapsedNanos = System.nanoTime() - started;
            long left = pgqrs.admin().queueMetrics("steady").pendingMessages();
            if (completed.get() != enqueued.get() || left != 0) {
                throw new IllegalStateException("steady: enqueued " + enqueued.get() + ", completed " + completed.get() + ", left " + left);
            }
        } finally {
            pool.shutdownNow();
        }
        Latencies all = Latencies.merge(latencies);
        double rate = completed.get() / (elapsedNanos / 1e9);
        System.out.printf("steady on %s: P=%d C=%d seconds=%d completed=%d msgs/s=%.0f enqueue->archive p50=%.2fms p95=%.2fms p99=%.2fms%n",
                common.backend, producers, consumers, duration, completed.get(), rate, all.millis(0.5), all.millis(0.95), all.millis(0.99));
        Report report = new Report("steady", common.backend, Map.of("producers", producers, "consumers", consumers, "seconds", duration));
        System.out.println("JSON: " + report.writeSummary(common.outDir, Report.backendVersion(common), Map.of(
                "completed", completed.get(), "msgs_per_second", rate,
                "latency_ms", Map.of("p50", all.millis(0.5), "p95", all.millis(0.95), "p99", all.millis(0.99)))));
        return 0;
    }
}
