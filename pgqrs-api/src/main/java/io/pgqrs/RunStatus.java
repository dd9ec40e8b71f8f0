package io.pgqrs;

import java.util.Locale;

/**
 * The state of a workflow run or step, stored as its upper-case name. Runs use all seven; steps use {@code RUNNING},
 * {@code SUCCESS} and {@code ERROR}.
 */
public enum RunStatus {
    /** Triggered, not started. */
    QUEUED,
    /** Started; its steps are being run. */
    RUNNING,
    /** Waiting until a resume time or an explicit resume. */
    PAUSED,
    /** A cancel was asked for; it takes effect at the run's next step or delivery. */
    CANCELLING,
    /** Cancelled; final. */
    CANCELLED,
    /** Finished with an output; final. */
    SUCCESS,
    /** Failed for good (a run), or failed with or without a retry scheduled (a step). */
    ERROR;

    /**
     * @param stored the stored text
     * @return the status
     * @throws PgqrsException {@code INTERNAL} for text that names no status
     */
    public static RunStatus fromStorage(String stored) {
        try {
            return valueOf(stored.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PgqrsException.of(ErrorKind.INTERNAL, "Unknown workflow status '" + stored + "' in the store", e);
        }
    }
}
