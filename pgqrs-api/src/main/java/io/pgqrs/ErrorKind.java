package io.pgqrs;

/**
 * What went wrong, as a stable value to switch on. Every {@link PgqrsException} carries exactly one
 * kind; callers and tests branch on it and never parse the message text.
 *
 * <p>The kinds mirror SPEC §7 (E-1 … E-33). Kinds marked "reserved" exist for compatibility with
 * the reference implementation and are not raised by this version.
 */
public enum ErrorKind {
    /** Unclassified driver or database error (E-1). */
    DATABASE,
    /** A payload could not be turned into JSON or back (E-2). */
    SERIALIZATION,
    /** A required configuration value is absent, e.g. {@code PGQRS_DSN} (E-3). */
    MISSING_CONFIG,
    /** A configuration value is present but wrong; {@link PgqrsException#field()} names it (E-4). */
    INVALID_CONFIG,
    /** No queue has the given name (E-5). */
    QUEUE_NOT_FOUND,
    /** A queue with the given name exists already (E-6). */
    QUEUE_ALREADY_EXISTS,
    /** Reserved for workflows (E-7). */
    WORKFLOW_ALREADY_EXISTS,
    /** Reserved (E-8). */
    MESSAGE_NOT_FOUND,
    /** Reserved (E-9). */
    INVALID_MESSAGE,
    /** The store is not installed or its tables are inconsistent (E-10). */
    SCHEMA_VALIDATION,
    /** An operation did not finish in time (E-11). */
    TIMEOUT,
    /** The worker is suspended, interrupted or stopped and may not fetch messages (E-12). */
    SUSPENDED,
    /** The store could not be reached (E-13). */
    CONNECTION_FAILED,
    /** A specific statement failed; {@link PgqrsException#query()} names it (E-14). */
    QUERY_FAILED,
    /** A transaction could not be completed (E-15). */
    TRANSACTION_FAILED,
    /** No connection became free within the connection timeout (E-15). */
    POOL_EXHAUSTED,
    /** Installing the schema failed (E-16). */
    MIGRATION_FAILED,
    /** An invariant of the library was broken; please report it (E-17). */
    INTERNAL,
    /** Input or a business rule was refused; {@link PgqrsException#reason()} says which (E-18). */
    VALIDATION_FAILED,
    /** The producer's token bucket is empty; retry after {@link PgqrsException#retryAfter()} (E-19). */
    RATE_LIMITED,
    /** A payload is larger than {@code max_payload_size_bytes} (E-20). */
    PAYLOAD_TOO_LARGE,
    /** The worker state machine forbids the requested transition (E-21). */
    INVALID_STATE_TRANSITION,
    /** A consumer cannot shut down while it holds messages (E-22). */
    WORKER_HAS_PENDING_MESSAGES,
    /** Reserved (E-23). */
    INVALID_WORKER_TYPE,
    /** A concurrent writer won a compare-and-swap race (E-24). */
    CONFLICT,
    /** No worker has the given id (E-25). */
    WORKER_NOT_FOUND,
    /** Reserved (E-26). */
    WORKER_NOT_REGISTERED,
    /** An entity looked up by id does not exist (E-27). */
    NOT_FOUND
}
