package io.pgqrs.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The committer's spacing of attempts under contention, on a clock the test moves. */
class ContentionTest {
    private long now = 1_000_000_000L;
    private final Contention contention = new Contention(() -> now, new SplittableRandom(7));

    @Test
    void writerAloneNeverYields() {
        contention.observedPut(ms(60));
        for (int i = 0; i < 100; i++) {
            assertThat(contention.yieldNanos(OptionalLong.empty())).as("after %d ms without a loss or a request", i * 500).isZero();
            now += ms(500);
        }
    }

    @Test
    void winnerYieldsTheTurnAskedForWithinBounds() {
        contention.observedPut(ms(60));
        assertThat(contention.yieldNanos(OptionalLong.of(ms(500)))).isBetween(ms(500), ms(530));
        assertThat(contention.yieldNanos(OptionalLong.of(0))).as("no length named: two round trips")
                .isBetween(ms(120), ms(150));
        assertThat(contention.yieldNanos(OptionalLong.of(ms(60_000)))).as("at most two seconds")
                .isBetween(ms(2000), ms(2030));
    }

    @Test
    void asksForOneAndAHalfReplays() {
        contention.observedPut(ms(60));
        assertThat(contention.turnNanos()).as("no replay yet: three round trips").isEqualTo(ms(180));
        contention.observedReplay(ms(200));
        assertThat(contention.turnNanos()).isEqualTo(ms(300));
        contention.observedReplay(ms(600));
        assertThat(contention.turnNanos()).as("a moving average").isEqualTo(ms(450));
    }

    @Test
    void winnerYieldsOnceWhenAnotherAsked() {
        contention.observedPut(ms(60));
        assertThat(contention.yieldNanos(OptionalLong.of(ms(100)))).isPositive();
        assertThat(contention.yieldNanos(OptionalLong.empty())).as("once per request").isZero();
    }

    @Test
    void winnerYieldsAboutARoundTripAfterARecentLoss() {
        contention.observedPut(ms(60));
        contention.lost();
        now += ms(100);
        for (int i = 0; i < 100; i++) {
            assertThat(contention.yieldNanos(OptionalLong.empty())).isBetween(ms(60), ms(90));
        }
    }

    @Test
    void stopsYieldingTenSecondsAfterItsLastLoss() {
        contention.observedPut(ms(60));
        contention.lost();
        now += TimeUnit.SECONDS.toNanos(10);
        assertThat(contention.yieldNanos(OptionalLong.empty())).isPositive();
        now += ms(10);
        assertThat(contention.yieldNanos(OptionalLong.empty())).isZero();
    }

    /** A loser rewrites the marker at most once a second; a winner looks at it at most every 250 ms. */
    @Test
    void signalsAtMostOnceASecondAndLooksAtMostFourTimes() {
        assertThat(contention.signalDue()).as("the first loss").isTrue();
        assertThat(contention.lookDue()).as("the first win").isTrue();
        now += ms(249);
        assertThat(contention.lookDue()).isFalse();
        now += ms(1);
        assertThat(contention.lookDue()).isTrue();
        assertThat(contention.lookDue()).isFalse();
        now += ms(749);
        assertThat(contention.signalDue()).isFalse();
        now += ms(1);
        assertThat(contention.signalDue()).isTrue();
        assertThat(contention.signalDue()).isFalse();
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
