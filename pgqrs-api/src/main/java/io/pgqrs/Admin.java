package io.pgqrs;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Administers a store: schema, queues, dead letters, workers and metrics. Thread-safe.
 * Operations on a store that is not installed fail with {@code SCHEMA_VALIDATION} telling the user
 * to run {@code pgqrs admin install}.
 */
public interface Admin {

    /**
     * Creates the tables and indexes, or brings an older schema up to date: applies the migrations the store lacks,
     * in order, in one transaction where the database allows it (PostgreSQL, SQLite), and records the version.
     * Idempotent, and safe when several processes run it at once (they take turns; the later ones find nothing to
     * do). A store in the reference implementation's layout is upgraded in place, its rows untouched. On S3 an
     * object that exists is never overwritten: a fresh handle gets {@code CONFLICT}, while a handle that read the
     * object ({@code snapshot()}) migrates it.
     *
     * @throws PgqrsException {@code SCHEMA_VALIDATION} when a newer library migrated the store (nothing is written);
     *         {@code MIGRATION_FAILED} when a statement fails (the store keeps its version)
     */
    void install();

    /**
     * Checks the tables exist, the schema version is this library's, and messages reference existing queues and
     * workers.
     *
     * @throws PgqrsException {@code SCHEMA_VALIDATION} saying what is missing, older or newer, or inconsistent, and
     *         what to run
     */
    void verify();

    /** @return the store's schema version and this library's */
    SchemaVersion schemaVersion();

    /**
     * What {@link #install()} would run now, without running it.
     *
     * @return the missing migrations, oldest first, each with its statements; empty when the store is up to date
     * @throws PgqrsException {@code SCHEMA_VALIDATION} when a newer library migrated the store
     */
    List<SchemaMigration> migrationPlan();

    /** Drops every pgqrs table and its data; idempotent. */
    void uninstall();

    /**
     * @param name 1 to 255 bytes in UTF-8 (255 ASCII characters, fewer in other scripts), without whitespace,
     *        control, format or separator characters of any kind (such as a no-break or zero-width space or a
     *        right-to-left override), quotes, backticks, semicolons or backslashes; worker names follow the same rules
     * @return the new queue
     * @throws PgqrsException {@code QUEUE_ALREADY_EXISTS}, {@code VALIDATION_FAILED} for a bad name
     */
    QueueRecord createQueue(String name);

    /**
     * @param name a queue name
     * @return the queue
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    QueueRecord getQueue(String name);

    /** @return every queue, newest first */
    List<QueueRecord> listQueues();

    /**
     * Deletes an empty queue with no workers.
     *
     * @param name a queue name
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}; {@code VALIDATION_FAILED} while workers, messages or schedules
     *         reference it
     */
    void deleteQueue(String name);

    /**
     * Deletes every message (all states) and every worker of the queue, in one transaction; the queue stays.
     *
     * @param name a queue name
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    void purgeQueue(String name);

    /**
     * @param queue a queue name
     * @return up to 1000 live messages, newest first
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    List<Message> listMessages(String queue);

    /**
     * One page of a queue's messages in one state, newest first, by keyset: pass the lowest id of a page as
     * {@code beforeId} to get the next. Unlike an offset, a page costs the same however deep it is.
     *
     * @param queue a queue name
     * @param state which messages
     * @param beforeId only ids below this one; {@link Long#MAX_VALUE} for the first page
     * @param limit page size, 1 to 1000
     * @return up to {@code limit} messages, highest id first; fewer (possibly none) at the end
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}; {@code VALIDATION_FAILED} for a limit outside 1 to 1000
     */
    List<Message> browseMessages(String queue, MessageState state, long beforeId, int limit);

    /**
     * @param id a message id
     * @return the message in any state
     * @throws PgqrsException {@code NOT_FOUND}
     */
    Message getMessage(long id);

    /**
     * Archives every live message of every queue leased {@link Config#maxReadCt()} times or more.
     *
     * @return the ids moved to the dead-letter list
     */
    List<Long> archiveDeadLetters();

    /**
     * @param queue a queue name
     * @return archived messages with {@code read_ct >= max_read_ct}, most recent first
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    List<Message> listDeadLetters(String queue);

    /**
     * The failed attempts recorded for a message by {@link Consumer#retryLater} and {@link Consumer#deadLetter} (and
     * so by the worker runtime); the last one is the error that made a dead letter.
     *
     * @param id a message id
     * @return its failures, oldest first; empty when it never failed
     */
    List<MessageFailure> failures(long id);

    /**
     * The last failure of each of several messages, in one read where the backend can: for a page of dead letters,
     * each one's last error.
     *
     * @param ids message ids
     * @return for each id that ever failed, its most recent failure; ids that never failed are absent
     */
    Map<Long, MessageFailure> lastFailures(Collection<Long> ids);

