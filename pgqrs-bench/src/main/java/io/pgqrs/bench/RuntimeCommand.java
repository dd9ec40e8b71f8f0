package io.pgqrs.bench;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueWorker;
import io.pgqrs.QueueWorkerStats;
import io.pgqrs.RetryPolicy;
import io.pgqrs.testsupport.Backlog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The worker runtime against a hand-written loop at the same concurrency: N messages drained by {@code pgqrs.worker}
 * with C handlers that fail a fraction of deliveries at random (three attempts, no delay), and by C threads that each
 * dequeue one message and archive it. Every message is counted in both (the run fails otherwise): archived or dead
 * letter exactly as the policy says, none live, no two handler runs of one message at once. Then the shutdown:
 * close() while C slow handlers run, timed, and what it left ready for others.
 */
@Command(name = "runtime", mixinStandardHelpOptions = true,
        description = "The worker runtime (pgqrs.worker) vs a hand-written dequeue/archive loop; failures, dead letters, shutdown time.")
final class RuntimeCommand implements Callable<Integer> {
    private static final int ATTEMPTS = 3;

    @Mixin
    BenchMain.Common common;

    @Option(names = "--messages", description = "Messages per run (default: 20000; --quick: 400)")
    Integer messages;

    @Option(names = "--concurrency", defaultValue = "8", description = "Handlers, and loop threads (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--prefetch", defaultValue = "0", description = "Deliveries the worker leases ahead of its free "
            + "handlers (QueueWorkerBuilder.prefetch; default: ${DEFAULT-VALUE})")
    int prefetch;

    @Option(names = "--failure-rate", defaultValue = "0.1", description = "Fraction of deliveries whose handler throws (default: ${DEFAULT-VALUE})")
    double failureRate;

