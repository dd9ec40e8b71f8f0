package io.pgqrs.bench;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How soon an idle consumer gets a message enqueued through another connection: a producer in another process (or,
 * with {@code --in-process}, another {@code Pgqrs} of this one) enqueues now and then; the consumer waits in
 * {@code poll} with the default poll interval and records enqueue-to-receive times. Also measures what an idle
 * consumer costs: this process's CPU time over an idle span with a consumer waiting, against the same span with none.
 */
@Command(name = "wakeup", mixinStandardHelpOptions = true,
        description = "Enqueue-to-receive latency of an idle consumer woken by another process, and its idle CPU cost.")
final class WakeUpCommand implements Callable<Integer> {
    private static final int WARM_SECONDS = 1;

    @Mixin
    BenchMain.Common common;

    @Option(names = "--backends", split = ",", defaultValue = "sqlite,postgres", description = "Backends, one after "
            + "the other in this run (default: ${DEFAULT-VALUE})")
    List<String> backends;

    @Option(names = "--samples", description = "Messages per backend (default: 200; --quick: 10)")
    Integer samples;

    @Option(names = "--gap-ms", defaultValue = "100", description = "Mean pause between two enqueues (default: ${DEFAULT-VALUE})")
    int gapMillis;

    @Option(names = "--idle-seconds", description = "Each idle CPU span (default: 30; --quick: 1)")
    Integer idleSeconds;

    @Option(names = "--in-process", description = "The producer is another Pgqrs of this process, not a process of its own")
    boolean inProcess;

    @Override
    public Integer call() throws Exception {
        int n = samples != null ? samples : common.quick ? 10 : 200;
        int idle = idleSeconds != null ? idleSeconds : common.quick ? 1 : 30;
        List<Map<String, Object>> points = new ArrayList<>();
        for (String backend : backends) {
            common.backend = backend;
            points.add(point(n, idle));
        }
        common.backend = String.join("+", backends);
        Report report = new Report("wakeup", common.backend, Map.of("samples", n, "gap_ms", gapMillis,
                "idle_seconds", idle, "producer", inProcess ? "same process" : "another process"));
        System.out.println("JSON: " + report.writeSummary(common.outDir, "see points", Map.of("points", points)));
        return 0;
    }

    private Map<String, Object> point(int n, int idle) throws Exception {
        try (Target target = Target.fresh(common);
                Pgqrs pgqrs = Pgqrs.connect(target.config())) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue(WakeUpProducer.QUEUE);
            Duration pollInterval = pgqrs.config().pollInterval();
            try (Consumer consumer = pgqrs.consumer(WakeUpProducer.QUEUE)) {
                double baseline = cpuShare(idle, () -> { });
                double waiting = cpuShare(idle, () -> consumer.poll(1, Duration.ofSeconds(idle + WARM_SECONDS)));
                Latencies wakeUps = receive(consumer, target, n);
                System.out.printf("wakeup on %s: samples=%d poll_interval=%dms enqueue->receive p50=%.1fms p95=%.1fms "
                                + "p99=%.1fms max=%.1fms; idle process CPU %.2f%% of a core without a waiting consumer, "
                                + "%.2f%% with one%n", common.backend, n, pollInterval.toMillis(), wakeUps.millis(0.5),
                        wakeUps.millis(0.95), wakeUps.millis(0.99), wakeUps.millis(1.0), baseline, waiting);
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("backend", common.backend);
                point.put("backend_version", Report.backendVersion(common));
                point.put("poll_interval_ms", pollInterval.toMillis());
                point.put("latency_ms", Map.of("p50", wakeUps.millis(0.5), "p95", wakeUps.millis(0.95),
                        "p99", wakeUps.millis(0.99), "max", wakeUps.millis(1.0)));
                point.put("idle_cpu_percent_of_a_core", Map.of("no_consumer", baseline, "consumer_waiting", waiting));
                return point;
            }
        }
    }

    private Latencies receive(Consumer consumer, Target target, int n) throws Exception {
        CompletableFuture<String> producer;
        Pgqrs inProcessProducer = inProcess ? Pgqrs.connect(target.config()) : null;
        if (inProcess) {
            producer = CompletableFuture.supplyAsync(() -> {
                try {
                    WakeUpProducer.produce(inProcessProducer, n, gapMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "";
            });
        } else {
            ChildJvm child = ChildJvm.start(WakeUpProducer.class, Map.of(), target.config().dsn(), String.valueOf(n),
                    String.valueOf(gapMillis));
            producer = CompletableFuture.supplyAsync(() -> {
                try {
                    return child.await(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "";
                }
            });
        }
        Latencies wakeUps = new Latencies();
        try {
            while (wakeUps.count() < n) {
                List<Message> got = consumer.poll(1, Duration.ofSeconds(30));
                if (got.isEmpty()) {
                    throw new IllegalStateException("wakeup: no message for 30 s after " + wakeUps.count() + " of " + n);
                }
                long now = System.nanoTime();
                for (Message m : got) {
                    wakeUps.add(now - m.payload().get("t").asLong());
                }
                consumer.archiveMany(got.stream().map(Message::id).toList());
            }
            producer.get(1, TimeUnit.MINUTES);
        } finally {
            if (inProcessProducer != null) {
                inProcessProducer.close();
            }
        }
        return Latencies.merge(List.of(wakeUps));
    }

    /**
     * @return this process's CPU time over {@code seconds} while {@code idle} runs in a thread, in % of one core; the
     *     span starts a second after the thread, so that class loading and compilation of its first steps stay out.
     *     The threads that used most of it are printed.
     */
    private static double cpuShare(int seconds, Runnable idle) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread waiter = new Thread(idle, "wakeup-idle");
        waiter.start();
        TimeUnit.SECONDS.sleep(WARM_SECONDS);
        Map<Long, Long> threadsBefore = threadCpu();
        long cpuBefore = os.getProcessCpuTime();
        long before = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long wall = System.nanoTime() - before;
        Map<Long, Long> threadsAfter = threadCpu();
        waiter.join(TimeUnit.SECONDS.toMillis(seconds + WARM_SECONDS + 5L));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder busiest = new StringBuilder();
        threadsAfter.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(4).forEach(e -> {
                    ThreadInfo info = threads.getThreadInfo(e.getKey());
                    busiest.append(String.format(" %s=%.2f%%", info == null ? "?" : info.getThreadName(),
                            100.0 * e.getValue() / wall));
                });
        System.out.printf("  idle span of %d s: process %.2f%% of a core; busiest threads:%s%n", seconds,
                100.0 * cpu / wall, busiest);
        return 100.0 * cpu / wall;
    }

    private static Map<Long, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new LinkedHashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }
}
