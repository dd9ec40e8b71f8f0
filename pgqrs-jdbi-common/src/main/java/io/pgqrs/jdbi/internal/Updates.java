package io.pgqrs.jdbi.internal;

/**
 * The updates that return rows, for every dialect (see {@link ReturningUpdate}). Dialect attributes as in
 * {@link MessageDao} and {@link WorkerDao}.
 */
public final class Updates {
    /** Archives the live messages of {@code <ids>} held by {@code :consumerId}. */
    static final ReturningUpdate ARCHIVE = new ReturningUpdate("pgqrs_messages", "archived_at = <now>",
            "id IN (<ids>) AND consumer_worker_id = :consumerId AND archived_at IS NULL", "id");

    /** Moves vt forward by {@code :seconds} for live messages of {@code <ids>} held by {@code :consumerId}. */
    static final ReturningUpdate EXTEND = new ReturningUpdate("pgqrs_messages", "vt = <vtPlusSeconds>",
            "id IN (<ids>) AND consumer_worker_id = :consumerId AND archived_at IS NULL", "id");

    /** Releases live messages of {@code <ids>} held by {@code :consumerId}, visible after {@code :delaySeconds}. */
    static final ReturningUpdate RELEASE = new ReturningUpdate("pgqrs_messages", "vt = <nowPlusDelay>, consumer_worker_id = NULL",
            "id IN (<ids>) AND consumer_worker_id = :consumerId AND archived_at IS NULL", "id");

    /** Releases the live messages of {@code <ids>} held by {@code :consumerId} for {@code :delaySeconds}, giving back the attempt. */
    static final ReturningUpdate POSTPONE = new ReturningUpdate("pgqrs_messages",
            "vt = <nowPlusDelay>, consumer_worker_id = NULL, read_ct = CASE WHEN read_ct > 0 THEN read_ct - 1 ELSE 0 END",
            "id IN (<ids>) AND consumer_worker_id = :consumerId AND archived_at IS NULL", "id");

    /** Archives the live messages of {@code <ids>} held by {@code :consumerId} as dead letters, read at least {@code :maxReadCt} times. */
    static final ReturningUpdate DEAD_LETTER = new ReturningUpdate("pgqrs_messages",
            "archived_at = <now>, read_ct = CASE WHEN read_ct < :maxReadCt THEN :maxReadCt ELSE read_ct END",
            "id IN (<ids>) AND consumer_worker_id = :consumerId AND archived_at IS NULL", "id");

    /** Archives every live message read {@code :maxReadCt} times or more. */
    static final ReturningUpdate ARCHIVE_DEAD_LETTERS = new ReturningUpdate("pgqrs_messages", "archived_at = <now>",
            "archived_at IS NULL AND read_ct >= :maxReadCt", "id");

    /** Puts an archived message back in line as new. */
    static final ReturningUpdate REPLAY = new ReturningUpdate("pgqrs_messages",
            "archived_at = NULL, read_ct = 0, vt = <now>, enqueued_at = <now>, consumer_worker_id = NULL, dequeued_at = NULL",
            "id = :id AND archived_at IS NOT NULL", MessageDao.COLUMNS);

    /** Puts dead letter {@code :id} (archived, read {@code :maxReadCt} times or more) back in line with new {@code :headers}. */
    static final ReturningUpdate REDRIVE = new ReturningUpdate("pgqrs_messages",
            "archived_at = NULL, read_ct = 0, vt = <now>, consumer_worker_id = NULL, dequeued_at = NULL, "
                    + "headers = CAST(:headers AS <json>)",
            "id = :id AND archived_at IS NOT NULL AND read_ct >= :maxReadCt", MessageDao.COLUMNS);

    /** Brings a stopped worker back as ready, for its queue. */
    static final ReturningUpdate REACTIVATE_WORKER = new ReturningUpdate("pgqrs_workers",
            "status = 'ready', queue_id = :queueId, started_at = <now>, heartbeat_at = <now>, shutdown_at = NULL",
            "name = :name AND status = 'stopped'", WorkerDao.COLUMNS);

    private Updates() {
    }

}
