package io.pgqrs.dashboard;

import io.pgqrs.Admin;
import io.pgqrs.QueueMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every queue's counts as the store's one statistics query last returned them. That query reads every message: at a
 * million it takes about a second, so pages may not run it per request. While a count takes less than the live
 * threshold the pages count again and are exact; beyond it they show the sampler's last counts, with the time they
 * were taken. An action that changes counts (a replay, a purge) makes the last counts stale, so the next page counts
 * again and shows its effect.
 */
final class Counts {
    /**
     * One run of the statistics query.
     *
     * @param byName each queue's counts
     * @param at when the count started, by the dashboard's clock
     * @param startedNanos when it started, by {@link System#nanoTime()}
     * @param took how long it took
     */
    record Snapshot(Map<String, QueueMetrics> byName, Instant at, long startedNanos, Duration took) {
        Optional<QueueMetrics> queue(String name) {
            return Optional.ofNullable(byName.get(name));
        }
    }

    private final Admin admin;
    private final Clock clock;
    private final Duration liveBelow;
    private final Object counting = new Object();
    private volatile Snapshot last;
    private volatile long staleBefore = Long.MIN_VALUE;

    /**
     * @param admin the store's admin
     * @param clock the clock the counts' time is read from
     * @param liveBelow pages count again while a count takes less than this; {@link Duration#ZERO} never
     */
    Counts(Admin admin, Clock clock, Duration liveBelow) {
        this.admin = admin;
        this.clock = clock;
        this.liveBelow = liveBelow;
    }

    /**
     * @return counts for a page: the last ones when counting is expensive and nothing made them stale, else counts taken
     *         after this call started (one count serves the requests that waited for it)
     */
    Snapshot current() {
        Snapshot s = last;
        if (s != null && s.startedNanos() >= staleBefore && s.took().compareTo(liveBelow) >= 0) {
            return s;
        }
        long asked = System.nanoTime();
        synchronized (counting) {
            s = last;
            return s != null && s.startedNanos() >= asked ? s : count();
        }
    }

    /** @return counts taken now, for the sampler */
    Snapshot fresh() {
        synchronized (counting) {
            return count();
        }
    }

    /** The last counts no longer hold (an action changed them): the next page counts again. */
    void invalidate() {
        staleBefore = System.nanoTime();
    }

    private Snapshot count() {
        Instant at = clock.instant();
        long started = System.nanoTime();
        List<QueueMetrics> all = admin.allQueueMetrics();
        Map<String, QueueMetrics> byName = new LinkedHashMap<>();
        all.forEach(m -> byName.put(m.name(), m));
        Snapshot s = new Snapshot(Map.copyOf(byName), at, started, Duration.ofNanos(System.nanoTime() - started));
        last = s;
        return s;
    }
}
