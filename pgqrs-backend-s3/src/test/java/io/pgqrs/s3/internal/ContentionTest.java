package io.pgqrs.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The committer's spacing of attempts under contention, on a clock the test moves. */
class ContentionTest {
    private long now = 1_000_000_000L;
    private final Contention contention = new Contention(() -> now, new SplittableRandom(7));

    @Test
    void winnerThatNeverLostYieldsOnceASecond() {
        contention.observedPut(ms(60));
        assertThat(contention.yieldNanos()).isZero();
        now += ms(500);
        assertThat(contention.yieldNanos()).isZero();
        now += ms(600);
        assertThat(contention.yieldNanos()).as("a second without losing or yielding").isBetween(ms(60), ms(90));
        now += ms(100);
        assertThat(contention.yieldNanos()).isZero();
    }

    @Test
    void winnerYieldsAboutARoundTripAfterARecentLoss() {
        contention.observedPut(ms(60));
        contention.lost();
        now += ms(100);
        for (int i = 0; i < 100; i++) {
            assertThat(contention.yieldNanos()).isBetween(ms(60), ms(90));
        }
    }

    @Test
    void yieldsOnlyOnceASecondOnceContentionIsOld() {
        contention.observedPut(ms(60));
        contention.lost();
        now += TimeUnit.SECONDS.toNanos(11);
        assertThat(contention.yieldNanos()).isPositive();
        now += ms(10);
        assertThat(contention.yieldNanos()).isZero();
    }

    /** A batch that lost more races in a row waits less before it tries again, never more than half a round trip. */
    @Test
    void backOffShrinksWithLossesInARow() {
        contention.observedPut(ms(60));
        long first = 0;
        long tenth = 0;
        for (int i = 0; i < 1000; i++) {
            long a = contention.backOffNanos(1);
            long b = contention.backOffNanos(10);
            assertThat(a).isBetween(0L, ms(30));
            assertThat(b).isBetween(0L, ms(3));
            first += a;
            tenth += b;
        }
        assertThat(tenth).isLessThan(first / 5);
    }

    @Test
    void roundTripIsAMovingAverageOfPuts() {
        contention.observedPut(ms(40));
        contention.observedPut(ms(80));
        assertThat(contention.roundTripNanos()).isEqualTo(ms(50));
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
