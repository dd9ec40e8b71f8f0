package io.pgqrs;

import io.pgqrs.internal.Engine;
import io.pgqrs.internal.worker.EphemeralWorkers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A one-shot enqueue, from {@link Pgqrs#enqueue()}: the messages, then the queue or an existing producer, then
 * {@link #execute(Pgqrs)}.
 *
 * <pre>{@code
 * List<Message> sent = Pgqrs.enqueue().message(Map.of("to", "a@b.c")).to("emails").delay(Duration.ofMinutes(5)).execute(pgqrs);
 * }</pre>
 *
 * <p>Without {@link #worker(Producer)} the messages are written by the queue's shared one-shot producer row (one per
 * queue, reused by every process, so one-shot calls do not pile up worker rows), with a fresh rate-limit bucket per
 * call. All messages go in one statement.
 */
public final class EnqueueBuilder {
    private final List<Object> payloads = new ArrayList<>();
    private String queue;
    private Producer producer;
    private EnqueueOptions options = EnqueueOptions.none();
    private Instant at;

    EnqueueBuilder() {
    }

    /**
     * Adds one message.
     *
     * @param payload its body: a {@code Map}, a {@code JsonNode}, a {@code String} or any Jackson-serialisable object
     * @return this builder
     */
    public EnqueueBuilder message(Object payload) {
        payloads.add(payload);
        return this;
    }

    /**
     * Adds several messages, enqueued in the order given after those added before.
     *
     * @param bodies message bodies, each as {@link #message(Object)} takes it
     * @return this builder
     */
    public EnqueueBuilder messages(List<?> bodies) {
        payloads.addAll(bodies);
        return this;
    }

    /**
     * Enqueues to this queue through its shared one-shot producer row.
     *
     * @param queueName the queue; it must exist
     * @return this builder
     */
    public EnqueueBuilder to(String queueName) {
        this.queue = Objects.requireNonNull(queueName, "queueName");
        return this;
    }

    /**
     * Enqueues through a producer the application already registered: its queue and rate limit apply, and
     * {@link #to} is then ignored.
     *
     * @param existing the producer
     * @return this builder
     */
    public EnqueueBuilder worker(Producer existing) {
        this.producer = Objects.requireNonNull(existing, "existing");
        return this;
    }

    /**
     * Delays the messages: they become visible to consumers only after this delay.
     *
     * @param visibilityDelay how long the messages stay invisible, whole seconds
     * @return this builder
     * @throws PgqrsException {@code VALIDATION_FAILED} for a negative or fractional delay
     */
    public EnqueueBuilder delay(Duration visibilityDelay) {
        this.options = options.withDelay(visibilityDelay);
        return this;
    }

    /**
     * Adds a header to every message of this call.
     *
     * @param name a header every message gets (see {@link EnqueueOptions#withHeader})
     * @param value its value
     * @return this builder
     * @throws PgqrsException {@code VALIDATION_FAILED} for a bad name or value, or headers above the size cap
     */
    public EnqueueBuilder header(String name, String value) {
        this.options = options.withHeader(name, value);
        return this;
    }

    /**
     * Sends the one message of this call under an idempotency key: while the key is taken, the enqueue stores nothing
     * and returns the holder, marked {@link Message#duplicate()}.
     *
     * @param key the idempotency key of the one message sent ({@link EnqueueOptions#withIdempotencyKey})
     * @return this builder
     * @throws PgqrsException {@code VALIDATION_FAILED} for an empty or too long key
     */
    public EnqueueBuilder idempotencyKey(String key) {
        this.options = options.withIdempotencyKey(key);
        return this;
    }

    /**
     * Sets how long the idempotency key stays taken once its message is archived.
     *
     * @param window how long the key stays taken after the archive ({@link EnqueueOptions#withIdempotencyWindow})
     * @return this builder
     * @throws PgqrsException {@code VALIDATION_FAILED} for a negative or fractional window
     */
    public EnqueueBuilder idempotencyWindow(Duration window) {
        this.options = options.withIdempotencyWindow(window);
        return this;
    }

    /**
     * Sets the priority of every message of this call: higher is claimed first.
     *
     * @param priority {@link EnqueueOptions#MIN_PRIORITY} to {@link EnqueueOptions#MAX_PRIORITY}, 0 by default
     *        ({@link EnqueueOptions#withPriority})
     * @return this builder
     * @throws PgqrsException {@code VALIDATION_FAILED} outside that range
     */
    public EnqueueBuilder priority(int priority) {
        this.options = options.withPriority(priority);
        return this;
    }

    /**
     * Puts every message of this call in one ordered group: its messages are delivered one at a time, in order.
     *
     * @param group the group key ({@link EnqueueOptions#withGroup})
     * @return this builder
     * @throws PgqrsException {@code VALIDATION_FAILED} for an empty or too long key
     */
    public EnqueueBuilder group(String group) {
        this.options = options.withGroup(group);
        return this;
    }

    /**
     * Enqueues as if the time were {@code enqueueTime}: it becomes {@code enqueued_at}, and the message is visible
     * from {@code enqueueTime} plus the delay. Meant for deterministic tests.
     *
     * @param enqueueTime the time to use instead of the clock
     * @return this builder
     */
    public EnqueueBuilder at(Instant enqueueTime) {
        this.at = Objects.requireNonNull(enqueueTime, "enqueueTime");
        return this;
    }

    /**
     * @param pgqrs the connection
     * @return the stored messages, in the order given
     * @throws PgqrsException {@code VALIDATION_FAILED} without messages or without a queue or producer (checked in
     *         that order, before anything is registered), then as {@link Producer#enqueueBatch}
     */
    public List<Message> execute(Pgqrs pgqrs) {
        if (payloads.isEmpty()) {
            throw PgqrsException.validationFailed("No messages to enqueue. Use .message(…) or .messages(…)");
        }
        if (producer == null && queue == null) {
            throw PgqrsException.validationFailed("Queue name is required. Use .to(…) or .worker(…)");
        }
        if (producer != null) {
            return send(producer);
        }
        Engine engine = pgqrs.engine();
        return send(EphemeralWorkers.producer(engine, engine.requireQueue(queue)));
    }

    private List<Message> send(Producer p) {
        return at == null ? p.enqueueBatch(payloads, options) : p.enqueueBatchAt(payloads, at, options);
    }
}
