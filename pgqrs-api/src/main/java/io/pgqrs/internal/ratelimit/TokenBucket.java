package io.pgqrs.internal.ratelimit;

import io.pgqrs.RateLimitStatus;
import java.time.Instant;
import java.util.function.Supplier;

/** A producer's enqueue rate limit: starts full, refills in whole tokens, all-or-nothing acquisition. */
public final class TokenBucket {
    private final long ratePerSecond;
    private final long burst;
    private final Supplier<Instant> clock;
    private long tokens;
    private Instant lastRefill;

    /**
     * @param ratePerSecond refill rate; 0 never refills
     * @param burst bucket size, at least 1
     * @param clock the time source
     */
    public TokenBucket(long ratePerSecond, long burst, Supplier<Instant> clock) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.lastRefill = clock.get();
    }

    /**
     * @param n tokens wanted
     * @return true when all {@code n} were taken; false (nothing taken) otherwise
     */
    public synchronized boolean tryAcquire(long n) {
        refill();
        if (tokens < n) {
            return false;
        }
        tokens -= n;
        return true;
    }

    /** @return the state after a refill */
    public synchronized RateLimitStatus status() {
        refill();
        return new RateLimitStatus(tokens, ratePerSecond, burst);
    }

    private void refill() {
        if (ratePerSecond <= 0) {
            return;
        }
        Instant now = clock.get();
        double elapsedSeconds = (now.toEpochMilli() - lastRefill.toEpochMilli()) / 1000.0;
        if (elapsedSeconds >= 1.0 / ratePerSecond) {
            long add = (long) Math.floor(elapsedSeconds * ratePerSecond);
            tokens = Math.min(burst, tokens + add);
            lastRefill = now;
        }
    }
}
