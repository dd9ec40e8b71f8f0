package io.pgqrs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failed message is retried by a {@link QueueWorker}: the delay before each new attempt and how many attempts
 * a message gets before it becomes a dead letter. Immutable; the {@code with…} methods return a changed copy.
 *
 * <p>Attempts are deliveries: a message's {@code read_ct}. A delivery whose lease ran out because its worker died
 * counts as an attempt too. Delays are whole seconds, because the store keeps times to the second; a delay is rounded
 * up to the next second.
 *
 * <pre>{@code
 * RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofMinutes(5)).withMaxAttempts(5).withJitter()
 * }</pre>
 */
public final class RetryPolicy {
    private final Duration base;
    private final Duration max;
    private final boolean exponential;
    private final boolean jitter;
    private final int maxAttempts;

    private RetryPolicy(Duration base, Duration max, boolean exponential, boolean jitter, int maxAttempts) {
        this.base = base;
        this.max = max;
        this.exponential = exponential;
        this.jitter = jitter;
        this.maxAttempts = maxAttempts;
    }

    /**
     * The same delay before every retry, five attempts.
     *
     * @param delay the delay, zero or more
     * @return the policy
     * @throws PgqrsException {@code VALIDATION_FAILED} for a negative delay
     */
    public static RetryPolicy fixed(Duration delay) {
        requireNotNegative("delay", delay);
        return new RetryPolicy(delay, delay, false, false, 5);
    }

    /**
     * A delay that doubles after every failed attempt, {@code base × 2^(attempt − 1)}, capped at {@code max}; five
     * attempts.
     *
     * @param base the delay after the first failure, zero or more
     * @param max the longest delay, at least {@code base}
     * @return the policy
     * @throws PgqrsException {@code VALIDATION_FAILED} for a negative base or a cap below the base
     */
    public static RetryPolicy exponential(Duration base, Duration max) {
        requireNotNegative("base", base);
        Objects.requireNonNull(max, "max");
        if (max.compareTo(base) < 0) {
            throw PgqrsException.validationFailed("Retry cap " + max + " is below the base delay " + base
                    + ": give a cap at least as long as the base");
        }
        return new RetryPolicy(base, max, true, false, 5);
    }

    /**
     * @param attempts how many deliveries a message gets in all; after the last one fails it becomes a dead letter
     * @return a copy with that many attempts
     * @throws PgqrsException {@code VALIDATION_FAILED} when {@code attempts < 1}
     */
    public RetryPolicy withMaxAttempts(int attempts) {
        if (attempts < 1) {
            throw PgqrsException.validationFailed("Max attempts must be at least 1, got " + attempts);
        }
        return new RetryPolicy(base, max, exponential, jitter, attempts);
    }

    /**
     * Spreads retries of messages that failed together: each delay moves by a random amount of up to a quarter of
     * itself, either way, and is at least one second.
     *
     * @return a copy with jitter
     */
    public RetryPolicy withJitter() {
        return new RetryPolicy(base, max, exponential, true, maxAttempts);
    }

    /** @return how many deliveries a message gets before it becomes a dead letter */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * @param attempt the delivery that failed, 1 for the first
     * @return true when no attempt is left after it
     */
    public boolean isExhausted(int attempt) {
        return attempt >= maxAttempts;
    }

    /**
     * @param attempt the delivery that failed, 1 for the first
     * @return how long to wait before the next delivery, in whole seconds
     */
    public Duration delayAfter(int attempt) {
        long seconds = ceilSeconds(exponential ? doubled(Math.max(attempt, 1) - 1) : base);
        if (jitter && seconds >= 4) {
            long spread = seconds / 4;
            seconds += ThreadLocalRandom.current().nextLong(-spread, spread + 1);
        }
        return Duration.ofSeconds(jitter ? Math.max(seconds, 1) : seconds);
    }

    private Duration doubled(int times) {
        Duration d = base;
        for (int i = 0; i < times && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    private static long ceilSeconds(Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    private static void requireNotNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw PgqrsException.validationFailed("Retry " + what + " must not be negative, got " + d);
        }
    }

    @Override
    public String toString() {
        return (exponential ? "exponential(" + base + ", " + max + ")" : "fixed(" + base + ")")
                + (jitter ? " with jitter" : "") + ", " + maxAttempts + " attempts";
    }
}
