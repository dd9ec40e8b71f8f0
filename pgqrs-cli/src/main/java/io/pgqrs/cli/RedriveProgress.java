package io.pgqrs.cli;

import io.pgqrs.Redrive;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Follows a redrive on stderr until it ends: a progress bar redrawn four times a second on a terminal, else a plain
 * line each second the count changed (for logs).
 */
final class RedriveProgress {
    private static final int WIDTH = 30;
    private static final Duration TICK = Duration.ofMillis(250);

    private RedriveProgress() {
    }

    /**
     * @param redrive the running redrive
     * @param err the CLI's stderr
     * @param terminal whether stderr is a terminal (draw a bar) or not (print lines)
     */
    static void follow(Redrive redrive, PrintWriter err, boolean terminal) {
        long lastPrinted = -1;
        int ticks = 0;
        try {
            while (!redrive.await(TICK)) {
                ticks++;
                if (terminal) {
                    err.print("\r" + bar(redrive.moved(), redrive.expected()));
                    err.flush();
                } else if (ticks % 4 == 0 && redrive.moved() != lastPrinted) {
                    lastPrinted = redrive.moved();
                    err.println("redrive " + redrive.queue() + ": " + lastPrinted + " moved of at most " + redrive.expected());
                    err.flush();
                }
            }
        } catch (InterruptedException e) {
            redrive.close();
            Thread.currentThread().interrupt();
        }
        if (terminal) {
            err.println("\r" + bar(redrive.moved(), Math.max(redrive.moved(), redrive.isDone() && !redrive.stopped()
                    ? redrive.moved() : redrive.expected())));
            err.flush();
        }
    }

    /**
     * @param moved moved so far
     * @param expected the most it will move
     * @return {@code [#####.....] 12/40 (30%)}
     */
    static String bar(long moved, long expected) {
        long total = Math.max(expected, 1);
        int filled = (int) Math.min(WIDTH, moved * WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + moved + "/" + expected + " ("
                + Math.min(100, moved * 100 / total) + "%)";
    }
}
