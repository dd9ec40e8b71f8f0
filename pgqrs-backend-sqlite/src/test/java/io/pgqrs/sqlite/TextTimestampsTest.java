package io.pgqrs.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** DM-13: both stored shapes read back exactly; anything else is refused; writing gives six fractional digits. */
class TextTimestampsTest {
    @Test
    void readsBothShapesAndWritesSixDigits() {
        assertThat(TextTimestamps.parse("2030-01-02 03:04:05")).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(TextTimestamps.parse("2030-01-02 03:04:05.123456")).isEqualTo(Instant.parse("2030-01-02T03:04:05.123456Z"));
        assertThat(TextTimestamps.parse("2030-01-02 03:04:05.123")).isEqualTo(Instant.parse("2030-01-02T03:04:05.123Z"));
        assertThat(TextTimestamps.parse("2030-01-02 03:04:05.123000")).isEqualTo(Instant.parse("2030-01-02T03:04:05.123Z"));
        assertThat(TextTimestamps.format(Instant.parse("2030-01-02T03:04:05.120001Z"))).isEqualTo("2030-01-02 03:04:05.120001");
        assertThat(TextTimestamps.format(Instant.parse("0999-01-02T03:04:05Z"))).isEqualTo("0999-01-02 03:04:05.000000");
        Instant now = Instant.parse("2031-12-31T23:59:59.999999Z");
        assertThat(TextTimestamps.parse(TextTimestamps.format(now))).isEqualTo(now);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2030-01-02", "2030-01-02T03:04:05", "2030-01-02 03:04:05.", "2030-01-02 03:04:05.1234567890",
            "2030-13-02 03:04:05", "2030-01-02 25:04:05", "2030-01-02 03:04:05Z", "2030-0a-02 03:04:05", "2030-01-02 03:04:05.12x"})
    void refusesOtherShapes(String text) {
        assertThat(TextTimestamps.parse(text)).isNull();
    }
}
