package io.pgqrs;

import java.time.Instant;

/**
 * Which dead letters a redrive ({@link Admin#redrive}) moves, by when they became dead letters (their
 * {@code archived_at}). Immutable; the bounds are inclusive below and exclusive above.
 *
 * <pre>{@code
 * admin.redrive("orders", 1000, 50, RedriveFilter.all().deadLetteredAfter(fixDeployedAt));
 * }</pre>
 *
 * @param deadLetteredFrom only dead letters archived at or after this instant, or null for no lower bound
 * @param deadLetteredBefore only dead letters archived before this instant, or null for no upper bound
 */
public record RedriveFilter(Instant deadLetteredFrom, Instant deadLetteredBefore) {
    private static final RedriveFilter ALL = new RedriveFilter(null, null);

    /**
     * @param deadLetteredFrom the lower bound, or null
     * @param deadLetteredBefore the upper bound, or null
     * @throws PgqrsException {@code VALIDATION_FAILED} (field {@code deadLetteredBefore}) when the upper bound is not
     *         after the lower one
     */
    public RedriveFilter {
        if (deadLetteredFrom != null && deadLetteredBefore != null && !deadLetteredBefore.isAfter(deadLetteredFrom)) {
            throw PgqrsException.invalidField("deadLetteredBefore", "the range [" + deadLetteredFrom + ", "
                    + deadLetteredBefore + ") is empty: give an upper bound after the lower one");
        }
    }

    /** @return every dead letter of the queue */
    public static RedriveFilter all() {
        return ALL;
    }

    /**
     * @param from the lower bound (inclusive)
     * @return a copy that keeps only dead letters archived at or after {@code from}
     */
    public RedriveFilter deadLetteredAfter(Instant from) {
        return new RedriveFilter(from, deadLetteredBefore);
    }

    /**
     * @param before the upper bound (exclusive)
     * @return a copy that keeps only dead letters archived before {@code before}
     */
    public RedriveFilter deadLetteredBefore(Instant before) {
        return new RedriveFilter(deadLetteredFrom, before);
    }

    /**
     * @param message a dead letter
     * @return whether this filter keeps it
     */
    public boolean matches(Message message) {
        Instant at = message.archivedAt();
        return at != null && (deadLetteredFrom == null || !at.isBefore(deadLetteredFrom))
                && (deadLetteredBefore == null || at.isBefore(deadLetteredBefore));
    }
}
