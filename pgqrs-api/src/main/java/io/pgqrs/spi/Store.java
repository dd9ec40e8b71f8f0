package io.pgqrs.spi;

import io.pgqrs.ConcurrencyModel;
import io.pgqrs.Config;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * An open connection to one backend's storage. The library's rules (validation, state machine, poll
 * loop …) are written once over these ports; a backend implements only storage steps, each of which
 * must be atomic in the backend.
 *
 * <p>Time: every port method that reads or writes a time takes an {@code Instant at}. When it is null
 * the store uses its own clock (PostgreSQL {@code now()}), so processes on different hosts agree;
 * when it is set, the store uses exactly that instant.
 *
 * <p>Isolation: each port method is atomic on its own, and sees only what other connections committed
 * (read committed or stronger), never a half-done step of another thread. Inside {@link #inTransaction} a thread
 * sees its own writes.
 *
 * <p>Errors: a store translates driver failures exactly once into {@link io.pgqrs.PgqrsException}
 * ({@code QUERY_FAILED} with the statement label; {@code CONNECTION_FAILED} when the connection broke or the
 * store cannot be reached; {@code SCHEMA_VALIDATION} when the tables are missing, telling the user to install).
 * A store must be safe for use by many threads. After {@link #close()}, a port method fails with a
 * {@code PgqrsException} and writes nothing.
 */
public interface Store extends AutoCloseable {

    /** @return the backend name, e.g. {@code "sqlite"} */
    String backendName();

    /** @return how many processes may share this store */
    ConcurrencyModel concurrencyModel();

    /**
     * Whether this store takes one write at a time (a single-writer database such as SQLite). The library then lets
     * writes that several threads make at about the same time, such as concurrent workflow runs' step records, share
     * one transaction and one commit. The default, false, runs each in a transaction of its own.
     *
     * @return whether writes are serialized
     */
    default boolean takesOneWriteAtATime() {
        return false;
    }

    /** @return the configuration the store was opened with */
    Config config();

    /** @return the queue table */
    QueueTable queues();

    /** @return the message table */
    MessageTable messages();

    /** @return the worker table */
    WorkerTable workers();

    /** @return the workflow definitions */
    WorkflowTable workflows();

    /** @return the workflow runs */
    RunTable runs();

    /** @return the steps of workflow runs */
    StepTable steps();

    /** @return the recurring schedules */
    ScheduleTable schedules();

    /** @return counting queries for metrics */
    StatsQueries stats();

    /** @return install, verify and uninstall steps */
    SchemaAdmin schema();

    /**
     * Runs {@code work} in one transaction: every port call it makes on this thread commits or rolls
     * back together. A nested call runs in a savepoint of the outer transaction: when its work throws,
     * only the nested work is undone and the outer work may go on. Other threads see none of the work
     * before it commits (a backend that serializes all access may make them wait instead), and one thread's
     * transaction never commits or rolls back another thread's work.
     *
     * @param work the work; a {@link RuntimeException} it throws rolls back and is rethrown
     * @param <T> the result type
     * @return what {@code work} returned
     */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Lets a poll loop wake up as soon as a message is enqueued, possibly by another process.
     * Backends with a notification channel (PostgreSQL {@code LISTEN}) call {@code listener} with the
     * queue id; the default has no channel and poll loops fall back to their poll interval.
     *
     * <p>Only new rows ({@link MessageTable#insert}) must be notified. A release or a replay need not be: the
     * library wakes its own poll loops for those, and other processes find them at their next poll. Extra calls
     * (for a queue that got nothing) are harmless; poll loops check again.
     *
     * @param listener called with a queue id when messages were enqueued on it; must not block
     * @return a handle that stops the notifications when closed
     */
    default AutoCloseable subscribe(LongConsumer listener) {
        return () -> { };
    }

    /**
     * Brings this process's view of the store up to date before a short-lived process (a command-line tool) works
     * on it, for stores that work on a local copy of remote state. A missing remote copy is not an error, so that
     * an install can create it afterwards; local writes that were never published are dropped, since the shared
     * state wins. The default does nothing: a store that reads the shared state directly is always up to date.
     *
     * @throws io.pgqrs.PgqrsException {@code CONNECTION_FAILED} when the remote copy cannot be reached
     */
    default void refresh() {
    }

    /**
     * Makes this process's writes visible to other processes before it exits, for stores that keep writes local
     * until told to publish them. The default does nothing: a store whose writes are visible once they return
     * has nothing to publish.
     *
     * @throws io.pgqrs.PgqrsException {@code CONFLICT} when another process published first, so these writes
     *         were not published
     */
    default void publish() {
    }

    /**
     * Reaches a backend-specific interface (for example an S3 store's sync operations).
     *
     * @param type the interface
     * @param <T> the interface type
     * @return this store as {@code type}, if it implements it
     */
    default <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /** Releases connections and files. Idempotent; does not throw checked exceptions. */
    @Override
    void close();
}
