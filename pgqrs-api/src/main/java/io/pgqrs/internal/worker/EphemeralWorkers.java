package io.pgqrs.internal.worker;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueRecord;
import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStatus;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.consumer.DefaultConsumer;
import io.pgqrs.internal.producer.DefaultProducer;
import java.util.Optional;
import java.util.UUID;

/**
 * The workers of one-shot calls that name none (the enqueue and dequeue builders, the command line), kept from piling
 * up. An enqueue uses one producer row per queue, {@code __ephemeral__producer_<queue id>}, shared by every process
 * and never stopped. A dequeue registers its own consumer {@code __ephemeral__<uuid>} and, when the call ends, stops it
 * without releasing what it fetched (those leases run out on their own unless settled through
 * {@code Pgqrs.attachConsumer}), and deletes it if it fetched nothing.
 */
public final class EphemeralWorkers {
    private static final String PREFIX = "__ephemeral__";
    private static final int ATTEMPTS = 5;

    private EphemeralWorkers() {
    }

    /**
     * @param engine the connection
     * @param queue the queue
     * @return a producer on the queue's shared ephemeral row, with its own rate-limit bucket
     */
    public static DefaultProducer producer(Engine engine, QueueRecord queue) {
        engine.schema().requireNotNewer();
        String name = PREFIX + "producer_" + queue.id();
        var workers = engine.store().workers();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<WorkerRecord> row = workers.findByName(name);
            if (row.isPresent() && row.get().status() != WorkerStatus.STOPPED) {
                return new DefaultProducer(engine, queue, row.get());
            }
            Optional<WorkerRecord> made = row.isPresent()
                    ? workers.reactivate(name, queue.id(), engine.at())
                    : workers.insert(queue.id(), name, engine.at());
            if (made.isPresent()) {
                return new DefaultProducer(engine, queue, made.get());
            }
        }
        throw PgqrsException.of(ErrorKind.INTERNAL, "The shared producer row '" + name + "' kept changing under "
                + ATTEMPTS + " attempts to use it", null);
    }

    /**
     * @param engine the connection
     * @param queue the queue
     * @return a new consumer for one call; give it to {@link #finish} when the call ends
     */
    public static DefaultConsumer consumer(Engine engine, QueueRecord queue) {
        return new DefaultConsumer(engine, queue, Registration.register(engine, queue.id(), PREFIX + UUID.randomUUID()));
    }

    /**
     * Ends a one-call consumer: stopped, keeping the leases of what it fetched; deleted when no message names it
     * ({@link DefaultConsumer#namedByAnyMessage()}, which scans the messages only after a claim that failed).
     *
     * @param engine the connection
     * @param consumer a consumer from {@link #consumer}
     */
    public static void finish(Engine engine, DefaultConsumer consumer) {
        consumer.stopKeepingLeases();
        if (!consumer.namedByAnyMessage()) {
            engine.store().workers().delete(consumer.id());
        }
    }
}
