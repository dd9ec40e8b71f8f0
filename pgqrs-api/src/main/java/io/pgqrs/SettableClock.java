package io.pgqrs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A clock that stands still until a test moves it, for {@link Config.Builder#clock(Clock)}: every time the library
 * writes or compares (enqueue time, delays, leases, retry back-off, rate limits) then comes from it, so "five minutes
 * later" is {@code clock.advance(Duration.ofMinutes(5))} and no test sleeps. Times are kept to the microsecond, the
 * stores' precision. Thread-safe.
 */
public final class SettableClock extends Clock {
    private volatile Instant now;

    /** @param start the time it shows until moved */
    public SettableClock(Instant start) {
        this.now = micros(start);
    }

    /** @param time the time it shows from now on (it may go back, to replay a scenario) */
    public void set(Instant time) {
        now = micros(time);
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

    /** @param zone ignored: the clock is UTC, as the stores are @return this clock */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    private static Instant micros(Instant time) {
        return Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MICROS);
    }
}