    /**
     * @param id an archived message
     * @return the message back in line ({@code read_ct = 0}, visible now), or empty when not archived or absent
     */
    Optional<Message> replayDeadLetter(long id);

    /**
     * As {@link #redrive(String, long, int, RedriveFilter)} for every dead letter of the queue.
     *
     * @param queue a queue name
     * @param limit most dead letters to move, at least 1
     * @param ratePerSecond most dead letters moved per second, at least 1
     * @return the running redrive
     * @throws PgqrsException as the longer form
     */
    Redrive redrive(String queue, long limit, int ratePerSecond);

    /**
     * Moves dead letters of a queue back in line, as SQS's redrive does, on a thread of its own: newest first, at most
     * {@code limit} of them, at most {@code ratePerSecond} per second, only those the filter keeps. A redriven message
     * keeps its id, payload and {@code enqueued_at}, gets {@code read_ct = 0}, no holder and is visible at once; its
     * failures stay recorded. Its headers keep theirs and record the move: {@code pgqrs-redriven-at} (the instant),
     * {@code pgqrs-redriven-by} (user, host and process id of the redriving process) and {@code pgqrs-redrive-count}.
     * Moves commit in batches of at most 100 (and at most a second's worth); a message that stopped being a dead
     * letter in the meantime (another redrive, a replay, a delete) is skipped, so racing redrives move each message
     * once. Follow it with {@link Redrive#moved()}, stop it with {@link Redrive#stop()}.
     *
     * @param queue a queue name
     * @param limit most dead letters to move, at least 1
     * @param ratePerSecond most dead letters moved per second, at least 1
     * @param filter which dead letters, e.g. {@code RedriveFilter.all().deadLetteredAfter(t)}
     * @return the running redrive
     * @throws PgqrsException {@code VALIDATION_FAILED} with {@link PgqrsException#field()} {@code rate} or
     *         {@code limit} for a value below 1, {@code filter} for a null filter; {@code QUEUE_NOT_FOUND}. Nothing is
     *         moved then
     */
    Redrive redrive(String queue, long limit, int ratePerSecond, RedriveFilter filter);

    /**
     * @param queue a queue name
     * @return its counts
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    QueueMetrics queueMetrics(String queue);

    /** @return counts for every queue, by name */
    List<QueueMetrics> allQueueMetrics();

    /** @return store-wide counts */
    SystemStats systemStats();

    /** @return every worker, latest started first */
    List<WorkerRecord> listWorkers();

    /**
     * @param queue a queue name
     * @return the queue's workers
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    List<WorkerRecord> listWorkers(String queue);

    /**
     * @param id a worker id
     * @return a handle to change its state (suspend, resume, shutdown, heartbeat)
     * @throws PgqrsException {@code WORKER_NOT_FOUND}
     */
    Worker worker(long id);

    /**
     * Registers (or re-registers a stopped) admin worker, bound to no queue.
     *
     * @param name a worker name
     * @return the worker
     * @throws PgqrsException {@code VALIDATION_FAILED} when the name is active or suspended
     */
    Worker registerAdmin(String name);

    /**
     * @param workerId a consumer
     * @return every message it last held, archived included, by id
     * @throws PgqrsException {@code WORKER_NOT_FOUND}; {@code VALIDATION_FAILED} for an admin worker
     */
    List<Message> workerMessages(long workerId);

    /**
     * @param workerId a worker
     * @return how many live messages it held and no longer does
     */
    long releaseWorkerMessages(long workerId);

    /**
     * @param workerId a worker
     * @return true if deleted, false if absent
     * @throws PgqrsException {@code VALIDATION_FAILED} while messages reference it
     */
    boolean deleteWorker(long workerId);

    /**
     * @param olderThan heartbeat age
     * @return how many stopped, unreferenced workers older than that were deleted
     */
    long purgeOldWorkers(Duration olderThan);

    /**
     * @param queue a queue name
     * @param olderThan heartbeat age that makes a worker a zombie
     * @return live workers of the queue whose heartbeat is older, oldest first
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    List<WorkerRecord> listZombies(String queue, Duration olderThan);

    /**
     * Releases the messages of the queue's zombie workers (no heartbeat for the given age) and stops them.
     *
     * @param queue a queue name
     * @param olderThan heartbeat age that makes a zombie; null for {@link Config#heartbeatInterval()}
     * @return how many messages were released
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    long reclaimMessages(String queue, Duration olderThan);

    /**
     * @param queue a queue name
     * @return its workers by state
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    WorkerStats workerStats(String queue);

    /**
     * @param heartbeatTimeout age after which a ready or polling worker counts as stale
     * @param groupByQueue one row per queue (admins as {@code "Admin"}) instead of one {@code "Global"} row
     * @return the health rows
     */
    List<WorkerHealthStats> workerHealth(Duration heartbeatTimeout, boolean groupByQueue);
}
