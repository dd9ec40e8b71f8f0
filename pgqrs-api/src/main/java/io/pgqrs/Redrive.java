package io.pgqrs;

import java.time.Duration;
import java.util.Optional;

/**
 * A dead-letter redrive running on a thread of its own, started by {@link Admin#redrive}: it reports how far it got
 * and can be stopped. Thread-safe.
 *
 * <pre>{@code
 * try (Redrive redrive = admin.redrive("orders", 10_000, 100)) {      // at most 10 000, 100 per second
 *     while (!redrive.await(Duration.ofSeconds(1))) {
 *         log.info("redriven {} of at most {}", redrive.moved(), redrive.expected());
 *     }
 * }
 * }</pre>
 */
public interface Redrive extends AutoCloseable {

    /** @return the queue whose dead letters it moves */
    String queue();

    /** @return how many dead letters it moved so far; each is back in line, with {@code read_ct = 0} */
    long moved();

    /**
     * @return an upper bound of what it will move: the limit, or the queue's dead letters when it started if fewer
     *         (a filter may keep fewer still); for a progress bar
     */
    long expected();

    /** @return true once it ended: everything matching moved, the limit reached, stopped, or failed */
    boolean isDone();

    /** @return true when it ended because {@link #stop()} was called before it had moved everything */
    boolean stopped();

    /** @return the error it ended with, if it failed (what it moved before stays moved) */
    Optional<Throwable> failure();

    /**
     * Waits for it to end.
     *
     * @param timeout how long to wait at most
     * @return true when it ended within the timeout
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean await(Duration timeout) throws InterruptedException;

    /**
     * Asks it to stop after the batch in progress (a batch commits or rolls back as a whole); returns at once.
     * Idempotent; a redrive that ended already is not changed.
     */
    void stop();

    /** Stops it ({@link #stop()}) and waits until it ended. */
    @Override
    void close();
}
