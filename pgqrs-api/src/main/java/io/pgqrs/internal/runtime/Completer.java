package io.pgqrs.internal.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles successful deliveries in batches on its own thread: every archive (or delete) statement carries all the
 * successes that arrived while the previous one ran. Handler threads hand over and take the next message at once,
 * so on a store where a write costs a round trip (an S3 upload, a remote commit) one write settles many messages.
 * Successes that come while the fetch loop is busy claiming are left to its next claim instead, which archives them in
 * the same write; this thread writes them only when the loop waits for messages or has stopped.
 * A success is not written until the statement that carries it commits; if the process dies first, the message comes
 * back after its lease, as any unsettled message does.
 */
final class Completer {
    private static final Logger LOG = LoggerFactory.getLogger(Completer.class);
    /** Most deliveries one statement settles. */
    static final int MAX_BATCH = 500;
    private static final long IDLE_POLL_MILLIS = 50;
    /** Queued by {@link #close} so that an idle thread sees the flag at once instead of when its poll times out. */
    private static final Delivery WAKE_UP = new Delivery(List.of(), 0, Duration.ZERO);

    private final Settlement settlement;
    private final Collection<Delivery> inFlight;
    private final BlockingQueue<Delivery> pending = new LinkedBlockingQueue<>();
    /**
     * Successes left to the fetch loop's next claim; written here when the loop waits instead of claiming
     * ({@link #writeWhatWasLeftForNextFetch}) or has stopped.
     */
    private final BlockingQueue<Delivery> forNextFetch = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;

    Completer(String queue, Settlement settlement, Collection<Delivery> inFlight) {
        this.settlement = settlement;
        this.inFlight = inFlight;
        this.thread = new Thread(this::run, "pgqrs-" + queue + "-completer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** @param delivery a delivery whose handler succeeded and that this caller claimed for settlement */
    void submit(Delivery delivery) {
        pending.add(delivery);
    }

    /**
     * @param delivery a delivery whose handler succeeded and that this caller claimed for settlement, while the fetch
     *        loop is busy claiming: the loop's next claim writes it, so that this thread does not race that claim with
     *        a statement of its own
     */
    void submitForNextFetch(Delivery delivery) {
        forNextFetch.add(delivery);
    }

    /** The fetch loop waits or stopped: what was left to its next claim is written by this thread instead. */
    void writeWhatWasLeftForNextFetch() {
        List<Delivery> left = new ArrayList<>();
        forNextFetch.drainTo(left);
        pending.addAll(left);
    }

    /**
     * Takes the successes waiting to be written, for a caller that writes them in its own transaction (the fetch loop,
     * with its next claim); they are then that caller's to settle, or to {@linkplain #submitAll give back}.
     *
     * @return the waiting successes, at most {@value #MAX_BATCH}; often none
     */
    List<Delivery> takePending() {
        List<Delivery> taken = new ArrayList<>();
        forNextFetch.drainTo(taken, MAX_BATCH);
        drainPending(taken, MAX_BATCH - taken.size());
        return taken;
    }

    /** Moves up to {@code max} of the pending successes to {@code into}; the wake-up marker stays queued. */
    private void drainPending(List<Delivery> into, int max) {
        pending.drainTo(into, max);
        if (into.removeIf(d -> d == WAKE_UP)) {
            pending.add(WAKE_UP);
        }
    }

    /** @param deliveries successes a caller took but could not write: written by this thread after all */
    void submitAll(List<Delivery> deliveries) {
        pending.addAll(deliveries);
    }

    private void run() {
        List<Delivery> batch = new ArrayList<>();
        while (true) {
            Delivery first;
            try {
                first = pending.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == WAKE_UP) {
                // Queued by close: it stays queued, so that every later poll returns at once too.
                pending.add(WAKE_UP);
                first = null;
            }
            if (first == null) {
                if (closing) {
                    // The fetch loop has stopped: what it was left, it will not take.
                    forNextFetch.drainTo(batch, MAX_BATCH);
                    drainPending(batch, MAX_BATCH - batch.size());
                    if (batch.isEmpty()) {
                        return;
                    }
                    flush(batch);
                    batch.clear();
                }
                continue;
            }
            batch.add(first);
            drainPending(batch, MAX_BATCH - 1);
            flush(batch);
            batch.clear();
        }
    }

    private void flush(List<Delivery> batch) {
        try {
            settlement.succeeded(batch);
        } catch (RuntimeException e) {
            LOG.warn("Settling {} handled deliveries failed; their messages come back when their leases end", batch.size(), e);
        } finally {
            inFlight.removeAll(batch);
        }
    }

    /**
     * Writes what was handed over so far and stops.
     *
     * @param timeoutMillis how long to wait for the last statements
     */
    void close(long timeoutMillis) {
        closing = true;
        pending.add(WAKE_UP);
        try {
            thread.join(Math.max(1, timeoutMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Settling handled deliveries did not finish within {} ms; {} of them come back when their leases end",
                    timeoutMillis, pending.stream().filter(d -> d != WAKE_UP).count());
        }
    }
}
