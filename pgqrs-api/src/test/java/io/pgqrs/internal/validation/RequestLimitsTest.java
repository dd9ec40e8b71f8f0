package io.pgqrs.internal.validation;

import static io.pgqrs.Failures.fails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.ErrorKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The limits a request is checked against before a worker is registered and again when it runs. */
class RequestLimitsTest {
    private static final Config CONFIG = Config.fromDsn("sqlite:unused.db");

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, 100_000})
    void batchSizeOutsideOneToMaxIsRefused(int n) {
        assertThat(refused(() -> RequestLimits.requireBatchSize(CONFIG, n))).contains("between 1 and 100").contains(String.valueOf(n));
    }

    @Test
    void batchSizeWithinLimitsPasses() {
        RequestLimits.requireBatchSize(CONFIG, 1);
        RequestLimits.requireBatchSize(CONFIG, 100);
    }

    /** Leases are whole seconds, at least one: 0 s and 500 ms are refused, 1.5 s is not rounded down. */
    @Test
    void leaseMustBeWholeSecondsAtLeastOne() {
        assertThat(refused(() -> RequestLimits.requireLeaseSeconds("Lease", Duration.ZERO))).contains("at least 1 second");
        assertThat(refused(() -> RequestLimits.requireLeaseSeconds("Lease", Duration.ofMillis(500)))).contains("whole number of seconds");
        assertThat(refused(() -> RequestLimits.requireLeaseSeconds("Lease", Duration.ofMillis(1500)))).contains("whole number of seconds");
        assertThat(RequestLimits.requireLeaseSeconds("Lease", Duration.ofMinutes(2))).isEqualTo(120);
    }

    /** A delay of 1.5 s is refused rather than stored as 1 s; zero and negative are told apart. */
    @Test
    void delayMustBeWholeSecondsNotNegative() {
        assertThat(refused(() -> RequestLimits.requireDelaySeconds(Duration.ofMillis(1500)))).contains("Delay").contains("whole number of seconds");
        assertThat(refused(() -> RequestLimits.requireDelaySeconds(Duration.ofSeconds(-1)))).contains("must not be negative");
        assertThat(RequestLimits.requireDelaySeconds(Duration.ZERO)).isZero();
        assertThat(RequestLimits.requireDelaySeconds(Duration.ofSeconds(30))).isEqualTo(30);
    }

    private static String refused(Runnable call) {
        return fails(ErrorKind.VALIDATION_FAILED, call).getMessage();
    }
}
