package io.pgqrs;

/**
 * What went wrong, as a stable value to switch on. Every {@link PgqrsException} carries exactly one
 * kind; callers and tests branch on it and never parse the message text.
 *
 * <p>The kinds are those of the reference implementation, so that tools written against either agree. Kinds
 * marked "reserved" are not raised by this version.
 *
 * <p>{@link #retryable()} says whether the same call may succeed when it is made again later, with nothing
 * changed but time: the store came back, a lock was released, another writer finished, a token was refilled.
 * Retry those with back-off; the others need a change to the input, the configuration or the store first.
 */
public enum ErrorKind {
    /** Unclassified driver or database error. Not retryable. */
    DATABASE(false),
    /** A payload could not be turned into JSON or back. Not retryable. */
    SERIALIZATION(false),
    /** A required configuration value is absent, e.g. {@code PGQRS_DSN}. Not retryable. */
    MISSING_CONFIG(false),
    /** A configuration value is present but wrong; {@link PgqrsException#field()} names it. Not retryable. */
    INVALID_CONFIG(false),
    /** No queue has the given name. Not retryable: create the queue first. */
    QUEUE_NOT_FOUND(false),
    /** A queue with the given name exists already. Not retryable. */
    QUEUE_ALREADY_EXISTS(false),
    /** A workflow of that name is defined already in this process. Not retryable. */
    WORKFLOW_ALREADY_EXISTS(false),
    /** No workflow has the given name, or an id names no workflow run. Not retryable: define it first. */
    WORKFLOW_NOT_FOUND(false),
    /** A workflow run ended in {@code ERROR}; {@link PgqrsException#id()} is the run, its message the error. Not retryable. */
    EXECUTION_FAILED(false),
    /** A workflow run was cancelled; {@link PgqrsException#id()} is the run. Not retryable. */
    CANCELLED(false),
    /** A workflow step failed on its last attempt; {@link PgqrsException#count()} is the attempts. Not retryable. */
    RETRIES_EXHAUSTED(false),
    /**
     * A workflow step's retry is not due yet; {@link PgqrsException#retryAt()} says when it is,
     * {@link PgqrsException#count()} how many attempts failed. Retryable: from that time on.
     */
    STEP_NOT_READY(true),
    /**
     * A workflow run is to pause; {@link PgqrsException#retryAfter()} says for how long, {@link PgqrsException#reason()}
     * why. Thrown by a workflow function (or a step body) to pause its run without using up a step attempt. Retryable:
     * once the pause is over.
     */
    PAUSED(true),
    /** Reserved. */
    MESSAGE_NOT_FOUND(false),
    /** Reserved. */
    INVALID_MESSAGE(false),
    /** The store is not installed or its tables are inconsistent. Not retryable: install first. */
    SCHEMA_VALIDATION(false),
    /**
     * An operation did not finish in time: the store did not answer, or stayed locked by another process.
     * Retryable.
     */
    TIMEOUT(true),
    /** The worker is suspended, interrupted or stopped and may not fetch messages. Not retryable: resume it. */
    SUSPENDED(false),
    /**
     * The store could not be reached, or the connection broke while a statement ran (the server restarted, the
     * network dropped). Retryable: the pool reconnects on the next call. A statement that was cut off may or may
     * not have committed; every pgqrs operation is safe to repeat in that sense, at worst leaving a message
     * enqueued twice or a lease that expires.
     */
    CONNECTION_FAILED(true),
    /** A specific statement failed; {@link PgqrsException#query()} names it. Not retryable. */
    QUERY_FAILED(false),
    /** A transaction could not be completed. Retryable. */
    TRANSACTION_FAILED(true),
    /** No connection became free within the connection timeout. Retryable. */
    POOL_EXHAUSTED(true),
    /** Installing the schema failed. Not retryable. */
    MIGRATION_FAILED(false),
    /** An invariant of the library was broken; please report it. Not retryable. */
    INTERNAL(false),
    /** Input or a business rule was refused; {@link PgqrsException#reason()} says which. Not retryable. */
    VALIDATION_FAILED(false),
    /**
     * The producer's token bucket is empty. Retryable after {@link PgqrsException#retryAfter()}.
     */
    RATE_LIMITED(true),
    /** A payload is larger than {@code max_payload_size_bytes}. Not retryable. */
    PAYLOAD_TOO_LARGE(false),
    /** The worker state machine forbids the requested transition. Not retryable. */
    INVALID_STATE_TRANSITION(false),
    /**
     * A consumer cannot shut down while it holds messages. Not retryable as it is: archive, delete or release
     * them first.
     */
    WORKER_HAS_PENDING_MESSAGES(false),
    /** Reserved. */
    INVALID_WORKER_TYPE(false),
    /**
     * A concurrent writer won a compare-and-swap race (another process published the S3 object first). Retryable,
     * except for an install on an object that exists, which stays a conflict.
     */
    CONFLICT(true),
    /** No worker has the given id. Not retryable. */
    WORKER_NOT_FOUND(false),
    /** Reserved. */
    WORKER_NOT_REGISTERED(false),
    /** An entity looked up by id does not exist. Not retryable. */
    NOT_FOUND(false);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /**
     * @return whether the same call may succeed when made again later, unchanged; each constant's documentation
     *         says why it is or is not
     */
    public boolean retryable() {
        return retryable;
    }
}
