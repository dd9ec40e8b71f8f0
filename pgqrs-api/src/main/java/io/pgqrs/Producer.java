package io.pgqrs;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Puts messages on one queue. Payloads are JSON: a Jackson {@code JsonNode}, a
 * {@code Map}, a {@code String} or any Jackson-serializable object. Every payload is checked against
 * {@link Config#validation()} and the producer's token bucket before anything is written; a batch is
 * all or nothing.
 *
 * <pre>{@code
 * try (Producer producer = pgqrs.producer("emails")) {
 *     Message m = producer.enqueue(Map.of("to", "a@b.c"));
 * }
 * }</pre>
 */
public interface Producer extends Worker {

    /**
     * @param payload the message body
     * @return the stored message
     * @throws PgqrsException {@code VALIDATION_FAILED}, {@code PAYLOAD_TOO_LARGE}, {@code RATE_LIMITED},
     *         {@code SERIALIZATION}; nothing is written on failure
     */
    Message enqueue(Object payload);

    /**
     * @param payload the message body
     * @param options its headers and delay
     * @return the stored message, with the headers
     * @throws PgqrsException as {@link #enqueue(Object)}
     */
    Message enqueue(Object payload, EnqueueOptions options);

    /**
     * @param payload the message body
     * @param delay how long the message stays invisible, whole seconds, not negative
     * @return the stored message
     * @throws PgqrsException as {@link #enqueue(Object)}
     */
    Message enqueueDelayed(Object payload, Duration delay);

    /**
     * Enqueues with an explicit time, for deterministic tests and replays ({@code enqueued_at = at},
     * {@code vt = at + delay}).
     *
     * @param payload the message body
     * @param at the enqueue time
     * @param delay visibility delay, whole seconds
     * @return the stored message
     * @throws PgqrsException as {@link #enqueue(Object)}
     */
    Message enqueueAt(Object payload, Instant at, Duration delay);

    /**
     * Enqueues up to {@link Config#defaultMaxBatchSize()} payloads in one statement.
     *
     * @param payloads the message bodies; an empty list writes nothing
     * @return the stored messages, in the order given
     * @throws PgqrsException as {@link #enqueue(Object)}; errors name the index of the bad payload
     */
    List<Message> enqueueBatch(List<?> payloads);

    /**
     * @param payloads the message bodies; an empty list writes nothing
     * @param options the headers and delay every message of the batch gets
     * @return the stored messages, in the order given
     * @throws PgqrsException as {@link #enqueueBatch(List)}
     */
    List<Message> enqueueBatch(List<?> payloads, EnqueueOptions options);

    /**
     * @param payloads the message bodies
     * @param delay visibility delay for all of them
     * @return the stored messages, in the order given
     * @throws PgqrsException as {@link #enqueueBatch(List)}
     */
    List<Message> enqueueBatchDelayed(List<?> payloads, Duration delay);

    /**
     * Enqueues a batch with an explicit time, for deterministic tests and replays ({@code enqueued_at = at},
     * {@code vt = at + delay}), in one statement.
     *
     * @param payloads the message bodies
     * @param at the enqueue time
     * @param delay visibility delay, whole seconds
     * @return the stored messages, in the order given
     * @throws PgqrsException as {@link #enqueueBatch(List)}
     */
    List<Message> enqueueBatchAt(List<?> payloads, Instant at, Duration delay);

    /**
     * As {@link #enqueueBatchAt(List, Instant, Duration)}, with headers.
     *
     * @param payloads the message bodies
     * @param at the enqueue time
     * @param options the headers and delay every message of the batch gets
     * @return the stored messages, in the order given
     * @throws PgqrsException as {@link #enqueueBatch(List)}
     */
    List<Message> enqueueBatchAt(List<?> payloads, Instant at, EnqueueOptions options);

    /**
     * Uses another clock for the times this handle writes and compares (enqueue time, delays, the rate limit), for
     * deterministic tests of one producer while the rest of the connection keeps its clock.
     *
     * @param clock the clock
     * @return a handle on the same worker row with that clock
     */
    Producer withClock(Clock clock);

    /**
     * Enqueues inside the application's own transaction: every call of the returned view runs on {@code connection}
     * (the transactional outbox). With autocommit off, what the view enqueues becomes visible when the application
     * commits (on PostgreSQL, waiting workers are notified then, not before) and leaves no trace when it rolls
     * back; the view never commits or rolls back itself. With autocommit on, each call commits on its own when it
     * returns, as an ordinary enqueue does. The connection keeps its autocommit and stays open.
     *
     * <p>The view shares this producer's worker row, registered before the transaction, so a rollback leaves no
     * worker row behind either; closing the view does nothing. Each call first checks the connection (open, not
     * read-only, on the store's database and schema) with one query, then runs in a savepoint, so a call that fails
     * leaves the caller's transaction as it was.
     *
     * <pre>{@code
     * connection.setAutoCommit(false);
     * insertOrder(connection, order);                                   // your write
     * producer.withConnection(connection).enqueue(Map.of("order", order.id()));
     * connection.commit();                                              // both, or neither
     * }</pre>
     *
     * @param connection the application's JDBC connection to the store's database
     * @return a view of this producer on that connection
     * @throws PgqrsException {@code UNSUPPORTED} when the backend lacks {@link Capability#CALLER_TRANSACTIONS};
     *         {@code INVALID_CONNECTION} for a null connection, and from each call for a closed or read-only
     *         connection or one to another database
     */
    Producer withConnection(Connection connection);

    /**
     * @param id a message id
     * @return the message in any state
     * @throws PgqrsException {@code NOT_FOUND} when there is no such message
     */
    Message get(long id);

    /**
     * Puts an archived message (typically a dead letter) back in line: {@code read_ct = 0}, visible now.
     *
     * @param id the message
     * @return the replayed message, or empty when it does not exist or is not archived
     */
    Optional<Message> replayDeadLetter(long id);

    /** @return the payload rules this producer applies */
    ValidationConfig validationConfig();

    /** @return the token bucket's state, or empty when rate limiting is off */
    Optional<RateLimitStatus> rateLimitStatus();
}
