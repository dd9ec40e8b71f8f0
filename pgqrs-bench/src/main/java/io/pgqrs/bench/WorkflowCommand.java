package io.pgqrs.bench;

import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import io.pgqrs.RunStatus;
import io.pgqrs.Workflow;
import io.pgqrs.testsupport.Backlog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Durable workflows against plain messages at the same concurrency: N runs of a three-step no-op workflow drained by W
 * workers of C handlers each, and N plain messages drained the same way, in one store, alternated for a few rounds
 * (each on queues of its own) so that a change in the machine's load reaches both. Every run must end SUCCESS
 * and every message be archived (the run fails otherwise). Reports the median runs/s, steps/s and ratio to plain
 * msgs/s over the rounds.
 */
@Command(name = "workflow", mixinStandardHelpOptions = true,
        description = "A 3-step no-op workflow drained by W workers of C handlers vs plain messages drained the same way.")
final class WorkflowCommand implements Callable<Integer> {
    private static final int STEPS = 3;

    @Mixin
    BenchMain.Common common;

    @Option(names = "--runs", description = "Runs and plain messages (default: 2000; --quick: 100)")
    Integer runs;

    @Option(names = "--concurrency", defaultValue = "4",
            description = "Handlers per worker (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--workers", defaultValue = "1", description = "Workers of each drain, each with --concurrency "
            + "handlers and its own fetch loop, as separate processes would have (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--prefetch", defaultValue = "0", description = "Deliveries every worker leases ahead of its free "
            + "handlers (QueueWorkerBuilder.prefetch; default: ${DEFAULT-VALUE})")
    int prefetch;

    @Option(names = "--rounds", description = "Plain drains and workflow drains, alternated; medians are reported "
            + "(default: 3; --quick: 1)")
    Integer rounds;

    /** A run's input. @param n its number */
    record Job(int n) {
    }

    @Override
    public Integer call() throws Exception {
        if (workers < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--workers must be at least 1, got " + workers);
        }
        int n = runs != null ? runs : common.quick ? 100 : 2_000;
        if (common.backend.equals("s3")) {
            S3Bench.proxy(Duration.ofMillis(common.rttMillis));
        }
        int r = rounds != null ? rounds : common.quick ? 1 : 3;
        Map<String, Object> results = new LinkedHashMap<>();
        try (Target target = Target.fresh(common); Pgqrs pgqrs = Pgqrs.connect(target.config())) {
            pgqrs.admin().install();
            if (!common.quick) {
                // Both paths run once, uncounted, so that neither round 1 measures the JIT compiling it
                plain(pgqrs, target, "warm_plain", Math.max(100, n / 4));
                workflows(pgqrs, target, "warm_noop", Math.max(100, n / 4));
            }
            List<Drain> plain = new ArrayList<>();
            List<Drain> runs = new ArrayList<>();
            for (int i = 0; i < r; i++) {
                plain.add(plain(pgqrs, target, "plain_" + i, n));
                runs.add(workflows(pgqrs, target, "noop_" + i, n));
                System.out.printf("round %d: plain %.0f msgs/s, workflow %.0f runs/s%n", i + 1, plain.get(i).perSecond(),
                        runs.get(i).perSecond());
            }
            double plainPerSecond = median(plain.stream().mapToDouble(Drain::perSecond));
            double runsPerSecond = median(runs.stream().mapToDouble(Drain::perSecond));
            results.put("rounds", r);
            results.put("plain_msgs_per_second", plainPerSecond);
            results.put("runs_per_second", runsPerSecond);
            results.put("steps_per_second", runsPerSecond * STEPS);
            results.put("runs_to_plain", median(IntStream.range(0, r)
                    .mapToDouble(i -> runs.get(i).perSecond() / plain.get(i).perSecond())));
            if (plain.get(0).writes() >= 0) {
                double plainWrites = median(plain.stream().mapToDouble(d -> d.writes() / (double) n));
                double runWrites = median(runs.stream().mapToDouble(d -> d.writes() / (double) n));
                results.put("write_transactions_per_plain_message", plainWrites);
                results.put("write_transactions_per_run", runWrites);
                results.put("write_transactions_per_step", (runWrites - plainWrites) / STEPS);
                results.put("write_transactions_per_run_beyond_steps", runWrites - STEPS);
            }
        }
        System.out.printf("workflow on %s: N=%d workers=%d C=%d prefetch=%d steps=%d rounds=%d (medians) "
                + "plain %.0f msgs/s, workflow %.0f runs/s (%.0f steps/s), runs/plain %.2f%n", common.backend, n, workers,
                concurrency, prefetch, STEPS, r, results.get("plain_msgs_per_second"), results.get("runs_per_second"),
                results.get("steps_per_second"), results.get("runs_to_plain"));
        if (results.containsKey("write_transactions_per_run")) {
            System.out.printf("write transactions (cluster-wide txids): %.2f per plain message, %.2f per run (%d steps "
                    + "and %.2f for the trigger's claim, the run's end and its archive), %.2f per step beyond a plain "
                    + "message's share%n", results.get("write_transactions_per_plain_message"),
                    results.get("write_transactions_per_run"), STEPS, results.get("write_transactions_per_run_beyond_steps"),
                    results.get("write_transactions_per_step"));
        }
        Report report = new Report("workflow", common.backend,
                Map.of("runs", n, "workers", workers, "concurrency", concurrency, "prefetch", prefetch, "steps", STEPS,
                        "rounds", r));
        System.out.println("JSON: " + report.writeSummary(common.outDir, Report.backendVersion(common), results));
        return 0;
    }

