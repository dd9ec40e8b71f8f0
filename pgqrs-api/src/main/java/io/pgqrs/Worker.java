package io.pgqrs;

import java.time.Duration;
import java.util.Optional;

/**
 * A registered participant: producer, consumer or admin. Its lifecycle is the state
 * machine of {@link WorkerStatus}; each transition is one conditional update in the store, so two
 * processes changing one worker cannot both win.
 *
 * <p>Closing a worker stops it for good ({@code stopped}), releasing any messages a consumer holds.
 * Worker handles are thread-safe.
 */
public interface Worker extends AutoCloseable {

    /** @return the worker's database id */
    long id();

    /** @return the worker's unique name */
    String name();

    /** @return the queue the worker is bound to; empty for an admin worker */
    Optional<String> queueName();

    /**
     * @return the stored row, read now
     * @throws PgqrsException {@code WORKER_NOT_FOUND} when the row was deleted
     */
    WorkerRecord record();

    /**
     * @return the stored status, read now
     * @throws PgqrsException {@code WORKER_NOT_FOUND} when the row was deleted
     */
    WorkerStatus status();

    /**
     * Writes {@code heartbeat_at = now}, whatever the status.
     *
     * @throws PgqrsException {@code WORKER_NOT_FOUND} when the row was deleted
     */
    void heartbeat();

    /**
     * @param maxAge how old the last heartbeat may be
     * @return whether the last heartbeat is at most {@code maxAge} old
     */
    boolean isHealthy(Duration maxAge);

    /**
     * {@code ready | polling | interrupted → suspended}.
     *
     * @throws PgqrsException {@code INVALID_STATE_TRANSITION} from any other state, {@code WORKER_NOT_FOUND}
     */
    void suspend();

    /**
     * {@code suspended → ready}.
     *
     * @throws PgqrsException {@code INVALID_STATE_TRANSITION} from any other state, {@code WORKER_NOT_FOUND}
     */
    void resume();

    /**
     * {@code suspended → stopped}. A consumer must hold no messages first.
     *
     * @throws PgqrsException {@code INVALID_STATE_TRANSITION} unless suspended,
     *         {@code WORKER_HAS_PENDING_MESSAGES} for a consumer holding messages, {@code WORKER_NOT_FOUND}
     */
    void shutdown();

    /**
     * Leaves for good: a consumer releases the messages it holds, then the worker becomes
     * {@code stopped} from whatever state it is in. Idempotent.
     */
    @Override
    void close();
}
