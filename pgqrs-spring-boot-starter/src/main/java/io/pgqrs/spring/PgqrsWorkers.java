package io.pgqrs.spring;

import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueWorker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the application's workers ({@link PgqrsListener} methods and {@link PgqrsWorkerDefinition} beans) with the
 * context: started once every singleton is ready, after checking all their queues; stopped first when the context
 * closes, all at once, each {@link QueueWorker#close()} letting its handlers in flight finish and settle their
 * messages (up to the worker's shutdown timeout) before the {@link Pgqrs} bean closes.
 */
public class PgqrsWorkers implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(PgqrsWorkers.class);

    private final Pgqrs pgqrs;
    private final Supplier<List<PgqrsWorkerDefinition>> definitions;
    private final WorkerQueues queues;
    private final List<QueueWorker> running = new CopyOnWriteArrayList<>();
    private volatile boolean started;

    /**
     * @param definitions read when the context starts, once every bean (and so every listener method) is known
     */
    PgqrsWorkers(Pgqrs pgqrs, Supplier<List<PgqrsWorkerDefinition>> definitions, boolean createQueues) {
        this.pgqrs = pgqrs;
        this.definitions = definitions;
        this.queues = new WorkerQueues(pgqrs.admin(), createQueues);
    }

    @Override
    public synchronized void start() {
        List<PgqrsWorkerDefinition> toStart = definitions.get();
        queues.ensure(toStart);
        started = true;
        try {
            for (PgqrsWorkerDefinition definition : toStart) {
                running.add(start(definition));
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        if (!running.isEmpty()) {
            LOG.info("pgqrs started {} worker(s) on queue(s) {}", running.size(),
                    running.stream().map(QueueWorker::queue).distinct().toList());
        }
    }

    private QueueWorker start(PgqrsWorkerDefinition definition) {
        try {
            return definition.configure().apply(pgqrs.worker(definition.queue())).start();
        } catch (PgqrsException e) {
            throw new IllegalStateException("pgqrs worker of " + definition.source() + " on queue '"
                    + definition.queue() + "' cannot start: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        CompletableFuture.allOf(running.stream()
                .map(worker -> CompletableFuture.runAsync(worker::close, runnable -> new Thread(runnable,
                        "pgqrs-stop-" + worker.queue()).start()))
                .toArray(CompletableFuture[]::new)).join();
        running.clear();
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** @return the running workers, in start order (empty before start and after stop) */
    public List<QueueWorker> workers() {
        return List.copyOf(running);
    }
}
