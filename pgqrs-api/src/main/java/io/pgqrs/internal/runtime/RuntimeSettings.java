package io.pgqrs.internal.runtime;

import io.pgqrs.MessageHandler;
import io.pgqrs.MessageProcessor;
import io.pgqrs.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * What a queue worker was built with, checked by the builder.
 *
 * @param queue the queue
 * @param workerName the worker row's name
 * @param concurrency handler threads
 * @param prefetch deliveries the worker may lease beyond its free handlers
 * @param batch most messages leased by one fetch; for a batch handler, the batch size
 * @param lease the lease of each delivery
 * @param retry the retry policy
 * @param processor the per-message handler, or null when {@code batchHandler} is set
 * @param batchHandler the per-batch handler, or null when {@code processor} is set
 * @param deleteOnSuccess delete instead of archive after success
 * @param shutdownTimeout how long close waits for handlers in flight
 * @param handlerTimeout how long a handler may run before it is interrupted, or null for no limit
 * @param threadFactory where handler threads come from
 * @param scheduleCheckInterval how often the worker's schedule runner fires due schedules, or null for no runner
 */
public record RuntimeSettings(String queue, String workerName, int concurrency, int prefetch, int batch, Duration lease,
                              RetryPolicy retry, MessageProcessor processor, MessageHandler batchHandler,
                              boolean deleteOnSuccess, Duration shutdownTimeout, Duration handlerTimeout,
                              ThreadFactory threadFactory, Duration scheduleCheckInterval) {

    /** @return true when the handler takes whole batches */
    public boolean batches() {
        return batchHandler != null;
    }
}
