package io.pgqrs;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Takes messages from one queue under a visibility lease. A dequeued message is
 * invisible to other consumers until its lease ends; archive or delete it before then, or it is
 * delivered again (at least once). Operations on a message this consumer does not hold return
 * {@code false} and change nothing.
 *
 * <pre>{@code
 * try (Consumer consumer = pgqrs.consumer("emails")) {
 *     for (Message m : consumer.dequeue(10)) {
 *         send(m.payload(Email.class));
 *         consumer.archive(m.id());
 *     }
 * }
 * }</pre>
 */
public interface Consumer extends Worker {

    /**
     * Leases up to {@code n} ready messages for {@link Config#defaultLockTime()}: those of the highest priority
     * first, then the ones visible longest (see {@link EnqueueOptions} for priorities and ordered groups).
     *
     * @param n batch size, 1 to {@link Config#defaultMaxBatchSize()}
     * @return the leased messages, higher priority first, then in FIFO order; empty when none are ready
     * @throws PgqrsException {@code VALIDATION_FAILED} for a bad {@code n}, {@code SUSPENDED} when the worker
     *         is suspended, interrupted or stopped
     */
    List<Message> dequeue(int n);

    /**
     * @param n batch size, 1 to {@link Config#defaultMaxBatchSize()}
     * @param lease visibility lease, at least one second
     * @return the leased messages in FIFO order
     * @throws PgqrsException as {@link #dequeue(int)}
     */
    List<Message> dequeue(int n, Duration lease);

    /**
     * As {@link #dequeue(int, Duration)} at an explicit time, for deterministic tests.
     *
     * @param n batch size
     * @param lease visibility lease
     * @param at the time used for eligibility and the lease
     * @return the leased messages in FIFO order
     * @throws PgqrsException as {@link #dequeue(int)}
     */
    List<Message> dequeueAt(int n, Duration lease, Instant at);

    /**
     * Acknowledges and fetches in one go: archives the given messages this consumer holds (ids it does not hold are
     * skipped, as {@link #archiveMany} reports) and leases up to {@code n} more, in one transaction, so both cost one
     * commit (on S3, one upload) instead of two. If the transaction fails, neither happened; a consumer that may not
     * fetch (suspended, interrupted) still archives, then fails as {@link #dequeue(int)} does.
     *
     * @param ids messages to archive, possibly none
     * @param n at most this many to lease, 1 to {@code default_max_batch_size}
     * @param lease how long the new messages stay leased, at least 1 s
     * @return the newly leased messages, oldest first; empty when none is ready
     * @throws PgqrsException as {@link #dequeue(int, Duration)} and {@link #archiveMany}
     */
    List<Message> archiveAndDequeue(List<Long> ids, int n, Duration lease);

    /**
     * Archives a message: it leaves the queue for the archive table and is not delivered again.
     *
     * @param id a message this consumer holds
     * @return true if it was archived; false if it is not held by this consumer or already archived
     */
    boolean archive(long id);

    /**
     * Archives several messages in one statement, as {@link #archive(long)} does each.
     *
     * @param ids messages this consumer holds
     * @return for each id, in order, whether it was archived
     */
    List<Boolean> archiveMany(List<Long> ids);

    /**
     * Deletes a message for good: it is neither archived nor delivered again.
     *
     * @param id a message this consumer holds
     * @return true if it was deleted; false if it is not held by this consumer or already gone
     */
    boolean delete(long id);

    /**
     * Deletes several messages in one statement, as {@link #delete(long)} does each.
     *
     * @param ids messages this consumer holds
     * @return for each id, in order, whether it was deleted
     */
    List<Boolean> deleteMany(List<Long> ids);

    /**
     * Moves the lease end forward from its current value.
     *
     * @param id a live message this consumer holds
     * @param by how far, whole seconds, at least one
     * @return true if the lease was extended
     */
    boolean extend(long id, Duration by);

    /**
     * Gives messages back at once: no holder, visible now, {@code read_ct} kept.
     *
     * @param ids messages this consumer holds
     * @return how many were released
     */
    long release(List<Long> ids);

    /**
     * Gives a message back, visible again at {@code visibleAt} (rounded up to the second; at once when it has passed),
     * keeping {@code read_ct}. The instant is read against this handle's clock: the store's own clock may differ by
     * the skew between the machines.
     *
     * @param id a live message this consumer holds
     * @param visibleAt when it may be delivered again
     * @return true if it was released
     */
    boolean releaseAt(long id, Instant visibleAt);

    /**
     * Gives the message back until {@code delay} has passed without using up an attempt: its {@code read_ct} goes
     * back down by one, so waiting never makes it a dead letter. For a handler that must wait (a rate limit, a durable
     * sleep), not for one that failed.
     *
     * @param message a live message this consumer holds
     * @param delay how long it stays invisible, whole seconds (a fraction is rounded up)
     * @return true if it was postponed; false if this consumer no longer holds it or it is archived
     */
    boolean postpone(Message message, Duration delay);

