package io.pgqrs;

import java.util.Locale;

/**
 * The five states of a worker. Stored and displayed in lower case.
 *
 * <pre>
 *   register ──► READY ──poll──► POLLING ──interrupt──► INTERRUPTED
 *                 ▲  ◄─completePoll─┘                         │
 *                 │ resume        suspend (from ready, polling, interrupted)
 *                 └──────────── SUSPENDED ◄─────────────────────┘
 *                                   │ shutdown
 *                                   ▼
 *                                STOPPED (a stopped name may register again)
 * </pre>
 */
public enum WorkerStatus {
    /** Registered and idle. */
    READY,
    /** Inside a poll loop. */
    POLLING,
    /** Suspended: fetches fail with {@link ErrorKind#SUSPENDED} until resumed. */
    SUSPENDED,
    /** Asked to leave its poll loop; becomes suspended when the loop sees it. */
    INTERRUPTED,
    /** Shut down for good; the row stays for history. */
    STOPPED;

    /** @return the lower-case name used in storage and tables, e.g. {@code "ready"} */
    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value a stored status, case-insensitive
     * @return the matching status
     * @throws PgqrsException {@code INTERNAL} when the value is not a known status
     */
    public static WorkerStatus fromStorage(String value) {
        for (WorkerStatus s : values()) {
            if (s.storageName().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw PgqrsException.of(ErrorKind.INTERNAL, "Invalid worker status stored: '" + value + "'", null);
    }

    @Override
    public String toString() {
        return storageName();
    }
}
