package io.pgqrs.bench;

import io.pgqrs.Pgqrs;
import io.pgqrs.testsupport.S3Proxy;
import io.pgqrs.testsupport.S3Server;
import io.pgqrs.testsupport.Tally;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * S3 writers racing on one object: W writers, each with its own cache directory (as processes have; with
 * {@code --processes} each is a JVM of its own), enqueue M messages one at a time through the latency proxy. Reports
 * the run's time, PUTs of the store's object, requests for a turn (PUTs of the marker beside it), the enqueue waits
 * (p50, p99, longest) and the CONFLICTs that reached a writer, and counts every message afterwards: a lost or
 * repeated one fails the run.
 */
@Command(name = "contend", mixinStandardHelpOptions = true,
        description = "S3 only: W writers enqueue M messages each onto one object at once; no writer may be starved.")
final class ContendCommand implements Callable<Integer> {
    /** How the key of the marker through which a losing writer asks for a turn ends. */
    private static final String TURN_MARKER_SUFFIX = ".waiting";

    @Mixin
    BenchMain.Common common;

    @Option(names = "--writers", split = ",", description = "Writer counts (default: 2,4)")
    List<Integer> writers;

    @Option(names = "--messages", description = "Messages per writer (default: 300; --quick: 10)")
    Integer messages;

    @Option(names = "--processes", description = "Each writer in a JVM of its own instead of a thread with its own handle")
    boolean processes;

    @Override
    public Integer call() throws Exception {
        common.backend = "s3";
        List<Integer> ws = writers != null ? writers : List.of(2, 4);
        int each = messages != null ? messages : common.quick ? 10 : 300;
        Report report = new Report("contend", "s3", Map.of("writers", ws, "messages_per_writer", each,
                "rtt_ms", common.rttMillis, "processes", processes));
        List<Map<String, Object>> points = new ArrayList<>();
        for (int w : ws) {
            points.add(point(w, each));
        }
        System.out.println("JSON: " + report.writeSummary(common.outDir, Report.backendVersion(common), Map.of("points", points)));
        return 0;
    }

    private Map<String, Object> point(int writerCount, int each) throws Exception {
        S3Proxy proxy = S3Bench.proxy(Duration.ZERO);
        String dsn = S3Server.dsn("bench/contend-" + UUID.randomUUID() + ".sqlite");
        Path dir = Files.createTempDirectory("pgqrs-contend");
        try (Pgqrs setup = ContendWriter.connect(dsn, dir.resolve("setup"))) {
            setup.admin().install();
            setup.admin().createQueue(ContendWriter.QUEUE);
        }
        S3Bench.proxy(Duration.ofMillis(common.rttMillis));
        long putsBefore = proxy.count("PUT", S3Proxy.STORE_SUFFIX);
        long askedBefore = proxy.count("PUT", TURN_MARKER_SUFFIX);
        long started = System.nanoTime();
        List<ContendWriter.Outcome> outcomes = processes ? inProcesses(proxy, dsn, dir, writerCount, each)
                : inThreads(dsn, dir, writerCount, each);
        double seconds = (System.nanoTime() - started) / 1e9;
        long puts = proxy.count("PUT", S3Proxy.STORE_SUFFIX) - putsBefore;
        long asked = proxy.count("PUT", TURN_MARKER_SUFFIX) - askedBefore;
        S3Bench.proxy(Duration.ZERO);
        List<String> problems;
        try (Pgqrs reader = ContendWriter.connect(dsn, dir.resolve("reader"))) {
            problems = Tally.problems(reader, ContendWriter.QUEUE, writerCount, each);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("contend: " + problems.size() + " messages lost or repeated, e.g. "
                    + problems.subList(0, Math.min(5, problems.size())));
        }
        Latencies waits = new Latencies();
        int conflicts = 0;
        for (ContendWriter.Outcome o : outcomes) {
            o.waitsNanos().forEach(waits::add);
            conflicts += o.conflicts();
        }
        Latencies all = Latencies.merge(List.of(waits));
        System.out.printf("contend on s3 (%s): writers=%d messages=%d rtt=%dms seconds=%.1f msgs/s=%.1f puts=%d "
                        + "turn requests=%d enqueue p50=%.0fms p99=%.0fms longest=%.0fms conflicts=%d lost=0 "
                        + "duplicates=0%n",
                processes ? "processes" : "threads", writerCount, writerCount * each, common.rttMillis, seconds,
                writerCount * each / seconds, puts, asked, all.millis(0.5), all.millis(0.99), all.millis(1.0), conflicts);
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("writers", writerCount);
        point.put("messages", writerCount * each);
        point.put("seconds", seconds);
        point.put("puts", puts);
        point.put("turn_requests", asked);
        point.put("enqueue_ms", Map.of("p50", all.millis(0.5), "p99", all.millis(0.99), "max", all.millis(1.0)));
        point.put("conflicts", conflicts);
        return point;
    }

    private static List<ContendWriter.Outcome> inThreads(String dsn, Path dir, int writerCount, int each)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writerCount);
        List<Pgqrs> handles = new ArrayList<>();
        try {
            List<Future<ContendWriter.Outcome>> running = new ArrayList<>();
            for (int w = 0; w < writerCount; w++) {
                Pgqrs handle = ContendWriter.connect(dsn, dir.resolve("writer" + w));
                handles.add(handle);
                int writer = w;
                running.add(pool.submit(() -> ContendWriter.write(handle, writer, each)));
            }
            List<ContendWriter.Outcome> outcomes = new ArrayList<>();
            for (Future<ContendWriter.Outcome> f : running) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
            handles.forEach(Pgqrs::close);
        }
    }

    private static List<ContendWriter.Outcome> inProcesses(S3Proxy proxy, String dsn, Path dir, int writerCount,
            int each) throws Exception {
        List<ChildJvm> children = new ArrayList<>();
        for (int w = 0; w < writerCount; w++) {
            children.add(ChildJvm.start(ContendWriter.class, S3Server.get().environment(proxy.endpoint()), dsn,
                    dir.resolve("writer" + w).toString(), String.valueOf(w), String.valueOf(each)));
        }
        List<ContendWriter.Outcome> outcomes = new ArrayList<>();
        for (ChildJvm child : children) {
            String out = child.await(30);
            String[] lines = out.trim().split("\n");
            outcomes.add(ContendWriter.Outcome.parse(lines[lines.length - 1]));
        }
        return outcomes;
    }
}
