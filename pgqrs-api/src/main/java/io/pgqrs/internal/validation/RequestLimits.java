package io.pgqrs.internal.validation;

import io.pgqrs.Config;
import io.pgqrs.PgqrsException;
import java.time.Duration;

/**
 * The limits of one enqueue or dequeue request (batch size, delay, lease), in one place so that they can be checked
 * before a worker is registered as well as when the request runs.
 */
public final class RequestLimits {
    private RequestLimits() {
    }

    /**
     * @param config the configuration, for {@code default_max_batch_size}
     * @param n a dequeue batch size
     * @throws PgqrsException {@code VALIDATION_FAILED} unless {@code 1 <= n <= default_max_batch_size}
     */
    public static void requireBatchSize(Config config, int n) {
        int max = config.defaultMaxBatchSize();
        if (n < 1 || n > max) {
            throw PgqrsException.validationFailed("Batch size must be between 1 and " + max + " (default_max_batch_size), got " + n);
        }
    }

    /**
     * @param lease a lease or an extension
     * @param what its name in the message, e.g. {@code "Lease"}
     * @return its length in seconds
     * @throws PgqrsException {@code VALIDATION_FAILED} unless it is a whole number of seconds, at least one
     */
    public static long requireLeaseSeconds(String what, Duration lease) {
        long seconds = requireWholeSeconds(what, lease);
        if (seconds < 1) {
            throw PgqrsException.validationFailed(what + " must be at least 1 second, got " + lease);
        }
        return seconds;
    }

    /**
     * @param delay how long a message stays invisible
     * @return its length in seconds
     * @throws PgqrsException {@code VALIDATION_FAILED} unless it is a whole number of seconds, not negative
     */
    public static long requireDelaySeconds(Duration delay) {
        if (delay.isNegative()) {
            throw PgqrsException.validationFailed("Delay must not be negative, got " + delay);
        }
        return requireWholeSeconds("Delay", delay);
    }

    private static long requireWholeSeconds(String what, Duration d) {
        if (d.toNanosPart() != 0) {
            throw PgqrsException.validationFailed(what + " must be a whole number of seconds, got " + d
                    + ": times are stored to the second, so round it yourself");
        }
        return d.toSeconds();
    }
}
