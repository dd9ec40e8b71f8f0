package io.pgqrs.internal.consumer;

import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.MessageHandler;
import io.pgqrs.PgqrsException;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.poll.WakeUpSignals;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stay of a consumer in the {@code polling} state: waits for messages
 * with the poll interval as the longest sleep, wakes early on local enqueues and store notifications,
 * heartbeats while it waits, and leaves {@code polling} on every exit path.
 */
final class PollSession {
    private static final Logger LOG = LoggerFactory.getLogger(PollSession.class);

    private final DefaultConsumer consumer;
    private final Engine engine;
    private final WakeUpSignals.Signal signal;
    private long lastHeartbeatNanos = System.nanoTime();

    PollSession(DefaultConsumer consumer, Engine engine, long queueId) {
        this.consumer = consumer;
        this.engine = engine;
        this.signal = engine.signals().forQueue(queueId);
    }

    List<Message> pollOnce(int n, Duration timeout) {
        consumer.enterPolling();
        List<Message> batch;
        try {
            batch = awaitBatch(n, System.nanoTime() + timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            batch = List.of();
        } catch (RuntimeException | Error e) {
            leaveAfterFailure(e);
            throw e;
        }
        consumer.leavePolling();
        return batch;
    }

    void run(int n, MessageHandler handler) {
        consumer.enterPolling();
        try {
            while (true) {
                handle(awaitBatch(n, Long.MAX_VALUE), handler);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("Poll loop of worker {} stopped by thread interrupt", consumer.id());
            consumer.leavePolling();
        } catch (RuntimeException | Error e) {
            leaveAfterFailure(e);
            throw e;
        }
    }

    private void handle(List<Message> batch, MessageHandler handler) {
        try {
            handler.handle(batch);
        } catch (Exception e) {
            LOG.warn("Handler failed on {} message(s) of queue '{}' (worker {}); releasing them with back-off",
                    batch.size(), consumer.queueName().orElse("?"), consumer.id(), e);
            consumer.releaseWithBackoff(batch);
            return;
        }
        consumer.archiveMany(batch.stream().map(Message::id).toList());
    }

    /** @return a non-empty batch, or an empty one once {@code deadlineNanos} has passed */
    private List<Message> awaitBatch(int n, long deadlineNanos) throws InterruptedException {
        Duration pollInterval = engine.config().pollInterval();
        long heartbeatNanos = engine.config().heartbeatInterval().toNanos();
        while (true) {
            long seen = signal.generation();
            List<Message> batch = consumer.dequeue(n);
            long now = System.nanoTime();
            if (now - lastHeartbeatNanos >= heartbeatNanos) {
                consumer.heartbeat();
                lastHeartbeatNanos = now;
            }
            if (!batch.isEmpty()) {
                return batch;
            }
            long left = deadlineNanos - now;
            if (left <= 0) {
                return List.of();
            }
            signal.awaitChange(seen, Duration.ofNanos(Math.min(left, pollInterval.toNanos())));
        }
    }

    /** A failed loop still leaves {@code polling}; a suspended worker has left it already. */
    private void leaveAfterFailure(Throwable failure) {
        if (failure instanceof PgqrsException p && p.kind() == ErrorKind.SUSPENDED) {
            return;
        }
        try {
            consumer.leavePolling();
        } catch (PgqrsException e) {
            failure.addSuppressed(e);
        }
    }
}
