package io.pgqrs.jdbi.internal;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.jdbi.SqlDialect;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every statement of a store: joins the caller's transaction when there is one, serializes
 * writers where the database has a single writer, retries a unit of work that hit a busy lock, and
 * translates driver errors exactly once into {@link PgqrsException}. No handle escapes a call.
 */
public final class StatementRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);
    private static final int MAX_ATTEMPTS = 20;
    /** A server restart breaks every pooled connection at once: one WARN line for it, the rest at DEBUG. */
    private static final long LOSS_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Jdbi readers;
    private final Jdbi writer;
    private final SqlDialect dialect;
    private final Runnable dropConnections;
    private final AtomicLong lastLossLoggedNanos = new AtomicLong(System.nanoTime() - LOSS_LOG_INTERVAL_NANOS);
    /**
     * Not fair: a writer that arrives while the lock is free takes it without a thread hand-off. Measured on SQLite,
     * 4 consumers then keep the throughput of 1 (fair: 13 % less), at the price of a longer p99 under contention.
     */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ThreadLocal<Handle> transaction = new ThreadLocal<>();
    private volatile boolean closed;
    private final ThreadLocal<AtomicInteger> savepoints = ThreadLocal.withInitial(AtomicInteger::new);

    /**
     * @param readers the Jdbi for statements that only read, outside a transaction
     * @param writer the Jdbi for writes and transactions (the same as {@code readers} where writers run in
     *        parallel; one connection where they are serialized anyway, so its page cache stays warm)
     * @param dialect the backend's dialect
     * @param dropConnections called when a connection broke, to drop the pooled ones that broke with it
     */
    public StatementRunner(Jdbi readers, Jdbi writer, SqlDialect dialect, Runnable dropConnections) {
        this.readers = readers;
        this.writer = writer;
        this.dialect = dialect;
        this.dropConnections = dropConnections;
    }

    /**
     * @param label the statement label used in errors, e.g. {@code CLAIM_MESSAGES}
     * @param dao the SQL object type
     * @param call the work
     * @param <D> the SQL object type
     * @param <T> the result type
     * @return what {@code call} returned
     */
    public <D, T> T read(String label, Class<D> dao, Function<D, T> call) {
        return run(label, false, h -> call.apply(h.attach(dao)));
    }

    /**
     * As {@link #read}, for statements that write.
     *
     * @param label the statement label
     * @param dao the SQL object type
     * @param call the work
     * @param <D> the SQL object type
     * @param <T> the result type
     * @return what {@code call} returned
     */
    public <D, T> T write(String label, Class<D> dao, Function<D, T> call) {
        return run(label, true, h -> call.apply(h.attach(dao)));
    }

    /**
     * @param label the statement label
     * @param writes whether the work writes
     * @param work the work on a raw handle (DDL, explain)
     * @param <T> the result type
     * @return what {@code work} returned
     */
    public <T> T withHandle(String label, boolean writes, Function<Handle, T> work) {
        return run(label, writes, work);
    }

    /**
     * As {@link #withHandle}, for work of several statements that must commit together: it joins the caller's
     * transaction, else runs in one of its own (without a savepoint, unlike a nested {@link #inTransaction}).
     *
     * @param label the statement label
     * @param work the work
     * @param <T> the result type
     * @return what {@code work} returned
     */
    public <T> T atomically(String label, Function<Handle, T> work) {
        requireOpen();
        Handle joined = transaction.get();
        if (joined != null) {
            return translated(label, () -> work.apply(joined));
        }
        return guarded(true, label, () -> writer.inTransaction(work::apply));
    }

    /**
     * Runs {@code work} in one transaction that every call of this runner on this thread joins. Called inside a
     * transaction, it runs {@code work} in a savepoint: when {@code work} throws, only its own changes are undone.
     *
     * @param work the work
     * @param <T> the result type
     * @return what {@code work} returned
     */
    public <T> T inTransaction(Supplier<T> work) {
        requireOpen();
        Handle joined = transaction.get();
        if (joined != null) {
            return inSavepoint(joined, work);
        }
        return guarded(true, "TRANSACTION", () -> writer.inTransaction(handle -> {
            transaction.set(handle);
            try {
                return work.get();
            } finally {
                transaction.remove();
            }
        }));
    }

    /**
     * Runs {@code work} in a savepoint of the transaction {@code handle} is in, with every call of this runner on this
     * thread joining that handle: for a handle on the application's connection, whose transaction the application
     * ends. A deadlock or busy lock there is not retried, since only the application can run its transaction again.
     *
     * @param handle a handle on the application's connection, in a transaction
     * @param work the work
     * @param <T> the result type
     * @return what {@code work} returned
     * @throws PgqrsException {@code TRANSACTION_FAILED} when the database gave the transaction up;
     *         {@code VALIDATION_FAILED} when this thread is in a transaction of the store's own already
     */
    public <T> T joining(Handle handle, Supplier<T> work) {
        requireOpen();
        if (transaction.get() != null) {
            throw PgqrsException.validationFailed("this thread is already in a " + dialect.name() + " store transaction "
                    + "on another connection; call the connection's view outside Store.inTransaction");
        }
        transaction.set(handle);
        try {
            return inSavepoint(handle, work);
        } catch (BusyException busy) {
            throw PgqrsException.of(ErrorKind.TRANSACTION_FAILED, "Transaction failed: the " + dialect.name()
                    + " database gave up the caller's transaction (" + busy.getMessage() + "); roll it back and run it "
                    + "again", busy.getCause());
        } finally {
            transaction.remove();
        }
    }

    private <T> T inSavepoint(Handle handle, Supplier<T> work) {
        String name = "pgqrs_sp" + savepoints.get().incrementAndGet();
        try {
            translated("SAVEPOINT", () -> handle.savepoint(name));
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                try {
                    translated("ROLLBACK_TO_SAVEPOINT", () -> handle.rollbackToSavepoint(name));
                } catch (RuntimeException undo) {
                    // The database may have ended the whole transaction itself (a deadlock, a busy lock): the
                    // savepoint went with it, and the work's own failure is what the caller must see.
                    e.addSuppressed(undo);
                }
                throw e;
            }
            translated("RELEASE_SAVEPOINT", () -> handle.release(name));
            return result;
        } finally {
            savepoints.get().decrementAndGet();
        }
    }

    /** Refuses every later statement: called by the store before it closes its pools. */
    public void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw PgqrsException.storeClosed(dialect.name());
        }
    }

    private <T> T run(String label, boolean writes, Function<Handle, T> work) {
        requireOpen();
        Handle joined = transaction.get();
        if (joined != null) {
            return translated(label, () -> work.apply(joined));
        }
        return guarded(writes, label, () -> (writes ? writer : readers).withHandle(work::apply));
    }

    /** Takes the write lock where needed and retries the whole unit of work while the database is busy. */
    private <T> T guarded(boolean writes, String label, Supplier<T> unit) {
        boolean lock = writes && dialect.serializesWrites();
        for (int attempt = 1; ; attempt++) {
            if (lock) {
                writeLock.lock();
            }
            try {
                return translated(label, unit);
            } catch (BusyException busy) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw PgqrsException.of(ErrorKind.DATABASE, "Database busy: " + label + " still found the "
                            + dialect.name() + " database locked after " + attempt + " attempts; another process holds "
                            + "its write lock for too long", busy.getCause());
                }
                LOG.debug("{} found the database busy (attempt {}), retrying", label, attempt);
            } finally {
                if (lock) {
                    writeLock.unlock();
                }
            }
            backOff(attempt);
        }
    }

    private <T> T translated(String label, Supplier<T> unit) {
        try {
            return unit.get();
        } catch (ConnectionException e) {
            throw PgqrsException.connectionFailed("cannot get a " + dialect.name() + " connection", rootCause(e));
        } catch (JdbiException e) {
            if (BrokenConnections.isBroken(e)) {
                throw connectionLost(label, e);
            }
            SQLException sql = sqlCause(e);
            if (sql != null && dialect.isRetryable(sql)) {
                throw new BusyException(sql);
            }
            if (sql != null && dialect.isMissingTable(sql)) {
                throw PgqrsException.notInstalled(sql.getMessage());
            }
            throw PgqrsException.queryFailed(label, dialect.name(), sql != null ? sql : e);
        }
    }

    /** Drops the pool's connections and logs the loss in one line (the stack trace at DEBUG). */
    private PgqrsException connectionLost(String label, JdbiException e) {
        dropConnections.run();
        SQLException sql = sqlCause(e);
        Throwable cause = sql != null ? sql : rootCause(e);
        long now = System.nanoTime();
        long last = lastLossLoggedNanos.get();
        if (now - last >= LOSS_LOG_INTERVAL_NANOS && lastLossLoggedNanos.compareAndSet(last, now)) {
            LOG.warn("{}: the connection broke during {} ({}); the pool reconnects on the next call", dialect.name(), label,
                    cause.getMessage());
        } else {
            LOG.debug("{}: the connection broke during {} ({})", dialect.name(), label, cause.getMessage());
        }
        LOG.debug("{}: the broken connection's error", dialect.name(), e);
        return PgqrsException.connectionLost(label, dialect.name(), cause);
    }

    private static void backOff(int attempt) {
        long maxMillis = Math.min(100, 2L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PgqrsException.of(ErrorKind.DATABASE, "Interrupted while waiting for a busy database", e);
        }
    }

    private static SQLException sqlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /** A unit of work hit a busy lock; it unwinds the transaction so the outermost call can retry it. */
    private static final class BusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BusyException(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
