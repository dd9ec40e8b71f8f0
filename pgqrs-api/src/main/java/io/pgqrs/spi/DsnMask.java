package io.pgqrs.spi;

import io.pgqrs.internal.config.Dsns;

/**
 * Hides the secrets of a DSN before it goes into a message or a log line, the same way for every backend: the
 * password of the user part ({@code scheme://user:secret@host}) and the values of {@code password=},
 * {@code pwd=} and {@code secret=} query options become {@code ***}.
 *
 * <pre>{@code
 * throw PgqrsException.invalidConfig("dsn", "cannot parse " + DsnMask.mask(config.dsn()));
 * }</pre>
 */
public final class DsnMask {
    private DsnMask() {
    }

    /**
     * @param dsn any DSN, or null
     * @return the same DSN with its secrets replaced by {@code ***}; null for null
     */
    public static String mask(String dsn) {
        return Dsns.mask(dsn);
    }
}
