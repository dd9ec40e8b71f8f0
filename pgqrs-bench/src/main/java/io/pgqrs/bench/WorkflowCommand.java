package io.pgqrs.bench;

import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import io.pgqrs.RunStatus;
import io.pgqrs.Workflow;
import io.pgqrs.testsupport.Backlog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Durable workflows against plain messages at the same concurrency: N runs of a three-step no-op workflow drained by a
 * worker with C handlers, and N plain messages drained by a worker with C handlers, in one store. Every run must end
 * SUCCESS and every message be archived (the run fails otherwise). Reports runs/s, steps/s and their ratio to plain
 * msgs/s.
 */
@Command(name = "workflow", mixinStandardHelpOptions = true,
        description = "A 3-step no-op workflow drained by C handlers vs plain messages at the same C.")
final class WorkflowCommand implements Callable<Integer> {
    private static final int STEPS = 3;

    @Mixin
    BenchMain.Common common;

    @Option(names = "--runs", description = "Runs and plain messages (default: 2000; --quick: 100)")
    Integer runs;

    @Option(names = "--concurrency", defaultValue = "4", description = "Handlers (default: ${DEFAULT-VALUE})")
    int concurrency;

    /** A run's input. @param n its number */
    record Job(int n) {
    }

    @Override
    public Integer call() throws Exception {
        int n = runs != null ? runs : common.quick ? 100 : 2_000;
        if (common.backend.equals("s3")) {
            S3Bench.proxy(Duration.ofMillis(common.rttMillis));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        try (Target target = Target.fresh(common); Pgqrs pgqrs = Pgqrs.connect(target.config())) {
            pgqrs.admin().install();
            Drain plain = plain(pgqrs, target, n);
            Drain runs = workflows(pgqrs, target, n);
            results.put("plain_msgs_per_second", plain.perSecond());
            results.put("runs_per_second", runs.perSecond());
            results.put("steps_per_second", runs.perSecond() * STEPS);
            results.put("runs_to_plain", runs.perSecond() / plain.perSecond());
            if (plain.writes() >= 0) {
                results.put("write_transactions_per_plain_message", plain.writes() / (double) n);
                results.put("write_transactions_per_run", runs.writes() / (double) n);
                results.put("write_transactions_per_step", (runs.writes() - plain.writes()) / (double) n / STEPS);
            }
        }
        System.out.printf("workflow on %s: N=%d C=%d steps=%d plain %.0f msgs/s, workflow %.0f runs/s (%.0f steps/s), runs/plain %.2f%n",
                common.backend, n, concurrency, STEPS, results.get("plain_msgs_per_second"), results.get("runs_per_second"),
                results.get("steps_per_second"), results.get("runs_to_plain"));
        if (results.containsKey("write_transactions_per_run")) {
            System.out.printf("write transactions (cluster-wide txids): %.2f per plain message, %.2f per run, %.2f per step "
                    + "beyond a plain message's share%n", results.get("write_transactions_per_plain_message"),
                    results.get("write_transactions_per_run"), results.get("write_transactions_per_step"));
        }
        Report report = new Report("workflow", common.backend, Map.of("runs", n, "concurrency", concurrency, "steps", STEPS));
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

    private Drain plain(Pgqrs pgqrs, Target target, int n) throws InterruptedException {
        Backlog.fill(pgqrs, "plain", n);
        long x0 = target.writeTransactionCounter();
        long t0 = System.nanoTime();
        try (QueueWorker worker = pgqrs.worker("plain").concurrency(concurrency).handler(m -> { }).start()) {
            while (worker.stats().succeeded() < n) {
                Thread.sleep(5);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long writes = writesSince(target, x0);
        if (pgqrs.admin().queueMetrics("plain").archivedMessages() != n) {
            throw new IllegalStateException("plain: not every message archived");
        }
        return new Drain(n / seconds, writes);
    }

    /** @return write transactions since {@code x0}, less the reading's own, or -1 off PostgreSQL */
    private static long writesSince(Target target, long x0) {
        return x0 < 0 ? -1 : target.writeTransactionCounter() - x0 - 1;
    }

    private Drain workflows(Pgqrs pgqrs, Target target, int n) throws InterruptedException {
        Workflow<Job, Integer> noop = pgqrs.workflows().define("noop", Job.class, Integer.class, (ctx, job) -> {
            int a = ctx.step("one", Integer.class, job::n);
            int b = ctx.step("two", Integer.class, () -> a + 1);
            return ctx.step("three", Integer.class, () -> b + 1);
        });
        for (int i = 0; i < n; i++) {
            noop.trigger(new Job(i));
        }
        long x0 = target.writeTransactionCounter();
        long t0 = System.nanoTime();
        try (QueueWorker worker = noop.worker().concurrency(concurrency).start()) {
            while (worker.stats().succeeded() < n) {
                Thread.sleep(5);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long writes = writesSince(target, x0);
        int done = noop.runs(RunStatus.SUCCESS, n + 1).size();
        if (done != n) {
            throw new IllegalStateException("workflow: " + done + " of " + n + " runs ended SUCCESS");
        }
        return new Drain(n / seconds, writes);
    }
}
