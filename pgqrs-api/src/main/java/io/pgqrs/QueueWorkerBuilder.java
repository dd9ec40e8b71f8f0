package io.pgqrs;

import io.pgqrs.internal.runtime.RuntimeSettings;
import io.pgqrs.internal.validation.RequestLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Sets up a {@link QueueWorker}; from {@link Pgqrs#worker(String)}. Every setting but the handler has a default;
 * a bad value is refused at once with {@code VALIDATION_FAILED}. One builder starts one worker.
 *
 * <p>Defaults: concurrency 4, no prefetch, batch 10 (or {@link Config#defaultMaxBatchSize()} when smaller), the lease {@link Config#defaultLockTime()}, the retry policy
 * {@code exponential(1 s, 5 min)} with {@link Config#maxReadCt()} attempts, archive on success, shutdown timeout
 * 30 s, no handler timeout, platform daemon threads named {@code pgqrs-<queue>-handler-N}.
 */
public final class QueueWorkerBuilder {
    private static final AtomicInteger HANDLER_THREADS = new AtomicInteger();
    private static final int MAX_PREFETCH = 1000;

    private final Config config;
    private final String queue;
    private final Function<RuntimeSettings, QueueWorker> starter;
    private String workerName;
    private int concurrency = 4;
    private int prefetch;
    private int batch = 10;
    private Duration lease;
    private RetryPolicy retry;
    private MessageProcessor processor;
    private MessageHandler batchHandler;
    private boolean deleteOnSuccess;
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Duration handlerTimeout;
    private ThreadFactory threadFactory;
    private Duration scheduleCheckInterval;
    private boolean started;

    QueueWorkerBuilder(Config config, String queue, String workerName, Function<RuntimeSettings, QueueWorker> starter) {
        this.config = config;
        this.queue = queue;
        this.workerName = workerName;
        this.starter = starter;
        this.lease = config.defaultLockTime();
        this.batch = Math.min(batch, config.defaultMaxBatchSize());
    }

    /**
     * @param name a unique worker name (default: generated from the queue name)
     * @return this builder
     */
    public QueueWorkerBuilder name(String name) {
        this.workerName = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * @param threads how many handlers run at once, at least 1
     * @return this builder
     */
    public QueueWorkerBuilder concurrency(int threads) {
        if (threads < 1) {
            throw PgqrsException.validationFailed("Concurrency must be at least 1, got " + threads);
        }
        this.concurrency = threads;
        return this;
    }

    /**
     * Lets the worker lease deliveries ahead of its free handlers: they wait in the worker and go to the next handler
     * that frees up, so that a handler does not wait for a fetch between two deliveries. A delivery is one message, or
     * one batch for a {@link #batchHandler}. Their leases are kept like those of running handlers; when the worker
     * closes, those whose handler has not started go back to the queue at once. Prefetching holds messages that
     * another worker could be running, so it suits short handlers; with long ones, leave it at 0.
     *
     * @param deliveries how many deliveries beyond {@link #concurrency} the worker may hold, 0 (the default) to 1000
     * @return this builder
     * @throws PgqrsException {@code VALIDATION_FAILED} (field {@code prefetch}) outside 0 to 1000
     */
    public QueueWorkerBuilder prefetch(int deliveries) {
        if (deliveries < 0 || deliveries > MAX_PREFETCH) {
            throw PgqrsException.invalidField("prefetch", "prefetch between 0 and " + MAX_PREFETCH + " deliveries, got "
                    + deliveries);
        }
        this.prefetch = deliveries;
        return this;
    }

    /**
     * @param size most messages one fetch leases (never more than the free slots: handlers and {@link #prefetch}), and
     *        the batch size of a {@link #batchHandler}; 1 to {@link Config#defaultMaxBatchSize()}
     * @return this builder
     */
    public QueueWorkerBuilder batch(int size) {
        RequestLimits.requireBatchSize(config, size);
        this.batch = size;
        return this;
    }

    /**
     * @param lease the lease of each delivery, whole seconds, at least 1; extended while a handler runs past half of it
     * @return this builder
     */
    public QueueWorkerBuilder lease(Duration lease) {
        RequestLimits.requireLeaseSeconds("Lease", lease);
        this.lease = lease;
        return this;
    }

    /**
     * @param policy delays between attempts and the number of attempts; at most {@link Config#maxReadCt()} attempts,
     *        since the store stops delivering a message after that many leases
     * @return this builder
     */
    public QueueWorkerBuilder retry(RetryPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (policy.maxAttempts() > config.maxReadCt()) {
            throw PgqrsException.validationFailed("Retry policy allows " + policy.maxAttempts() + " attempts but the store "
                    + "delivers a message at most max_read_ct = " + config.maxReadCt() + " times: lower the attempts or "
                    + "raise max_read_ct (PGQRS_MAX_READ_CT)");
        }
        this.retry = policy;
        return this;
    }

    /**
     * @param handler the work for one message
     * @return this builder
     */
    public QueueWorkerBuilder handler(MessageProcessor handler) {
        this.processor = Objects.requireNonNull(handler, "handler");
        this.batchHandler = null;
        return this;
    }

    /**
     * @param handler the work for a batch of up to {@link #batch} messages, settled together: all archived on success,
     *        all retried on failure
     * @return this builder
     */
    public QueueWorkerBuilder batchHandler(MessageHandler handler) {
        this.batchHandler = Objects.requireNonNull(handler, "handler");
        this.processor = null;
        return this;
    }

    /** @return this builder, set to delete messages after success instead of archiving them */
    public QueueWorkerBuilder deleteOnSuccess() {
        this.deleteOnSuccess = true;
        return this;
    }

    /**
     * @param timeout how long {@link QueueWorker#close()} waits for handlers in flight before releasing their messages
     * @return this builder
     */
    public QueueWorkerBuilder shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = requirePositive("Shutdown timeout", timeout);
        return this;
    }

    /**
     * @param timeout how long a handler may run; past it the handler thread is interrupted and the run counts as a
     *        failed attempt, whose message the retry policy then handles
     * @return this builder
     */
    public QueueWorkerBuilder handlerTimeout(Duration timeout) {
        this.handlerTimeout = requirePositive("Handler timeout", timeout);
        return this;
    }

    /**
     * @param factory makes the handler threads, e.g. {@code Thread.ofVirtual().factory()} on Java 21
     * @return this builder
     */
    public QueueWorkerBuilder threadFactory(ThreadFactory factory) {
        this.threadFactory = Objects.requireNonNull(factory, "factory");
        return this;
    }

    /**
     * Makes the worker also fire the store's due schedules ({@link Schedules}), every
     * {@link Schedules#DEFAULT_CHECK_INTERVAL}, for as long as it runs: the usual way to run schedules in a service,
     * since every instance running it still enqueues each tick once. Every schedule of the store fires, whatever its
     * queue.
     *
     * @return this builder
     */
    public QueueWorkerBuilder runSchedules() {
        return runSchedules(Schedules.DEFAULT_CHECK_INTERVAL);
    }

    /**
     * As {@link #runSchedules()}, checking for due schedules every {@code checkInterval}.
     *
     * @param checkInterval the pause between two rounds, at least 10 ms
     * @return this builder
     * @throws PgqrsException {@code VALIDATION_FAILED} (field {@code checkInterval}) for an interval under 10 ms
     */
    public QueueWorkerBuilder runSchedules(Duration checkInterval) {
        Objects.requireNonNull(checkInterval, "checkInterval");
        if (checkInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw PgqrsException.invalidField("checkInterval", "check for due schedules at most every 10 ms, got "
                    + checkInterval);
        }
        this.scheduleCheckInterval = checkInterval;
        return this;
    }

    /**
     * Registers the worker row and starts fetching.
     *
     * @return the running worker; close it to stop
     * @throws PgqrsException {@code VALIDATION_FAILED} without a handler or when this builder already started a
     *         worker, or the worker name is active; {@code QUEUE_NOT_FOUND}
     */
    public QueueWorker start() {
        if (processor == null && batchHandler == null) {
            throw PgqrsException.validationFailed("No handler: call handler(...) or batchHandler(...) before start()");
        }
        if (started) {
            throw PgqrsException.validationFailed("This builder already started a worker: call Pgqrs.worker(queue) again "
                    + "for another one");
        }
        started = true;
        RetryPolicy policy = retry != null ? retry
                : RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofMinutes(5)).withMaxAttempts(config.maxReadCt());
        ThreadFactory factory = threadFactory != null ? threadFactory : r -> {
            Thread t = new Thread(r, "pgqrs-" + queue + "-handler-" + HANDLER_THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return starter.apply(new RuntimeSettings(queue, workerName, concurrency, prefetch, batch, lease, policy, processor,
                batchHandler, deleteOnSuccess, shutdownTimeout, handlerTimeout, factory, scheduleCheckInterval));
    }

    private static Duration requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw PgqrsException.validationFailed(what + " must be positive, got " + d);
        }
        return d;
    }
}
