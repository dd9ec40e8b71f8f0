package io.pgqrs.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads durations such as {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d} or {@code 1h 30m}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h|d)\\s*");

    @Override
    public Duration convert(String value) {
        Matcher m = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.lookingAt()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
            m.region(end, value.length());
        }
        if (end == 0 || end != value.length()) {
            throw new CommandLine.TypeConversionException("Invalid duration format '" + value
                    + "': use a number and a unit (ms, s, m, h, d), e.g. 30s, 5m, 24h, 7d or '1h 30m'");
        }
        return total;
    }
}
