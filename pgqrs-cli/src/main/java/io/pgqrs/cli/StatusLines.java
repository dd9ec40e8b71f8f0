package io.pgqrs.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Progress of a command that runs for as long as it is left to: one line on stderr every period, when the line changed
 * since the last one, so that a log stays short while nothing happens. ({@link Progress} redraws one line of a bounded
 * run on a terminal instead.)
 */
final class StatusLines implements AutoCloseable {
    private final PrintWriter err;
    private final Supplier<String> line;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pgqrs-status");
        t.setDaemon(true);
        return t;
    });
    private String last;

    /**
     * @param err the CLI's stderr
     * @param line the current status
     * @param period time between lines
     */
    StatusLines(PrintWriter err, Supplier<String> line, Duration period) {
        this.err = err;
        this.line = line;
        ticker.scheduleAtFixedRate(this::write, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void write() {
        String now = line.get();
        if (!Objects.equals(now, last)) {
            last = now;
            synchronized (err) {
                err.println(now);
                err.flush();
            }
        }
    }

    /** Stops writing. */
    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
