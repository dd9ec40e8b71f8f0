package io.pgqrs.s3.internal;

import java.util.OptionalLong;
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
 *   <li>A writer that won yields before its next PUT, for one to one and a half round trips (about the time a loser
 *       needs to fetch the new revision and reach the server with its PUT) when it lost a race itself in the last
 *       10 seconds; its own callers keep gathering meanwhile, so the next PUT carries more of them.</li>
 *   <li>A writer that never loses cannot see that another keeps losing to it, so a loser asks: at most once every
 *       {@value #SIGNAL_MILLIS} ms it rewrites a small marker object beside the store's object
 *       ({@link #signalDue}), naming the turn it needs ({@link #turnNanos}: one and a half times what its replays
 *       took, from a lost PUT's answer to the next PUT's, download and replay included). A winner looks at that
 *       marker at most once every {@value #LOOK_MILLIS} ms ({@link #lookDue}), in the background, and yields once
 *       for that turn, at least two round trips and at most {@value #MAX_TURN_MILLIS} ms. A writer alone never
 *       yields.</li>
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
    /** The longest turn a winner gives when asked. */
    static final long MAX_TURN_MILLIS = 2000;
    /**
     * How long after a lost race a win still counts as contended. Long, because a writer that stops yielding can win
     * every race again until luck lets another through.
     */
    private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How often, at most, a loser rewrites the marker. */
    static final long SIGNAL_MILLIS = 1000;
    /** How often, at most, a winner looks at the marker: a HEAD that holds back no PUT. */
    static final long LOOK_MILLIS = 250;

    private final LongSupplier nanoClock;
    private final RandomGenerator random;
    private final AtMostEvery signals = new AtMostEvery(SIGNAL_MILLIS);
    private final AtMostEvery looks = new AtMostEvery(LOOK_MILLIS);
    private long roundTripNanos = MIN_ROUND_TRIP_NANOS;
    /** A moving average of how long a replay took, from a lost PUT's answer to the next PUT's; 0 before one. */
    private long replayNanos;
    private long lastLossNanos;
    private boolean lostEver;

    /**
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param random the source of jitter
     */
    Contention(LongSupplier nanoClock, RandomGenerator random) {
        this.nanoClock = nanoClock;
        this.random = random;
    }

    /** @param putNanos how long a PUT took, successful or not */
    void observedPut(long putNanos) {
        long clamped = Math.max(MIN_ROUND_TRIP_NANOS, Math.min(MAX_ROUND_TRIP_NANOS, putNanos));
        roundTripNanos = roundTripNanos == MIN_ROUND_TRIP_NANOS ? clamped : (3 * roundTripNanos + clamped) / 4;
    }

    /**
     * @param nanos how long a replay took, from a lost PUT's answer to the answer of the PUT that carried the same
     *     batch next
     */
    void observedReplay(long nanos) {
        long clamped = Math.max(0, Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_TURN_MILLIS), nanos));
        replayNanos = replayNanos == 0 ? clamped : (3 * replayNanos + clamped) / 4;
    }

    /** @return the turn to ask the others for, in nanoseconds: one and a half replays, or three round trips before one */
    long turnNanos() {
        return replayNanos == 0 ? 3 * roundTripNanos : replayNanos + replayNanos / 2;
    }

    /** Records that another writer published first. */
    void lost() {
        lostEver = true;
        lastLossNanos = nanoClock.getAsLong();
    }

    /**
     * @return whether a loser should rewrite the marker now: true at most once every {@value #SIGNAL_MILLIS} ms,
     *     and counted as done when it answers true
     */
    boolean signalDue() {
        return signals.mayHappen(nanoClock.getAsLong());
    }

    /**
     * @return whether a winner should look at the marker now: true at most once every {@value #LOOK_MILLIS} ms,
     *     and counted as done when it answers true
     */
    boolean lookDue() {
        return looks.mayHappen(nanoClock.getAsLong());
    }

    /**
     * @param lossesInARow how many races the batch has lost in a row, at least 1
     * @return how long to wait before fetching the new revision, in nanoseconds
     */
    long backOffNanos(int lossesInARow) {
        return random.nextLong(roundTripNanos / (2L * Math.max(1, lossesInARow)) + 1);
    }

    /**
     * @param asked the turn another writer asked for since the last call, in nanoseconds (0 when it named none), or
     *     empty when none asked
     * @return how long to wait after a won race before the next PUT, in nanoseconds: the turn asked for (at least
     *     two round trips, at most {@value #MAX_TURN_MILLIS} ms) and up to half a round trip more, else between 1 and
     *     1.5 round trips when this writer lost a race in the last 10 seconds, else 0
     */
    long yieldNanos(OptionalLong asked) {
        if (asked.isPresent()) {
            long turn = Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_TURN_MILLIS),
                    Math.max(2 * roundTripNanos, asked.getAsLong()));
            return turn + random.nextLong(roundTripNanos / 2 + 1);
        }
        boolean contended = lostEver && nanoClock.getAsLong() - lastLossNanos <= RECENT_NANOS;
        if (!contended) {
            return 0;
        }
        return roundTripNanos + random.nextLong(roundTripNanos / 2 + 1);
    }

    /** @return the current round-trip estimate, in nanoseconds */
    long roundTripNanos() {
        return roundTripNanos;
    }
}
