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
        try (Target target = Target.fresh(common.backend, common.postgresDsn); Pgqrs pgqrs = Pgqrs.connect(target.config())) {
            pgqrs.admin().install();
            double plain = plain(pgqrs, n);
            double perSecond = workflows(pgqrs, n);
            results.put("plain_msgs_per_second", plain);
            results.put("runs_per_second", perSecond);
            results.put("steps_per_second", perSecond * STEPS);
            results.put("runs_to_plain", perSecond / plain);
        }
        System.out.printf("workflow on %s: N=%d C=%d steps=%d plain %.0f msgs/s, workflow %.0f runs/s (%.0f steps/s), runs/plain %.2f%n",
                common.backend, n, concurrency, STEPS, results.get("plain_msgs_per_second"), results.get("runs_per_second"),
                results.get("steps_per_second"), results.get("runs_to_plain"));
        Report report = new Report("workflow", common.backend, Map.of("runs", n, "concurrency", concurrency, "steps", STEPS));
        System.out.println("JSON: " + report.writeSummary(common.outDir, Report.backendVersion(common), results));
        return 0;
    }

    private double plain(Pgqrs pgqrs, int n) throws InterruptedException {
        Backlog.fill(pgqrs, "plain", n);
        long t0 = System.nanoTime();
        try (QueueWorker worker = pgqrs.worker("plain").concurrency(concurrency).handler(m -> { }).start()) {
            while (worker.stats().succeeded() < n) {
                Thread.sleep(5);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (pgqrs.admin().queueMetrics("plain").archivedMessages() != n) {
            throw new IllegalStateException("plain: not every message archived");
        }
        return n / seconds;
    }

    private double workflows(Pgqrs pgqrs, int n) throws InterruptedException {
        Workflow<Job, Integer> noop = pgqrs.workflows().define("noop", Job.class, Integer.class, (ctx, job) -> {
            int a = ctx.step("one", Integer.class, job::n);
            int b = ctx.step("two", Integer.class, () -> a + 1);
            return ctx.step("three", Integer.class, () -> b + 1);
        });
        for (int i = 0; i < n; i++) {
            noop.trigger(new Job(i));
        }
        long t0 = System.nanoTime();
        try (QueueWorker worker = noop.worker().concurrency(concurrency).start()) {
            while (worker.stats().succeeded() < n) {
                Thread.sleep(5);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int done = noop.runs(RunStatus.SUCCESS, n + 1).size();
        if (done != n) {
            throw new IllegalStateException("workflow: " + done + " of " + n + " runs ended SUCCESS");
        }
        return n / seconds;
    }
}
