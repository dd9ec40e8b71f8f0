package io.pgqrs.cli;

import io.pgqrs.PgqrsException;
import io.pgqrs.QueueWorkerBuilder;
import io.pgqrs.RetryPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The settings of {@code pgqrs worker run}, applied to a {@link QueueWorkerBuilder}, which refuses bad values. */
final class WorkerRunOptions {
    @Option(names = "--concurrency", defaultValue = "4", description = "Commands running at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--prefetch", defaultValue = "0", description = "Messages leased ahead of the free commands, for the "
            + "next one that frees up: worth it for short commands, 0 to 1000 (default: ${DEFAULT-VALUE})")
    int prefetch;

    @Option(names = "--batch", defaultValue = "10", description = "Most messages one fetch leases (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lease", description = "Lease of each delivery, whole seconds, at least 1s; extended while a command "
            + "runs past half of it (default: default_lock_time, 30s)")
    Duration lease;

    @Option(names = "--max-attempts", description = "Deliveries before a failing message becomes a dead letter, "
            + "1 to max_read_ct (default: max_read_ct, 5)")
    Integer maxAttempts;

    @Option(names = "--retry-delay", defaultValue = "1s", description = "Delay after the first failure, doubled after each "
            + "further one (default: ${DEFAULT-VALUE})")
    Duration retryDelay;

    @Option(names = "--retry-max", defaultValue = "5m", description = "Longest delay between attempts (default: ${DEFAULT-VALUE})")
    Duration retryMax;

    @Option(names = "--shutdown-timeout", defaultValue = "30s", description = "On SIGINT or SIGTERM, how long running "
            + "commands may finish before they are killed and their messages released (default: ${DEFAULT-VALUE})")
    Duration shutdownTimeout;

    @Option(names = "--handler-timeout", description = "Kill a command running longer and count a failed attempt (default: none)")
    Duration handlerTimeout;

    @Option(names = "--until-idle", description = "Stop once nothing was handled for this long and no message is ready "
            + "(default: run until SIGINT or SIGTERM)")
    Duration untilIdle;

    /**
     * @param builder the worker's builder
     * @param maxReadCt the store's {@code max_read_ct}, the default number of attempts
     * @throws PgqrsException {@code VALIDATION_FAILED} for a value the builder or the retry policy refuses
     */
    void applyTo(QueueWorkerBuilder builder, int maxReadCt) {
        builder.concurrency(concurrency).prefetch(prefetch).batch(batch).shutdownTimeout(shutdownTimeout)
                .retry(RetryPolicy.exponential(retryDelay, retryMax).withMaxAttempts(maxAttempts == null ? maxReadCt : maxAttempts));
        if (lease != null) {
            builder.lease(lease);
        }
        if (handlerTimeout != null) {
            builder.handlerTimeout(handlerTimeout);
        }
        if (untilIdle != null && (untilIdle.isZero() || untilIdle.isNegative())) {
            throw PgqrsException.validationFailed("--until-idle must be positive, got " + untilIdle);
        }
    }
}
