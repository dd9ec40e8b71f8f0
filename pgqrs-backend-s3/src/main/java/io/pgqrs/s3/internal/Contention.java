package io.pgqrs.s3.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Decides how long the committer waits when writers of other processes race it for the object, so that none of
 * them is starved.
 *
 * <p>A writer that keeps winning needs no fetch before its next PUT, while a loser must first download the new
 * revision: left alone, the winner's next PUT lands before the loser's every time. Three rules turn that into taking
 * turns:
 * <ul>
 *   <li>A writer that won while it has lost a race recently yields before its next PUT, for one to one and a half
 *       round trips (about the time a loser needs to fetch the new revision and reach the server with its PUT); its own callers keep gathering
 *       meanwhile, so the next PUT carries more of them.</li>
 *   <li>A writer that has neither lost nor yielded for {@value #COURTESY_MILLIS} ms yields once anyway: a writer that
 *       never loses cannot know that another keeps losing to it. The yield is free unless its callers are waiting
 *       already, and costs a busy writer at most one and a half round trips a second.</li>
 *   <li>A loser waits a random time before it fetches, up to half a round trip divided by the number of races the
 *       batch has lost in a row: the longer a batch has waited, the sooner it tries again, so among several losers
 *       the one that lost most often tends to publish first.</li>
 * </ul>
 * The round trip is a moving average of the PUTs this committer issued. Not thread-safe: the committer thread alone
 * uses it.
 */
final class Contention {
    private static final long MIN_ROUND_TRIP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_ROUND_TRIP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * How long after a lost race a win still counts as contended. Long, because a writer that stops yielding can win
     * every race again until luck lets another through.
     */
    private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long COURTESY_MILLIS = 1000;

    private final LongSupplier nanoClock;
    private final RandomGenerator random;
    private long roundTripNanos = MIN_ROUND_TRIP_NANOS;
    private long lastLossNanos;
    private boolean lostEver;
    private long lastYieldNanos;

    /**
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param random the source of jitter
     */
    Contention(LongSupplier nanoClock, RandomGenerator random) {
        this.nanoClock = nanoClock;
        this.random = random;
        this.lastYieldNanos = nanoClock.getAsLong();
    }

    /** @param putNanos how long a PUT took, successful or not */
    void observedPut(long putNanos) {
        long clamped = Math.max(MIN_ROUND_TRIP_NANOS, Math.min(MAX_ROUND_TRIP_NANOS, putNanos));
        roundTripNanos = roundTripNanos == MIN_ROUND_TRIP_NANOS ? clamped : (3 * roundTripNanos + clamped) / 4;
    }

    /** Records that another writer published first. */
    void lost() {
        lostEver = true;
        lastLossNanos = nanoClock.getAsLong();
    }

    /**
     * @param lossesInARow how many races the batch has lost in a row, at least 1
     * @return how long to wait before fetching the new revision, in nanoseconds
     */
    long backOffNanos(int lossesInARow) {
        return random.nextLong(roundTripNanos / (2L * Math.max(1, lossesInARow)) + 1);
    }

    /**
     * @return how long to wait after a won race before the next PUT, in nanoseconds: between 1 and 1.5 round trips
     *     when this writer lost a race in the last 10 seconds, or neither lost nor yielded for a second; else 0
     */
    long yieldNanos() {
        long now = nanoClock.getAsLong();
        boolean contended = lostEver && now - lastLossNanos <= RECENT_NANOS;
        boolean courtesy = now - Math.max(lastYieldNanos, lastLossNanos) > TimeUnit.MILLISECONDS.toNanos(COURTESY_MILLIS);
        if (!contended && !courtesy) {
            return 0;
        }
        lastYieldNanos = now;
        return roundTripNanos + random.nextLong(roundTripNanos / 2 + 1);
    }

    /** @return the current round-trip estimate, in nanoseconds */
    long roundTripNanos() {
        return roundTripNanos;
    }
}
