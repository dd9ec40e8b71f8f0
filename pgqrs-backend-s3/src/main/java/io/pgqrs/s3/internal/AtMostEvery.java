package io.pgqrs.s3.internal;

import java.util.concurrent.TimeUnit;

/** Lets something happen at most once per interval: the first call says yes. Not thread-safe. */
final class AtMostEvery {
    private final long intervalNanos;
    private long lastNanos;
    private boolean happened;

    /** @param intervalMillis the shortest time between two yeses, in milliseconds */
    AtMostEvery(long intervalMillis) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    /**
     * @param nowNanos the time on a monotonic clock, in nanoseconds
     * @return whether it may happen now; a yes counts as having happened
     */
    boolean mayHappen(long nowNanos) {
        if (happened && nowNanos - lastNanos < intervalNanos) {
            return false;
        }
        happened = true;
        lastNanos = nowNanos;
        return true;
    }
}
