package io.pgqrs.sqlite;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads and writes SQLite's text times, UTC without a zone designator: {@code YYYY-MM-DD HH:MM:SS} with an optional fraction of up to
 * nine digits, UTC. Hand-written because rows are read on the hot path and a pattern formatter cost several
 * microseconds per value; a value in any other shape is rejected.
 */
final class TextTimestamps {
    private static final int BASE_LENGTH = 19;

    private TextTimestamps() {
    }

    /**
     * @param text a stored time
     * @return the instant, or null when {@code text} is not in the accepted shape
     */
    static Instant parse(String text) {
        int n = text.length();
        if (n < BASE_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (n > BASE_LENGTH) {
            if (text.charAt(BASE_LENGTH) != '.' || n == BASE_LENGTH + 1 || n > BASE_LENGTH + 10) {
                return null;
            }
            int digits = 0;
            for (int i = BASE_LENGTH + 1; i < n; i++) {
                int d = text.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return null;
                }
                nanos = nanos * 10 + d;
                digits++;
            }
            for (; digits < 9; digits++) {
                nanos *= 10;
            }
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** @param instant a time @return its text with six fractional digits, e.g. {@code 2030-01-01 00:00:00.000000} */
    static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(26);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append(' ');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('.');
        return pad(b, t.getNano() / 1000, 6).toString();
    }

    private static int number(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }
}
