package io.pgqrs.cli;

import io.pgqrs.ErrorKind;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueWorker;
import io.pgqrs.QueueWorkerBuilder;
import io.pgqrs.QueueWorkerStats;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pgqrs worker run}: a {@link QueueWorker} whose handler is a command ({@link CommandHandler}). It runs until
 * SIGINT or SIGTERM (a shutdown hook has the worker closed: running commands get the shutdown timeout), until its
 * worker row is shut down from elsewhere, or with {@code --until-idle} until nothing was handled for that long and no
 * message is ready; then it prints one summary line. Progress goes to stderr every few seconds.
 */
final class WorkerRun {
    private static final Duration LOOK_EVERY = Duration.ofMillis(200);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
    /** Beyond the shutdown timeout, how long the shutdown hook lets the run write its summary and close the store. */
    private static final Duration HOOK_MARGIN = Duration.ofSeconds(10);

    private final PgqrsCommand root;
    private final CommandSpec group;
    private final String queue;
    private final List<String> command;
    private final WorkerRunOptions options;
    private final CountDownLatch stopAsked = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * @param root the root command, for the connection and the output
     * @param group the {@code worker} group's model, for usage errors
     * @param queue the queue
     * @param command the program and arguments to run per message
     * @param options the worker's settings
     */
    WorkerRun(PgqrsCommand root, CommandSpec group, String queue, List<String> command, WorkerRunOptions options) {
        this.root = root;
        this.group = group;
        this.queue = queue;
        this.command = command;
        this.options = options;
    }

    /** @return the exit code */
    int run() {
        Thread hook = new Thread(this::stopAndAwaitSummary, "pgqrs-worker-run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return root.run(group, this::work);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook is running and returns now that the run finished.
            }
        }
    }

    private void stopAndAwaitSummary() {
        stopAsked.countDown();
        try {
            finished.await(options.shutdownTimeout.plus(HOOK_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work(Pgqrs pgqrs, Output out) {
        QueueWorkerBuilder builder = pgqrs.worker(queue);
        UsageErrors.refuseAsUsage(group, "run", () -> options.applyTo(builder, pgqrs.config().maxReadCt()));
        PrintWriter err = group.commandLine().getErr();
        long started = System.nanoTime();
        QueueWorkerStats stats;
        Throwable failure;
        try (CommandHandler handler = new CommandHandler(command, queue, err)) {
            QueueWorker worker = builder.handler(handler).start();
            try (StatusLines status = new StatusLines(err, () -> progress(worker.stats()), STATUS_EVERY)) {
                awaitEnd(pgqrs, worker);
            } finally {
                worker.close();
            }
            stats = worker.stats();
            failure = worker.failure().orElse(null);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("handled", handled(stats));
        fields.put("succeeded", stats.succeeded());
        fields.put("retried", stats.retried());
        fields.put("dead_lettered", stats.deadLettered());
        fields.put("seconds", Math.round(seconds * 100) / 100.0);
        out.status(String.format(Locale.ROOT, "%s seconds=%.2f", line(stats), seconds), fields);
        if (failure instanceof PgqrsException e) {
            throw e;
        } else if (failure != null) {
            throw PgqrsException.of(ErrorKind.INTERNAL, "The worker stopped fetching: " + failure, failure);
        }
    }

    /** Waits for a stop signal, the worker's own end, or idleness when {@code --until-idle} asks for it. */
    private void awaitEnd(Pgqrs pgqrs, QueueWorker worker) {
        long lastHandled = -1;
        long activeAt = System.nanoTime();
        try {
            while (worker.isRunning() && !stopAsked.await(LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                if (options.untilIdle == null) {
                    continue;
                }
                QueueWorkerStats s = worker.stats();
                if (handled(s) != lastHandled || s.inFlight() > 0) {
                    lastHandled = handled(s);
                    activeAt = System.nanoTime();
                } else if (System.nanoTime() - activeAt >= options.untilIdle.toNanos() && noneReady(pgqrs)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return true when no live message of the queue is visible with attempts left (among the 1000 newest) */
    private boolean noneReady(Pgqrs pgqrs) {
        Instant now = pgqrs.config().clock().map(Clock::instant).orElseGet(Instant::now);
        int maxReadCt = pgqrs.config().maxReadCt();
        return pgqrs.admin().listMessages(queue).stream().noneMatch(m -> !m.vt().isAfter(now) && m.readCt() < maxReadCt);
    }

    private static String progress(QueueWorkerStats s) {
        return line(s) + " in_flight=" + s.inFlight();
    }

    private static long handled(QueueWorkerStats s) {
        return s.succeeded() + s.retried() + s.deadLettered();
    }

    private static String line(QueueWorkerStats s) {
        return "worker run: handled=" + handled(s) + " succeeded=" + s.succeeded() + " retried=" + s.retried()
                + " dead_lettered=" + s.deadLettered();
    }
}