    @Override
    public Integer call() throws Exception {
        int n = messages != null ? messages : common.quick ? 400 : 20_000;
        if (common.backend.equals("s3")) {
            S3Bench.proxy(Duration.ofMillis(common.rttMillis));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        try (Target target = Target.fresh(common); Pgqrs pgqrs = Pgqrs.connect(target.config())) {
            pgqrs.admin().install();
            results.put("loop", loop(pgqrs, n));
            results.put("runtime", runtime(pgqrs, n));
            results.put("shutdown", shutdown(pgqrs));
        }
        double ratio = rate(results.get("runtime")) / rate(results.get("loop"));
        results.put("runtime_to_loop", ratio);
        System.out.printf("runtime on %s: N=%d C=%d prefetch=%d failure_rate=%.2f%n  loop    %s%n  runtime %s%n  "
                + "runtime/loop %.2f%n  shutdown %s%n", common.backend, n, concurrency, prefetch, failureRate, results.get("loop"), results.get("runtime"), ratio,
                results.get("shutdown"));
        Report report = new Report("runtime", common.backend, Map.of("messages", n, "concurrency", concurrency,
                "prefetch", prefetch, "failure_rate", failureRate, "attempts", ATTEMPTS));
        System.out.println("JSON: " + report.writeSummary(common.outDir, Report.backendVersion(common), results));
        return 0;
    }

    private static double rate(Object run) {
        return ((Number) ((Map<?, ?>) run).get("msgs_per_second")).doubleValue();
    }

    /** C threads, each: dequeue one, archive it; no failures. */
    private Map<String, Object> loop(Pgqrs pgqrs, int n) throws Exception {
        Backlog.fill(pgqrs, "loop", n);
        LongAdder archived = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long puts0 = S3Bench.puts();
        long t0 = System.nanoTime();
        try {
            List<Future<?>> threads = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                threads.add(pool.submit(() -> {
                    try (Consumer consumer = pgqrs.consumer("loop")) {
                        List<Message> got;
                        while (!(got = consumer.dequeue(1)).isEmpty()) {
                            if (consumer.archive(got.get(0).id())) {
                                archived.increment();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> t : threads) {
                t.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (archived.sum() != n || pgqrs.admin().queueMetrics("loop").archivedMessages() != n) {
            throw new IllegalStateException("loop: archived " + archived.sum() + " of " + n);
        }
        Map<String, Object> r = new LinkedHashMap<>(Map.of("messages", n, "seconds", seconds,
                "msgs_per_second", n / seconds));
        putsPerMessage(r, puts0, n);
        return r;
    }

    /** On S3, adds the PUTs issued since {@code puts0} and their count per message. */
    private void putsPerMessage(Map<String, Object> result, long puts0, int n) {
        if (common.backend.equals("s3")) {
            long puts = S3Bench.puts() - puts0;
            result.put("puts", puts);
            result.put("puts_per_message", puts / (double) n);
        }
    }

    private Map<String, Object> runtime(Pgqrs pgqrs, int n) throws InterruptedException {
        Backlog.fill(pgqrs, "runtime", n);
        Set<Long> running = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        Map<Long, AtomicInteger> failures = new ConcurrentHashMap<>();
        LongAdder deliveries = new LongAdder();
        long puts0 = S3Bench.puts();
        long t0 = System.nanoTime();
        QueueWorkerStats stats;
        try (QueueWorker worker = pgqrs.worker("runtime").concurrency(concurrency).prefetch(prefetch)
                .lease(Duration.ofSeconds(60))
                .retry(RetryPolicy.fixed(Duration.ZERO).withMaxAttempts(ATTEMPTS)).handler(m -> {
                    deliveries.increment();
                    if (!running.add(m.id())) {
                        overlaps.incrementAndGet();
                    }
                    try {
                        if (ThreadLocalRandom.current().nextDouble() < failureRate) {
                            failures.computeIfAbsent(m.id(), id -> new AtomicInteger()).incrementAndGet();
                            throw new IllegalStateException("injected failure");
                        }
                    } finally {
                        running.remove(m.id());
                    }
                }).start()) {
            while (worker.stats().succeeded() + worker.stats().deadLettered() < n) {
                Thread.sleep(5);
            }
            stats = worker.stats();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long dead = failures.values().stream().filter(f -> f.get() == ATTEMPTS).count();
        QueueMetrics metrics = pgqrs.admin().queueMetrics("runtime");
        int deadInStore = pgqrs.admin().listDeadLetters("runtime").size();
        long live = metrics.pendingMessages() + metrics.lockedMessages();
        if (overlaps.get() != 0 || stats.deadLettered() != dead || deadInStore != dead || live != 0
                || metrics.archivedMessages() != n || stats.succeeded() != n - dead || stats.lostLeases() != 0) {
            throw new IllegalStateException("runtime: " + stats + ", dead expected " + dead + ", in store " + deadInStore
                    + ", live " + live + ", overlaps " + overlaps.get());
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("messages", n);
        r.put("seconds", seconds);
        r.put("msgs_per_second", n / seconds);
        r.put("deliveries", deliveries.sum());
        r.put("succeeded", stats.succeeded());
        r.put("retried", stats.retried());
        r.put("dead_lettered", stats.deadLettered());
        r.put("duplicates_while_alive", overlaps.get());
        r.put("lost", n - stats.succeeded() - stats.deadLettered());
        putsPerMessage(r, puts0, n);
        return r;
    }

    /** close() while every handler sleeps 200 ms: timed, and the rest left ready. */
    private Map<String, Object> shutdown(Pgqrs pgqrs) throws InterruptedException {
        int n = concurrency * 4;
        Backlog.fill(pgqrs, "shutdown", n);
        AtomicInteger started = new AtomicInteger();
        QueueWorker worker = pgqrs.worker("shutdown").concurrency(concurrency).shutdownTimeout(Duration.ofSeconds(5))
                .handler(m -> {
                    started.incrementAndGet();
                    Thread.sleep(200);
                }).start();
        while (started.get() < concurrency) {
            Thread.sleep(1);
        }
        long t0 = System.nanoTime();
        worker.close();
        double closeMillis = (System.nanoTime() - t0) / 1e6;
        long ready;
        try (Consumer other = pgqrs.consumer("shutdown")) {
            ready = other.dequeue(Math.min(n, pgqrs.config().defaultMaxBatchSize())).size();
        }
        long finished = worker.stats().succeeded();
        if (finished != started.get() || finished + ready != n) {
            throw new IllegalStateException("shutdown: started " + started.get() + ", finished " + finished + ", ready " + ready);
        }
        return Map.of("in_flight_at_close", started.get(), "close_ms", closeMillis, "finished", finished,
                "ready_for_others", ready, "shutdown_timeout_ms", 5000);
    }
}
