package io.pgqrs.internal.worker;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.WorkerRecord;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.validation.NameRules;
import java.util.Optional;

/** Registers a worker by name: a new name inserts, a stopped name is reset, an active one is refused. */
public final class Registration {
    private static final int ATTEMPTS = 5;

    private Registration() {
    }

    /**
     * @param engine the connection
     * @param queueId the queue to bind to, or null for an admin
     * @param name the worker name
     * @return the registered row, status {@code ready}
     * @throws PgqrsException {@code VALIDATION_FAILED} when the name is active or suspended;
     *         {@code SCHEMA_VALIDATION} when a newer library migrated the store
     */
    public static WorkerRecord register(Engine engine, Long queueId, String name) {
        NameRules.requireWorkerName(name);
        engine.schema().requireNotNewer();
        var workers = engine.store().workers();
        // Each step is atomic; a lost race (another process inserted or reactivated the name in between) retries.
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<WorkerRecord> existing = workers.findByName(name);
            Optional<WorkerRecord> registered;
            if (existing.isEmpty()) {
                registered = workers.insert(queueId, name, engine.at());
            } else {
                WorkerRecord w = existing.get();
                switch (w.status()) {
                    case STOPPED -> registered = workers.reactivate(name, queueId, engine.at());
                    case SUSPENDED -> throw PgqrsException.validationFailed(
                            "Worker " + name + " is suspended. Use resume() to reactivate.");
                    default -> throw PgqrsException.validationFailed(
                            "Worker " + name + " is already active. Cannot register duplicate.");
                }
            }
            if (registered.isPresent()) {
                return registered.get();
            }
        }
        throw PgqrsException.of(ErrorKind.INTERNAL, "Registration of worker '" + name + "' kept racing with other "
                + "registrations of the same name after " + ATTEMPTS + " attempts: give each process its own name", null);
    }
}