    /**
     * One drain.
     *
     * @param perSecond messages or runs per second
     * @param writes write transactions during the drain (PostgreSQL), or -1
     */
    private record Drain(double perSecond, long writes) {
    }

    private static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private Drain plain(Pgqrs pgqrs, Target target, String queue, int n) throws InterruptedException {
        Backlog.fill(pgqrs, queue, n);
        long x0 = target.writeTransactionCounter();
        long t0 = System.nanoTime();
        awaitSucceeded(n, () -> pgqrs.worker(queue).concurrency(concurrency).prefetch(prefetch).handler(m -> { })
                .start());
        double seconds = (System.nanoTime() - t0) / 1e9;
        long writes = writesSince(target, x0);
        if (pgqrs.admin().queueMetrics(queue).archivedMessages() != n) {
            throw new IllegalStateException(queue + ": not every message archived");
        }
        return new Drain(n / seconds, writes);
    }

    /** @return write transactions since {@code x0}, less the reading's own, or -1 off PostgreSQL */
    private static long writesSince(Target target, long x0) {
        return x0 < 0 ? -1 : target.writeTransactionCounter() - x0 - 1;
    }

    private Drain workflows(Pgqrs pgqrs, Target target, String name, int n) throws InterruptedException {
        Workflow<Job, Integer> noop = pgqrs.workflows().define(name, Job.class, Integer.class, (ctx, job) -> {
            int a = ctx.step("one", Integer.class, job::n);
            int b = ctx.step("two", Integer.class, () -> a + 1);
            return ctx.step("three", Integer.class, () -> b + 1);
        });
        for (int i = 0; i < n; i++) {
            noop.trigger(new Job(i));
        }
        long x0 = target.writeTransactionCounter();
        long t0 = System.nanoTime();
        awaitSucceeded(n, () -> noop.worker().concurrency(concurrency).prefetch(prefetch).start());
        double seconds = (System.nanoTime() - t0) / 1e9;
        long writes = writesSince(target, x0);
        int done = noop.runs(RunStatus.SUCCESS, n + 1).size();
        if (done != n) {
            throw new IllegalStateException(name + ": " + done + " of " + n + " runs ended SUCCESS");
        }
        return new Drain(n / seconds, writes);
    }

    /** Starts {@code --workers} workers, waits until they have handled {@code n} deliveries, and closes them. */
    private void awaitSucceeded(int n, Supplier<QueueWorker> start) throws InterruptedException {
        List<QueueWorker> started = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                started.add(start.get());
            }
            while (started.stream().mapToLong(w -> w.stats().succeeded()).sum() < n) {
                Thread.sleep(5);
            }
        } finally {
            started.forEach(QueueWorker::close);
        }
    }
}
