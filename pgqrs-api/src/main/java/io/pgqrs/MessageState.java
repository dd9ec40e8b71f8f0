package io.pgqrs;

/**
 * Where a message stands, as {@link Admin#browseMessages} filters them. The counts of {@link QueueMetrics} use the
 * same rules.
 */
public enum MessageState {
    /** Live and not under a lease: ready, delayed, lease expired, or a dead-letter candidate. */
    PENDING,
    /** Live, with a holder whose lease still holds ({@code vt} in the future). */
    LOCKED,
    /** Archived, dead letters included. */
    ARCHIVED,
    /** Archived after {@link Config#maxReadCt()} deliveries or more: a dead letter. */
    DEAD
}
