package io.pgqrs.internal.worker;

import io.pgqrs.PgqrsException;
import io.pgqrs.Worker;
import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStatus;
import io.pgqrs.internal.Engine;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A worker's lifecycle over the store: each transition is one conditional update guarded by the current state; a missing row is WORKER_NOT_FOUND. */
public class WorkerHandle implements Worker {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandle.class);

    protected final Engine engine;
    private final long id;
    private final String name;
    private final String queueName;

    /**
     * @param engine the connection
     * @param record the registered row
     * @param queueName the bound queue's name, or null for an admin
     */
    public WorkerHandle(Engine engine, WorkerRecord record, String queueName) {
        this.engine = engine;
        this.id = record.id();
        this.name = record.name();
        this.queueName = queueName;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> queueName() {
        return Optional.ofNullable(queueName);
    }

    @Override
    public WorkerRecord record() {
        return engine.store().workers().get(id).orElseThrow(() -> PgqrsException.workerNotFound(id));
    }

    @Override
    public WorkerStatus status() {
        return record().status();
    }

    @Override
    public void heartbeat() {
        if (!engine.store().workers().heartbeat(id, engine.at())) {
            throw PgqrsException.workerNotFound(id);
        }
    }

    @Override
    public boolean isHealthy(Duration maxAge) {
        return !record().heartbeatAt().isBefore(engine.now().minus(maxAge));
    }

    @Override
    public void suspend() {
        apply(WorkerTransition.SUSPEND);
    }

    @Override
    public void resume() {
        apply(WorkerTransition.RESUME);
    }

    @Override
    public void shutdown() {
        apply(WorkerTransition.SHUTDOWN);
    }

    @Override
    public void close() {
        if (engine.store().workers().get(id).map(w -> w.status() != WorkerStatus.STOPPED).orElse(false)) {
            apply(WorkerTransition.MARK_STOPPED);
            LOG.debug("Worker {} ({}) stopped", id, name);
        }
    }

    /**
     * Applies a transition or explains why it was refused.
     *
     * @param transition the change
     * @throws PgqrsException {@code INVALID_STATE_TRANSITION} with the current state, or {@code WORKER_NOT_FOUND}
     */
    protected final void apply(WorkerTransition transition) {
        if (!engine.store().workers().transition(id, transition.from(), transition.to(), engine.at())) {
            WorkerStatus current = status();
            throw PgqrsException.invalidTransition(current, transition.to(), transition.refusal());
        }
    }
}
