package io.pgqrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void exponentialDoublesFromTheBaseUpToTheCap() {
        RetryPolicy p = RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(p::delayAfter).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 10L, 10L);
        assertThat(p.delayAfter(1_000_000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void fixedIsTheSameEveryTimeAndSubSecondDelaysRoundUp() {
        assertThat(RetryPolicy.fixed(Duration.ofSeconds(7)).delayAfter(3)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryPolicy.fixed(Duration.ofMillis(1500)).delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryPolicy.fixed(Duration.ZERO).delayAfter(1)).isZero();
    }

    @Test
    void jitterStaysWithinAQuarterAndAtLeastOneSecond() {
        RetryPolicy p = RetryPolicy.fixed(Duration.ofSeconds(100)).withJitter();
        for (int i = 0; i < 1_000; i++) {
            assertThat(p.delayAfter(1).toSeconds()).isBetween(75L, 125L);
        }
        assertThat(RetryPolicy.fixed(Duration.ZERO).withJitter().delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void attemptsAreCountedFromOne() {
        RetryPolicy p = RetryPolicy.fixed(Duration.ZERO).withMaxAttempts(3);
        assertThat(p.maxAttempts()).isEqualTo(3);
        assertThat(p.isExhausted(2)).isFalse();
        assertThat(p.isExhausted(3)).isTrue();
        assertThat(RetryPolicy.fixed(Duration.ZERO).maxAttempts()).as("default").isEqualTo(5);
    }

    @Test
    void badPoliciesAreRefused() {
        assertThatThrownBy(() -> RetryPolicy.fixed(Duration.ofSeconds(-1))).isInstanceOfSatisfying(PgqrsException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION_FAILED));
        assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("below the base");
        assertThatThrownBy(() -> RetryPolicy.fixed(Duration.ZERO).withMaxAttempts(0)).hasMessageContaining("at least 1");
    }
}
