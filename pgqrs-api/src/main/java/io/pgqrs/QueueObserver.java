package io.pgqrs;

import java.time.Duration;
import java.util.List;

/**
 * Hears what happens to the messages of one connection, for metrics and tracing (the {@code pgqrs-micrometer} module
 * is one): register it with {@link Config.Builder#observer}. Each method is called on the thread that did the work,
 * after the store confirmed it, with the queue's name; all have empty defaults. Keep them fast and let them not throw:
 * a failing observer is logged and never fails the call it observes. An observer that must also wrap the work (a span
 * around it, headers added before the write) implements {@link QueueInterceptor}.
 */
public interface QueueObserver {

    /**
     * The connection is open; called once by {@link Pgqrs#connect(Config)} before it returns.
     *
     * @param pgqrs the connection, e.g. to read queue statistics in the background
     */
    default void opened(Pgqrs pgqrs) {
    }

    /**
     * Messages were stored. Enqueues that found their idempotency key taken stored nothing and are left out; a call
     * that stored nothing is not reported.
     *
     * @param queue the queue
     * @param messages the stored messages
     * @param took how long the store call took
     */
    default void enqueued(String queue, List<Message> messages, Duration took) {
    }

    /**
     * A consumer leased messages (none when the queue had nothing to give).
     *
     * @param queue the queue
     * @param messages how many
     * @param took how long the store call took
     */
    default void dequeued(String queue, int messages, Duration took) {
    }

    /**
     * Messages were archived: handled, and kept in the archive table.
     *
     * @param queue the queue
     * @param messages how many were archived
     */
    default void archived(String queue, int messages) {
    }

    /**
     * Messages were deleted for good.
     *
     * @param queue the queue
     * @param messages how many were deleted
     */
    default void deleted(String queue, int messages) {
    }

    /**
     * Leased messages were given back, to be delivered again: a failed handler's retry or an explicit release.
     *
     * @param queue the queue
     * @param messages how many were given back
     */
    default void released(String queue, int messages) {
    }

    /**
     * Messages became dead letters: their last allowed delivery failed, and they are no longer delivered.
     *
     * @param queue the queue
     * @param messages how many became dead letters
     */
    default void deadLettered(String queue, int messages) {
    }

    /**
     * A {@link QueueWorker}'s handler returned or threw.
     *
     * @param queue the queue
     * @param messages the messages it was given
     * @param took how long it ran
     * @param failure what it threw, or null when it succeeded (a postponement is no failure)
     */
    default void handled(String queue, List<Message> messages, Duration took, Throwable failure) {
    }

    /**
     * The connection is closing; called once by {@link Pgqrs#close()} before the store closes.
     *
     * @param pgqrs the connection
     */
    default void closing(Pgqrs pgqrs) {
    }
}
