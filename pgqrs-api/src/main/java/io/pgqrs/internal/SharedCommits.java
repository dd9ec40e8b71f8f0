package io.pgqrs.internal;

import io.pgqrs.spi.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writes that several threads make at about the same time share one commit (group commit), on a store that
 * {@linkplain Store#takesOneWriteAtATime() takes one write at a time}; elsewhere each write is a transaction of its
 * own, in parallel with the others (measured on PostgreSQL at four workflow handlers on two cores: sharing cost 12 %
 * of the runs per second; on SQLite it gained 25 %).
 *
 * <p>A thread that finds no commit under way runs every write waiting at that moment, its own among them, in one
 * transaction, and completes them all when it committed; a thread that finds one under way waits for it and then does
 * the same with whatever gathered meanwhile. No caller returns before its write is durable, and one alone costs what a
 * transaction of its own costs.
 *
 * <p>When a shared transaction fails, every write of it runs again alone, so that one write's failure is its own
 * caller's only. The writes therefore must be port calls and nothing else: no I/O of their own, no reliance on the
 * calling thread (another thread may run them), and no caller inside a transaction of its own (the write would not be
 * part of it). The observer calls that count a port call's effect (the worker runtime's archives and claims) are
 * tolerated: a write that runs again after a shared commit failed is counted twice.
 */
public final class SharedCommits {
    private final Store store;
    private final Object lock = new Object();
    private List<Write<?>> waiting = new ArrayList<>();
    private boolean committing;
    private final AtomicLong transactions = new AtomicLong();

    /** @param store the store the writes go to */
    public SharedCommits(Store store) {
        this.store = store;
    }

    /**
     * Runs {@code work} in a transaction, possibly shared with other threads' writes, and returns once it committed.
     *
     * @param work port calls
     * @param <T> the result type
     * @return what {@code work} returned
     */
    public <T> T write(Supplier<T> work) {
        return write(work, false);
    }

    /**
     * As {@link #write}, for a single port call: one that is not shared with others runs without a transaction
     * around it (it is atomic on its own), which spares a round trip.
     *
     * @param call one port call
     * @param <T> the result type
     * @return what {@code call} returned
     */
    public <T> T writeOne(Supplier<T> call) {
        return write(call, true);
    }

    /** @return how many transactions (or single calls alone) the writes have taken so far */
    public long transactions() {
        return transactions.get();
    }

    private <T> T write(Supplier<T> work, boolean singleCall) {
        if (!store.takesOneWriteAtATime()) {
            transactions.incrementAndGet();
            return singleCall ? work.get() : store.inTransaction(work);
        }
        Write<T> write = new Write<>(work, singleCall);
        List<Write<?>> batch;
        synchronized (lock) {
            waiting.add(write);
            awaitTurn(write);
            if (write.done) {
                return write.outcome();
            }
            committing = true;
            batch = waiting;
            waiting = new ArrayList<>();
        }
        try {
            commit(batch);
        } finally {
            synchronized (lock) {
                committing = false;
                lock.notifyAll();
            }
        }
        return write.outcome();
    }

    /** Waits, holding the lock, until the write was committed by another thread or no commit is under way. */
    private void awaitTurn(Write<?> write) {
        boolean interrupted = false;
        while (committing && !write.done) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                // the write may already be in a commit under way: its outcome is waited for all the same
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(List<Write<?>> batch) {
        if (batch.size() > 1) {
            try {
                transactions.incrementAndGet();
                store.inTransaction(() -> {
                    batch.forEach(Write::run);
                    return null;
                });
                batch.forEach(Write::succeed);
                return;
            } catch (RuntimeException | Error sharedFailure) {
                // rolled back as a whole: each write again, alone, so that a failure is its own caller's only
            }
        }
        for (Write<?> write : batch) {
            try {
                transactions.incrementAndGet();
                if (write.singleCall) {
                    write.run();
                } else {
                    store.inTransaction(() -> {
                        write.run();
                        return null;
                    });
                }
                write.succeed();
            } catch (RuntimeException | Error e) {
                write.fail(e);
            }
        }
    }

    /** One caller's write and, once committed or failed, its outcome. */
    private static final class Write<T> {
        private final Supplier<T> work;
        private final boolean singleCall;
        private T result;
        private Throwable failure;
        private volatile boolean done;

        Write(Supplier<T> work, boolean singleCall) {
            this.work = work;
            this.singleCall = singleCall;
        }

        void run() {
            result = work.get();
        }

        void succeed() {
            done = true;
        }

        void fail(Throwable e) {
            failure = e;
            done = true;
        }

        T outcome() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }
}
