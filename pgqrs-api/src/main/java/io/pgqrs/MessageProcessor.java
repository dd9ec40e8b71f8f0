package io.pgqrs;

/**
 * The work a {@link QueueWorker} does for one message. Returning normally settles the message (archived, or deleted
 * when so configured); throwing hands it to the worker's {@link RetryPolicy}.
 *
 * <p>A processor runs on one of the worker's handler threads, with the SLF4J MDC keys {@code pgqrs.queue} and
 * {@code pgqrs.message_id} set. It may be interrupted: when it runs past the worker's handler timeout, or when the
 * worker's shutdown timeout passes; it should then stop soon, as its message has already been given back.
 */
@FunctionalInterface
public interface MessageProcessor {

    /**
     * @param message the leased message; its lease is extended while this runs
     * @throws Exception to have the message retried, or made a dead letter after its last attempt
     */
    void process(Message message) throws Exception;
}
