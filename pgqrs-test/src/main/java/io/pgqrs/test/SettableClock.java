package io.pgqrs.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until the test moves it. Every time a {@link TestQueues} store writes or compares (enqueue
 * time, delays, leases, retry back-off) comes from it, so "five minutes later" is {@code clock.advance(ofMinutes(5))}.
 * Thread-safe.
 */
public final class SettableClock extends Clock {
    private volatile Instant now;

    /** @param start the time it shows until moved */
    public SettableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** @param time the time it shows from now on (may go back, to replay a scenario) */
    public void set(Instant time) {
        now = Objects.requireNonNull(time, "time");
    }

    /** @param by how far to move it forward */
    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a SettableClock is always UTC");
    }
}