    /**
     * Records a failed attempt and gives the message back for a retry after {@code delay}, in one step: the failure
     * ({@link Admin#failures}) is kept only if the release happened.
     *
     * @param message a live message this consumer holds, as dequeued (its {@code readCt} is the attempt recorded)
     * @param error what went wrong
     * @param delay how long the message stays invisible, whole seconds, zero for at once
     * @return true if it was released; false if this consumer no longer holds it or it is archived
     * @throws PgqrsException {@code VALIDATION_FAILED} for a negative or sub-second delay
     */
    boolean retryLater(Message message, String error, Duration delay);

    /**
     * Records a failed attempt and moves the message to the dead letters at once, in one step: it is archived and
     * its {@code read_ct} raised to {@link Config#maxReadCt()} when lower, so {@link Admin#listDeadLetters} shows it
     * and {@link Admin#replayDeadLetter} can bring it back.
     *
     * @param message a live message this consumer holds, as dequeued
     * @param error why it is given up, kept as its last failure
     * @return true if it was moved; false if this consumer no longer holds it or it is archived
     */
    boolean deadLetter(Message message, String error);

    /**
     * Waits for messages: returns as soon as a fetch finds some, or an empty list when {@code timeout}
     * passes. The worker is {@code polling} meanwhile and {@code ready} afterwards.
     *
     * @param n batch size
     * @param timeout how long to wait at most
     * @return the leased messages, possibly none
     * @throws PgqrsException {@code SUSPENDED} when the worker is interrupted or suspended meanwhile
     */
    List<Message> poll(int n, Duration timeout);

    /**
     * Runs a poll loop on the calling thread until the worker is interrupted (by {@link #interrupt()},
     * possibly from another process) or the thread is interrupted. Each batch goes to the handler;
     * success archives it, an exception releases it with a back-off of {@code min(2^read_ct, 300)}
     * seconds and the loop goes on. Idle loops write a heartbeat every {@link Config#heartbeatInterval()}.
     *
     * @param n batch size
     * @param handler the work
     * @throws PgqrsException {@code SUSPENDED} (reason {@code "worker interrupted"}) when interrupted — the worker
     *         is then {@code suspended}; a thread interrupt returns normally with the worker {@code ready}
     */
    void poll(int n, MessageHandler handler);

    /**
     * Leaves the {@code polling} state ({@code polling → ready}), as a poll loop does when it ends: for callers that
     * ran their own loop after {@link #poll(int, Duration)}.
     *
     * @throws PgqrsException {@code SUSPENDED} when the worker was interrupted, suspended or stopped meanwhile
     *         (an interrupted one becomes suspended); {@code INVALID_STATE_TRANSITION} from {@code ready}
     */
    void completePoll();

    /**
     * Uses another clock for the times this handle writes and compares (eligibility, leases, release delays), for
     * deterministic tests of one consumer while the rest of the connection keeps its clock.
     *
     * @param clock the clock
     * @return a handle on the same worker row with that clock
     */
    Consumer withClock(Clock clock);

    /**
     * Leases and settles inside the application's own transaction: every call of the returned view runs on
     * {@code connection}. Dequeue, write the message's effect with the same connection, archive, and commit: the
     * effect and the archive commit together, or neither does, and a rollback also undoes the lease so the message
     * is deliverable again at once (exactly-once processing for effects in the same database). The view never
     * commits or rolls back itself; with autocommit on, each call commits on its own. The connection keeps its
     * autocommit and stays open.
     *
     * <p>The view shares this consumer's worker row; closing the view does nothing (close this consumer). Each call
     * first checks the connection (open, not read-only, on the store's database and schema) with one query, then runs
     * in a savepoint, so a call that fails leaves the caller's transaction as it was. A poll loop on the view would
     * keep its whole run in the caller's transaction; use {@link #dequeue(int)} on the view instead.
     *
     * <pre>{@code
     * connection.setAutoCommit(false);
     * Consumer tx = consumer.withConnection(connection);
     * for (Message m : tx.dequeue(10)) {
     *     applyPayment(connection, m.payload(Payment.class));              // your write
     *     tx.archive(m.id());
     * }
     * connection.commit();
     * }</pre>
     *
     * @param connection the application's JDBC connection to the store's database
     * @return a view of this consumer on that connection
     * @throws PgqrsException {@code UNSUPPORTED} when the backend lacks {@link Capability#CALLER_TRANSACTIONS};
     *         {@code INVALID_CONNECTION} for a null connection, and from each call for a closed or read-only
     *         connection or one to another database
     */
    Consumer withConnection(Connection connection);

    /**
     * Asks a running poll loop to stop: {@code polling → interrupted}. The loop finishes the batch in hand.
     *
     * @throws PgqrsException {@code INVALID_STATE_TRANSITION} unless the worker is polling
     */
    void interrupt();
}
