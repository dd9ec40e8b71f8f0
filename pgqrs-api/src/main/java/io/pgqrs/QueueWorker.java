package io.pgqrs;

import java.util.Optional;

/**
 * A running consumer of one queue: a fetch thread that leases messages as handler slots free up, a pool of handler
 * threads, and a keeper thread that writes heartbeats, extends the lease of long handlers and stops hung ones.
 * Started by {@link QueueWorkerBuilder#start()}; stopped by {@link #close()}.
 *
 * <pre>{@code
 * try (QueueWorker worker = pgqrs.worker("emails")
 *         .concurrency(8)
 *         .retry(RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofMinutes(5)).withMaxAttempts(5))
 *         .handler(message -> send(message.payload(Email.class)))
 *         .start()) {
 *     awaitShutdownSignal();
 * }
 * }</pre>
 *
 * <p>Successes are written in batches by a completer thread: each archive (or delete) carries every success that came
 * in while the previous one ran, and a handler thread takes its next message without waiting for it. A process that
 * dies before a success is written gets that message delivered again after its lease, as with any unsettled message.
 * Failures are written at once, each with its error.
 *
 * <p>Threads: one fetch, one completer and one keeper thread (platform, daemon), and {@code concurrency} handler
 * threads from the builder's {@link java.util.concurrent.ThreadFactory} (platform threads by default; on Java 21 pass
 * {@code Thread.ofVirtual().factory()}). The worker never leases more messages than it has free handler slots, so a
 * message waits in the store, where another worker can take it, rather than in this process.
 *
 * <p>The worker row is {@code polling} while the worker fetches. Suspending it from another process (for example
 * {@code pgqrs worker interrupt}) stops fetching while the handlers in hand finish; resuming it starts fetching
 * again. Shutting the row down from elsewhere stops the worker as {@link #close()} would, without an error.
 */
public interface QueueWorker extends AutoCloseable {

    /** @return the consumer's worker id, as the CLI and {@link Admin#listWorkers()} show it */
    long workerId();

    /** @return the queue it consumes */
    String queue();

    /** @return true until it stops fetching for good: after {@link #close()}, or when its row was shut down */
    boolean isRunning();

    /** @return what it did so far */
    QueueWorkerStats stats();

    /**
     * @return the failure that stopped the fetch thread, if one did (a store that cannot be reached does not: the
     *         worker retries with back-off and logs it)
     */
    Optional<Throwable> failure();

    /**
     * Stops: no more fetching; handlers in flight get up to the shutdown timeout to finish and settle their
     * messages; messages whose handlers are still running then are released (visible to other workers at once) and
     * those handlers interrupted; finally the worker row is stopped. Returns within the shutdown timeout plus the time
     * of those few store calls. Idempotent, callable from any thread, including a JVM shutdown hook; a second call
     * waits for the first to finish.
     */
    @Override
    void close();
}
