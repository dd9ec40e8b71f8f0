package io.pgqrs.internal.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Reads the scheme of a DSN and masks its secrets for messages and logs. */
public final class Dsns {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):.*", Pattern.DOTALL);
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@]*:)[^@/]*@");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)((?:password|pwd|secret)=)[^&]*");

    private Dsns() {
    }

    /**
     * @param dsn a DSN such as {@code postgres://u:p@h/db} or {@code sqlite:jobs.db}
     * @return the lower-cased text before the first colon, or null when the DSN has no scheme
     */
    public static String scheme(String dsn) {
        var m = SCHEME.matcher(dsn);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** @param dsn any DSN @return the same DSN with passwords replaced by {@code ***} */
    public static String mask(String dsn) {
        if (dsn == null) {
            return null;
        }
        String masked = USER_INFO_PASSWORD.matcher(dsn).replaceAll("$1***@");
        return QUERY_PASSWORD.matcher(masked).replaceAll("$1***");
    }
}
