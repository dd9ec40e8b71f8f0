package io.pgqrs.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock tests move forward by hand, so visibility, heartbeat and rate-limit tests never sleep. Thread-safe. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** @param start the first instant (truncated to microseconds, the stores' precision) */
    public MutableClock(Instant start) {
        this.now = start.truncatedTo(ChronoUnit.MICROS);
    }

    /** @param by how far to move the clock */
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
        return this;
    }
}
