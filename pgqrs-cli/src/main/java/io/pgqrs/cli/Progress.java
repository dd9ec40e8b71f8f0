package io.pgqrs.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** A one-line progress report on stderr, redrawn four times a second on a terminal; silent otherwise or when asked to be. */
final class Progress {
    private final PrintWriter err;
    private final long total;
    private final LongAdder enqueued = new LongAdder();
    private final LongAdder archived = new LongAdder();
    private final ScheduledExecutorService ticker;

    Progress(PrintWriter err, long total, boolean wanted) {
        this.err = err;
        this.total = total;
        if (!wanted || System.console() == null) {
            ticker = null;
        } else {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pgqrs-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::draw, 250, 250, TimeUnit.MILLISECONDS);
        }
    }

    void enqueued(long n) {
        enqueued.add(n);
    }

    void archived(long n) {
        archived.add(n);
    }

    void finish() {
        if (ticker != null) {
            ticker.shutdownNow();
            draw();
            err.println();
            err.flush();
        }
    }

    private void draw() {
        err.printf("\renqueued %d/%d, archived %d/%d (%d%%)", enqueued.sum(), total, archived.sum(), total,
                total == 0 ? 100 : archived.sum() * 100 / total);
        err.flush();
    }
}
