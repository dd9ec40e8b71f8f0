package io.pgqrs;

import io.pgqrs.internal.Engine;
import io.pgqrs.internal.consumer.DefaultConsumer;
import io.pgqrs.internal.worker.EphemeralWorkers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A one-shot dequeue, from {@link Pgqrs#dequeue()}: the queue or an existing consumer, options, then a fetch, a
 * wait, or a handler run.
 *
 * <pre>{@code
 * Optional<Message> next = Pgqrs.dequeue().from("emails").fetchOne(pgqrs);
 * boolean handled = Pgqrs.dequeue().from("emails").handle(m -> send(m)).execute(pgqrs);
 * }</pre>
 *
 * <p>Without {@link #worker(Consumer)} the call registers its own consumer and, when it ends, stops it without
 * releasing what it fetched: fetched messages stay leased for the lease, settled through
 * {@code pgqrs.attachConsumer(message.consumerWorkerId())} or delivered again afterwards. A call that fetched nothing
 * leaves no worker row behind. For a service, use {@link Pgqrs#worker(String)} instead.
 */
public final class DequeueBuilder {
    /** "No deadline" for a poll: a hundred years, which still fits in a nanosecond clock. */
    private static final Duration FOREVER = Duration.ofDays(36_500);

    private String queue;
    private Consumer consumer;
    private int batch = 1;
    private Duration lease;
    private Instant at;
    private Duration until;

    DequeueBuilder() {
    }

    /**
     * Dequeues from this queue through a consumer registered for this call only.
     *
     * @param queueName the queue; it must exist
     * @return this builder
     */
    public DequeueBuilder from(String queueName) {
        this.queue = Objects.requireNonNull(queueName, "queueName");
        return this;
    }

    /**
     * Dequeues through a consumer the application already registered (its queue applies; {@link #from} is then
     * ignored), so the messages are leased to that consumer and it settles them.
     *
     * @param existing the consumer
     * @return this builder
     */
    public DequeueBuilder worker(Consumer existing) {
        this.consumer = Objects.requireNonNull(existing, "existing");
        return this;
    }

    /**
     * Sets how many messages one fetch leases at most (default 1).
     *
     * @param size messages, 1 to {@link Config#defaultMaxBatchSize()}; checked when the dequeue runs
     * @return this builder
     */
    public DequeueBuilder batch(int size) {
        this.batch = size;
        return this;
    }

    /**
     * Sets how long fetched messages stay leased (default {@link Config#defaultLockTime()}).
     *
     * @param length the lease, whole seconds, at least one; checked when the dequeue runs
     * @return this builder
     */
    public DequeueBuilder lease(Duration length) {
        this.lease = Objects.requireNonNull(length, "length");
        return this;
    }

    /**
     * Dequeues as if the time were {@code time}: it decides which messages are visible and when their lease ends.
     * Meant for deterministic tests.
     *
     * @param time the time to use instead of the clock
     * @return this builder
     */
    public DequeueBuilder at(Instant time) {
        this.at = Objects.requireNonNull(time, "time");
        return this;
    }

    /**
     * Bounds the wait of {@link #poll(Pgqrs)} (default: it waits until messages come).
     *
     * @param timeout the longest wait
     * @return this builder
     */
    public DequeueBuilder until(Duration timeout) {
        this.until = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * @param pgqrs the connection
     * @return one leased message, if one is ready
     * @throws PgqrsException {@code VALIDATION_FAILED} without a queue or consumer, else as {@link Consumer#dequeue}
     */
    public Optional<Message> fetchOne(Pgqrs pgqrs) {
        return run(pgqrs, c -> fetch(pgqrs, c, 1)).stream().findFirst();
    }

    /**
     * @param pgqrs the connection
     * @return up to {@link #batch} leased messages, in FIFO order
     * @throws PgqrsException as {@link #fetchOne}
     */
    public List<Message> fetchAll(Pgqrs pgqrs) {
        return run(pgqrs, c -> fetch(pgqrs, c, batch));
    }

    /**
     * Waits for messages, waking on new ones at once, until some come or {@link #until} passes.
     *
     * @param pgqrs the connection
     * @return the leased messages, or none when the wait ended first
     * @throws PgqrsException as {@link Consumer#poll(int, Duration)}
     */
    public List<Message> poll(Pgqrs pgqrs) {
        return run(pgqrs, c -> c.poll(batch, until == null ? FOREVER : until));
    }

    /**
     * @param handler the work for one message; the batch must be 1
     * @return the handler step
     */
    public Handling handle(MessageProcessor handler) {
        Objects.requireNonNull(handler, "handler");
        return new Handling(batch -> handler.process(batch.get(0)), true);
    }

    /**
     * @param handler the work for a batch of up to {@link #batch} messages, settled together
     * @return the handler step
     */
    public Handling handleBatch(MessageHandler handler) {
        return new Handling(Objects.requireNonNull(handler, "handler"), false);
    }

    private List<Message> fetch(Pgqrs pgqrs, Consumer c, int n) {
        Duration length = lease == null ? pgqrs.config().defaultLockTime() : lease;
        return at == null ? c.dequeue(n, length) : c.dequeueAt(n, length, at);
    }

    private <T> T run(Pgqrs pgqrs, Function<Consumer, T> call) {
        if (consumer != null) {
            return call.apply(consumer);
        }
        if (queue == null) {
            throw PgqrsException.validationFailed("Queue name is required. Use .from(…) or .worker(…)");
        }
        pgqrs.checkDequeue(batch, lease);
        Engine engine = pgqrs.engine();
        DefaultConsumer oneCall = EphemeralWorkers.consumer(engine, engine.requireQueue(queue));
        try {
            return call.apply(oneCall);
        } finally {
            EphemeralWorkers.finish(engine, oneCall);
        }
    }

    /** Runs a handler on what the dequeue fetches: success archives, failure releases. */
    public final class Handling {
        private final MessageHandler handler;
        private final boolean single;

        private Handling(MessageHandler handler, boolean single) {
            this.handler = handler;
            this.single = single;
        }

        /**
         * Fetches once and runs the handler on what came: success archives it; failure releases it at once and
         * rethrows the handler's exception.
         *
         * @param pgqrs the connection
         * @return true when something was handled, false when nothing was ready
         * @throws Exception what the handler threw; {@code VALIDATION_FAILED} for a single-message handler with a
         *         batch other than 1
         */
        public boolean execute(Pgqrs pgqrs) throws Exception {
            requireSingleBatch();
            Exception[] thrown = new Exception[1];
            boolean handled = run(pgqrs, c -> {
                List<Message> got = fetch(pgqrs, c, batch);
                if (got.isEmpty()) {
                    return false;
                }
                List<Long> ids = got.stream().map(Message::id).toList();
                try {
                    handler.handle(got);
                } catch (Exception e) {
                    c.release(ids);
                    thrown[0] = e;
                    return true;
                }
                c.archiveMany(ids);
                return true;
            });
            if (thrown[0] != null) {
                throw thrown[0];
            }
            return handled;
        }

        /**
         * Runs a poll loop on the calling thread, as {@link Consumer#poll(int, MessageHandler)}: success archives, a
         * failure releases with back-off and the loop goes on, until the worker is interrupted or the thread is.
         *
         * @param pgqrs the connection
         * @throws PgqrsException {@code VALIDATION_FAILED} with {@link #until} set or, for a single-message handler,
         *         a batch other than 1; else as {@link Consumer#poll(int, MessageHandler)}
         */
        public void poll(Pgqrs pgqrs) {
            requireSingleBatch();
            if (until != null) {
                throw PgqrsException.validationFailed("until() is not supported with handler poll loops");
            }
            run(pgqrs, c -> {
                c.poll(batch, handler);
                return null;
            });
        }

        private void requireSingleBatch() {
            if (single && batch != 1) {
                throw PgqrsException.validationFailed("single-message handlers require batch size = 1, got " + batch);
            }
        }
    }
}
