package io.pgqrs.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.RateLimitStatus;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));

    private void advanceMillis(long ms) {
        now.updateAndGet(t -> t.plusMillis(ms));
    }

    /** P-17: starts full; all-or-nothing; refills in whole tokens capped at the burst. */
    @Test
    void p17_refillAndAcquire() {
        TokenBucket bucket = new TokenBucket(10, 5, now::get);
        assertThat(bucket.tryAcquire(6)).isFalse();
        assertThat(bucket.status()).isEqualTo(new RateLimitStatus(5, 10, 5));
        assertThat(bucket.tryAcquire(5)).isTrue();
        assertThat(bucket.tryAcquire(1)).isFalse();
        advanceMillis(99);
        assertThat(bucket.tryAcquire(1)).as("less than 1/rate elapsed").isFalse();
        advanceMillis(1);
        assertThat(bucket.tryAcquire(1)).isTrue();
        advanceMillis(10_000);
        assertThat(bucket.status().availableTokens()).isEqualTo(5);
    }

    /** P-17: a rate of 0 never refills. */
    @Test
    void zeroRateNeverRefills() {
        TokenBucket bucket = new TokenBucket(0, 2, now::get);
        assertThat(bucket.tryAcquire(2)).isTrue();
        advanceMillis(60_000);
        assertThat(bucket.tryAcquire(1)).isFalse();
    }
}
