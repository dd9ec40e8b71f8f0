package io.pgqrs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one exception pgqrs throws. It is unchecked; {@link #kind()} says what went wrong and the typed
 * accessors carry the values that explain it (the queue name, the sizes, the states …).
 *
 * <p>Messages read {@code <what happened>: <details>}, followed by what to do about it. Match on
 * {@link #kind()} and the accessors, never on the text.
 *
 * <pre>{@code
 * try {
 *     producer.enqueue(payload);
 * } catch (PgqrsException e) {
 *     if (e.kind() == ErrorKind.RATE_LIMITED) {
 *         retryLater(e.retryAfter().orElseThrow());
 *     } else {
 *         throw e;
 *     }
 * }
 * }</pre>
 */
public final class PgqrsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong; never null. */
    private final ErrorKind kind;
    /** The configuration field or variable at fault, or null. */
    private final String field;
    /** The queue named by the error, or null. */
    private final String queueName;
    /** The refusal reason, workflow, step or run error the kind carries, or null. */
    private final String reason;
    /** The label of the statement that failed, or null. */
    private final String query;
    /** The worker, message or run id the error is about, or null. */
    private final Long id;
    /** The payload size in bytes, or null. */
    private final Long actualBytes;
    /** The payload size limit in bytes, or null. */
    private final Long maxBytes;
    /** The number of held messages or failed attempts, or null. */
    private final Long count;
    /** How long to wait before trying again, or null. */
    private final Duration retryAfter;
    /** When a step's retry is due, or null. */
    private final Instant retryAt;
    /** The worker's state before a refused transition, or null. */
    private final WorkerStatus fromStatus;
    /** The state a refused transition asked for, or null. */
    private final WorkerStatus toStatus;

    private PgqrsException(Builder b) {
        super(b.message, b.cause);
        this.kind = b.kind;
        this.field = b.field;
        this.queueName = b.queueName;
        this.reason = b.reason;
        this.query = b.query;
        this.id = b.id;
        this.actualBytes = b.actualBytes;
        this.maxBytes = b.maxBytes;
        this.count = b.count;
        this.retryAfter = b.retryAfter;
        this.retryAt = b.retryAt;
        this.fromStatus = b.fromStatus;
        this.toStatus = b.toStatus;
    }

    /** @return what went wrong; never null */
    public ErrorKind kind() {
        return kind;
    }

    /**
     * Whether making the same call again later, unchanged, may succeed: the store came back, a lock was released,
     * another writer finished. Decided by {@link #kind()}; see {@link ErrorKind#retryable()} for each kind.
     *
     * @return true for {@code CONNECTION_FAILED}, {@code TIMEOUT}, {@code POOL_EXHAUSTED},
     *         {@code TRANSACTION_FAILED}, {@code CONFLICT}, {@code RATE_LIMITED}, {@code STEP_NOT_READY} and
     *         {@code PAUSED}
     */
    public boolean retryable() {
        return kind.retryable();
    }

    /** @return the configuration field or variable at fault ({@code INVALID_CONFIG}, {@code MISSING_CONFIG}) */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** @return the queue named in {@code QUEUE_NOT_FOUND} and {@code QUEUE_ALREADY_EXISTS} */
    public Optional<String> queueName() {
        return Optional.ofNullable(queueName);
    }

    /**
     * @return the refusal reason of {@code VALIDATION_FAILED}, {@code INVALID_CONNECTION}, {@code SUSPENDED}, {@code INVALID_STATE_TRANSITION} and
     *         {@code WORKER_HAS_PENDING_MESSAGES}; the workflow named by {@code WORKFLOW_ALREADY_EXISTS} and
     *         {@code WORKFLOW_NOT_FOUND}; the run's error (JSON) of {@code EXECUTION_FAILED}; the step of
     *         {@code RETRIES_EXHAUSTED} and {@code STEP_NOT_READY}; why a run pauses ({@code PAUSED}); the missing
     *         {@link Capability}'s name of {@code UNSUPPORTED}
     */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** @return the label of the statement that failed ({@code QUERY_FAILED}, and {@code CONNECTION_FAILED} when a statement lost its connection), e.g. {@code CLAIM_MESSAGES} */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    /**
     * @return the worker id of {@code WORKER_NOT_FOUND}, the message id of {@code NOT_FOUND}, or the run id of
     *         {@code EXECUTION_FAILED} and {@code CANCELLED}
     */
    public OptionalLong id() {
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** @return the payload size in bytes ({@code PAYLOAD_TOO_LARGE}) */
    public OptionalLong actualBytes() {
        return actualBytes == null ? OptionalLong.empty() : OptionalLong.of(actualBytes);
    }

    /** @return the configured payload size limit in bytes ({@code PAYLOAD_TOO_LARGE}) */
    public OptionalLong maxBytes() {
        return maxBytes == null ? OptionalLong.empty() : OptionalLong.of(maxBytes);
    }

    /**
     * @return the number of held messages ({@code WORKER_HAS_PENDING_MESSAGES}), or of a step's failed attempts
     *         ({@code RETRIES_EXHAUSTED}, {@code STEP_NOT_READY})
     */
    public OptionalLong count() {
        return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }

    /** @return how long to wait before retrying ({@code RATE_LIMITED}), or how long to pause ({@code PAUSED}) */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return when a step's retry is due ({@code STEP_NOT_READY}) */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }

    /** @return the worker's state when a transition was refused ({@code INVALID_STATE_TRANSITION}) */
    public Optional<WorkerStatus> fromStatus() {
        return Optional.ofNullable(fromStatus);
    }

    /** @return the state that was requested ({@code INVALID_STATE_TRANSITION}) */
    public Optional<WorkerStatus> toStatus() {
        return Optional.ofNullable(toStatus);
    }

    // ---- factories: the wording of every error lives here --------------------------------------

    /**
     * @param field the configuration key or environment variable at fault
     * @param problem what is wrong with it and what to do
     * @return an {@code INVALID_CONFIG} error
     */
    public static PgqrsException invalidConfig(String field, String problem) {
        return new Builder(ErrorKind.INVALID_CONFIG, "Invalid configuration '" + field + "': " + problem).field(field).build();
    }

    /**
     * @param field the missing configuration key or environment variable
     * @param hint what to set
     * @return a {@code MISSING_CONFIG} error
     */
    public static PgqrsException missingConfig(String field, String hint) {
        return new Builder(ErrorKind.MISSING_CONFIG, "Missing configuration '" + field + "': " + hint).field(field).build();
    }

    /**
     * A queue that was looked up does not exist; the message says how to create it.
     *
     * @param name the queue that was looked up
     * @return a {@code QUEUE_NOT_FOUND} error carrying {@link #queueName()}
     */
    public static PgqrsException queueNotFound(String name) {
        return new Builder(ErrorKind.QUEUE_NOT_FOUND, "Queue '" + name
                + "' not found: create it first (Admin.createQueue or `pgqrs queue create " + name + "`)")
                .queueName(name).build();
    }

    /**
     * A workflow was defined a second time in this process.
     *
     * @param name the workflow defined twice
     * @return a {@code WORKFLOW_ALREADY_EXISTS} error carrying the name as {@link #reason()}
     */
    public static PgqrsException workflowAlreadyExists(String name) {
        return new Builder(ErrorKind.WORKFLOW_ALREADY_EXISTS, "Workflow '" + name
                + "' is defined already in this process: define each workflow once and keep the Workflow it returns")
                .reason(name).build();
    }

    /**
     * A workflow or one of its runs that was looked up does not exist.
     *
     * @param what the workflow name or run that was looked for, as the message should name it
     * @return a {@code WORKFLOW_NOT_FOUND} error carrying {@code what} as {@link #reason()}
     */
    public static PgqrsException workflowNotFound(String what) {
        return new Builder(ErrorKind.WORKFLOW_NOT_FOUND, what + " not found: define the workflow first "
                + "(Pgqrs.workflows().define) and use the run id its trigger returned").reason(what).build();
    }

    /**
     * @param runId the run (its trigger message id)
     * @param error the run's error, as JSON text
     * @return an {@code EXECUTION_FAILED} error
     */
    public static PgqrsException executionFailed(long runId, String error) {
        return new Builder(ErrorKind.EXECUTION_FAILED, "Workflow run " + runId + " failed: " + error).id(runId)
                .reason(error).build();
    }

    /**
     * @param step the step
     * @param attempts how many attempts it had
     * @param cause the last attempt's failure, or null when it is only recorded
     * @return a {@code RETRIES_EXHAUSTED} error
     */
    public static PgqrsException retriesExhausted(String step, long attempts, Throwable cause) {
        return new Builder(ErrorKind.RETRIES_EXHAUSTED, "Step '" + step + "' failed on its last attempt (" + attempts
                + (cause == null ? ")" : "): " + cause)).reason(step).count(attempts).cause(cause).build();
    }

    /**
     * @param step the step
     * @param retryAt when its retry is due
     * @param failedAttempts how many of its attempts failed so far
     * @return a {@code STEP_NOT_READY} error
     */
    public static PgqrsException stepNotReady(String step, Instant retryAt, long failedAttempts) {
        return new Builder(ErrorKind.STEP_NOT_READY, "Step '" + step + "' failed " + failedAttempts
                + " time(s) and may retry at " + retryAt + ", not before: give its run's message back until then")
                .reason(step).retryAt(retryAt).count(failedAttempts).build();
    }

    /**
     * Pauses the workflow run whose function (or step body) throws it: the run becomes {@code PAUSED} with the reason
     * and goes on, from its first step not yet succeeded, once {@code resumeAfter} has passed or it is resumed by hand.
     * The step it came from, if any, does not count it as a failed attempt.
     *
     * @param reason why, for people reading the run
     * @param resumeAfter how long until the run goes on by itself, zero or more
     * @return a {@code PAUSED} error
     */
    public static PgqrsException paused(String reason, Duration resumeAfter) {
        if (resumeAfter == null || resumeAfter.isNegative()) {
            throw validationFailed("a pause must last zero or more, got " + resumeAfter);
        }
        return new Builder(ErrorKind.PAUSED, "Workflow run paused for " + resumeAfter + ": " + reason).reason(reason)
                .retryAfter(resumeAfter).build();
    }

    /**
     * A workflow run was cancelled; waiting for its result ends with this error.
     *
     * @param runId the run (its trigger message id)
     * @return a {@code CANCELLED} error carrying the run as {@link #id()}
     */
    public static PgqrsException cancelled(long runId) {
        return new Builder(ErrorKind.CANCELLED, "Workflow run " + runId + " was cancelled").id(runId).build();
    }

    /**
     * A queue to be created exists already.
     *
     * @param name the queue that exists already
     * @return a {@code QUEUE_ALREADY_EXISTS} error carrying {@link #queueName()}
     */
    public static PgqrsException queueAlreadyExists(String name) {
        return new Builder(ErrorKind.QUEUE_ALREADY_EXISTS, "Queue '" + name
                + "' already exists: use Admin.getQueue to reach it, or pick another name").queueName(name).build();
    }

    /**
     * An argument or payload broke a rule; nothing was written.
     *
     * @param reason the rule that refused the input (worded as the reference implementation words it, where it has
     *        the rule)
     * @return a {@code VALIDATION_FAILED} error carrying {@link #reason()}
     */
    public static PgqrsException validationFailed(String reason) {
        return new Builder(ErrorKind.VALIDATION_FAILED, "Validation failed: " + reason).reason(reason).build();
    }

    /**
     * One named argument broke a rule; nothing was written.
     *
     * @param field the argument at fault, e.g. {@code cron}, {@code zone} or {@code rate}
     * @param problem what is wrong with it and what to give instead
     * @return a {@code VALIDATION_FAILED} error carrying {@link #field()} and {@link #reason()}
     */
    public static PgqrsException invalidField(String field, String problem) {
        return new Builder(ErrorKind.VALIDATION_FAILED, "Validation failed: " + field + ": " + problem).field(field)
                .reason(problem).build();
    }

    /**
     * @param actualBytes the payload's compact JSON size
     * @param maxBytes the configured limit
     * @return a {@code PAYLOAD_TOO_LARGE} error
     */
    public static PgqrsException payloadTooLarge(long actualBytes, long maxBytes) {
        return new Builder(ErrorKind.PAYLOAD_TOO_LARGE, "Payload size " + actualBytes + " exceeds limit " + maxBytes
                + ": send a reference to the data instead, or raise validation_config.max_payload_size_bytes")
                .actualBytes(actualBytes).maxBytes(maxBytes).build();
    }

    /**
     * A producer's enqueue rate limit refused the call; nothing was written.
     *
     * @param retryAfter how long until a token will be available again
     * @return a {@code RATE_LIMITED} error carrying {@link #retryAfter()}
     */
    public static PgqrsException rateLimited(Duration retryAfter) {
        return new Builder(ErrorKind.RATE_LIMITED, "Rate limit exceeded, retry after " + retryAfter.toSeconds() + "s")
                .retryAfter(retryAfter).build();
    }

    /**
     * @param what what could not be turned into JSON or back
     * @param cause the Jackson failure
     * @return a {@code SERIALIZATION} error
     */
    public static PgqrsException serialization(String what, Throwable cause) {
        return new Builder(ErrorKind.SERIALIZATION, "Serialization failed: " + what + ": " + cause.getMessage()
                + " (payloads must be JSON-serializable: a JsonNode, a Map, a String or a Jackson-bindable object)")
                .cause(cause).build();
    }

    /**
     * @param from the worker's current state
     * @param to the requested state
     * @param reason why the state machine refuses it
     * @return an {@code INVALID_STATE_TRANSITION} error
     */
    public static PgqrsException invalidTransition(WorkerStatus from, WorkerStatus to, String reason) {
        return new Builder(ErrorKind.INVALID_STATE_TRANSITION, "Invalid state transition from " + from + " to " + to + ": " + reason)
                .fromStatus(from).toStatus(to).reason(reason).build();
    }

    /**
     * A worker that was looked up has no row.
     *
     * @param workerId the worker that was looked up
     * @return a {@code WORKER_NOT_FOUND} error carrying the worker as {@link #id()}
     */
    public static PgqrsException workerNotFound(long workerId) {
        return new Builder(ErrorKind.WORKER_NOT_FOUND, "Worker with id '" + workerId + "' not found: list workers with Admin.listWorkers")
                .id(workerId).build();
    }

    /**
     * @param count how many messages the consumer still holds
     * @return a {@code WORKER_HAS_PENDING_MESSAGES} error
     */
    public static PgqrsException workerHasPendingMessages(long count) {
        String reason = "Consumer has " + count + " pending messages";
        return new Builder(ErrorKind.WORKER_HAS_PENDING_MESSAGES, "Worker has " + count + " pending messages: " + reason
                + "; archive, delete or release them before shutdown").count(count).reason(reason).build();
    }

    /**
     * A worker that is not running was asked to fetch messages.
     *
     * @param reason "worker interrupted", "worker suspended" or "worker stopped"
     * @return a {@code SUSPENDED} error carrying {@link #reason()}
     */
    public static PgqrsException suspended(String reason) {
        return new Builder(ErrorKind.SUSPENDED, "Worker is suspended: " + reason + " (resume() it to fetch again)").reason(reason).build();
    }

    /**
     * The store's tables are missing or do not match what this library expects.
     *
     * @param problem what is missing or inconsistent and what to do
     * @return a {@code SCHEMA_VALIDATION} error
     */
    public static PgqrsException schemaValidation(String problem) {
        return new Builder(ErrorKind.SCHEMA_VALIDATION, "Schema validation failed: " + problem).build();
    }

    /**
     * The store has no pgqrs tables: {@code install} was never run on it.
     *
     * @param detail what the store found missing; its first line goes into the message
     * @return a {@code SCHEMA_VALIDATION} error telling the user to install
     */
    public static PgqrsException notInstalled(String detail) {
        String firstLine = detail == null ? "" : detail.lines().findFirst().orElse("").strip();
        return schemaValidation("pgqrs is not installed in this store (" + firstLine
                + "): run `pgqrs admin install` or Admin.install() first");
    }

    /**
     * @param version where the store's schema stands; {@link SchemaVersion#isNewer()} is true
     * @return a {@code SCHEMA_VALIDATION} error: a newer library migrated the store, and this one writes nothing to it
     */
    public static PgqrsException schemaNewerThanLibrary(SchemaVersion version) {
        return schemaValidation("the store's schema is at version " + version.installed() + ", newer than this library's "
                + version.latest() + ": a newer pgqrs migrated it; upgrade pgqrs to use this store (this library writes nothing to it)");
    }

    /**
     * @param version where the store's schema stands; {@link SchemaVersion#isOlder()} is true
     * @return a {@code SCHEMA_VALIDATION} error telling the user to migrate
     */
    public static PgqrsException schemaOlderThanLibrary(SchemaVersion version) {
        return schemaValidation("the store's schema is at version " + version.installed() + ", older than this library's "
                + version.latest() + ": run `pgqrs admin migrate` (`--dry-run` shows the statements) or Admin.install()");
    }

    /**
     * @param migration the step that failed
     * @param cause the store's error
     * @return a {@code MIGRATION_FAILED} error; the store keeps the version it had before the step
     */
    public static PgqrsException migrationFailed(SchemaMigration migration, Throwable cause) {
        return new Builder(ErrorKind.MIGRATION_FAILED, "Migration to schema version " + migration.version() + " ("
                + migration.description() + ") failed: " + (cause == null ? "" : cause.getMessage())
                + "; the store keeps its previous version, fix the cause and run `pgqrs admin migrate` again")
                .cause(cause).build();
    }

    /**
     * @param entity what was looked up, e.g. {@code "message"}
     * @param id its id
     * @return a {@code NOT_FOUND} error
     */
    public static PgqrsException notFound(String entity, long id) {
        return new Builder(ErrorKind.NOT_FOUND, "Not found: " + entity + " with id " + id).id(id).build();
    }

    /**
     * @param name a schedule name
     * @return a {@code NOT_FOUND} error saying how to list the schedules
     */
    public static PgqrsException scheduleNotFound(String name) {
        return new Builder(ErrorKind.NOT_FOUND, "Not found: schedule '" + name
                + "': list the schedules with Schedules.list() or `pgqrs schedule list`").field("name").build();
    }

    /**
     * @param query the statement label
     * @param context where it ran (backend, table)
     * @param cause the driver error
     * @return a {@code QUERY_FAILED} error
     */
    public static PgqrsException queryFailed(String query, String context, Throwable cause) {
        return new Builder(ErrorKind.QUERY_FAILED, "Query failed: " + query + " (" + context + "): " + cause.getMessage())
                .query(query).cause(cause).build();
    }

    /**
     * @param context what was being connected to (DSN with the password masked)
     * @param cause the driver error
     * @return a {@code CONNECTION_FAILED} error
     */
    public static PgqrsException connectionFailed(String context, Throwable cause) {
        return new Builder(ErrorKind.CONNECTION_FAILED, "Connection failed: " + context + ": "
                + (cause == null ? "no detail" : cause.getMessage())).cause(cause).build();
    }

    /**
     * @param store which store, e.g. {@code "sqlite"} or {@code "s3://bucket/key"}
     * @return a {@code VALIDATION_FAILED} error (not retryable) for a call on a store that was closed
     */
    public static PgqrsException storeClosed(String store) {
        String reason = "the " + store + " store is closed";
        return new Builder(ErrorKind.VALIDATION_FAILED, "Validation failed: " + reason
                + ": nothing was done; use a store that is open (connect again)").reason(reason).build();
    }

    /**
     * @param query the statement label
     * @param context where it ran (the backend's name)
     * @param cause the driver error that says the connection broke
     * @return a {@code CONNECTION_FAILED} error that names the statement
     */
    public static PgqrsException connectionLost(String query, String context, Throwable cause) {
        return new Builder(ErrorKind.CONNECTION_FAILED, "Connection failed: " + query + " (" + context
                + ") lost its connection: " + cause.getMessage() + "; the pool reconnects, so the call may be retried")
                .query(query).cause(cause).build();
    }

    /**
     * @param capability what the call needs
     * @param backend the backend that lacks it, e.g. {@code "s3"}
     * @param why why that backend cannot have it, and what to do instead
     * @return an {@code UNSUPPORTED} error; {@link #reason()} is the capability's name
     */
    public static PgqrsException unsupported(Capability capability, String backend, String why) {
        return new Builder(ErrorKind.UNSUPPORTED, "Unsupported: the " + backend + " backend has no " + capability
                + " capability: " + why + " (ask Pgqrs.supports(Capability." + capability.name() + ") first)")
                .reason(capability.name()).build();
    }

    /**
     * @param problem what is wrong with the caller's connection and what to do
     * @param cause the driver error that showed it, or null
     * @return an {@code INVALID_CONNECTION} error; {@link #reason()} is {@code problem}
     */
    public static PgqrsException invalidConnection(String problem, Throwable cause) {
        return new Builder(ErrorKind.INVALID_CONNECTION, "Invalid connection: " + problem + "; nothing was written")
                .reason(problem).cause(cause).build();
    }

    /**
     * @param kind any kind without typed fields ({@code DATABASE}, {@code INTERNAL}, {@code CONFLICT}, {@code TIMEOUT} …)
     * @param message the full message
     * @param cause the underlying failure, or null
     * @return an error of that kind
     */
    public static PgqrsException of(ErrorKind kind, String message, Throwable cause) {
        return new Builder(kind, message).cause(cause).build();
    }

    private static final class Builder {
        private final ErrorKind kind;
        private final String message;
        private Throwable cause;
        private String field;
        private String queueName;
        private String reason;
        private String query;
        private Long id;
        private Long actualBytes;
        private Long maxBytes;
        private Long count;
        private Duration retryAfter;
        private Instant retryAt;
        private WorkerStatus fromStatus;
        private WorkerStatus toStatus;

        Builder(ErrorKind kind, String message) {
            this.kind = kind;
            this.message = message;
        }

        Builder cause(Throwable v) { cause = v; return this; }
        Builder field(String v) { field = v; return this; }
        Builder queueName(String v) { queueName = v; return this; }
        Builder reason(String v) { reason = v; return this; }
        Builder query(String v) { query = v; return this; }
        Builder id(long v) { id = v; return this; }
        Builder actualBytes(long v) { actualBytes = v; return this; }
        Builder maxBytes(long v) { maxBytes = v; return this; }
        Builder count(long v) { count = v; return this; }
        Builder retryAfter(Duration v) { retryAfter = v; return this; }
        Builder retryAt(Instant v) { retryAt = v; return this; }
        Builder fromStatus(WorkerStatus v) { fromStatus = v; return this; }
        Builder toStatus(WorkerStatus v) { toStatus = v; return this; }

        PgqrsException build() {
            return new PgqrsException(this);
        }
    }
}
