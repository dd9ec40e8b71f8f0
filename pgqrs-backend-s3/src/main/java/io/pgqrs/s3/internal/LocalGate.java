package io.pgqrs.s3.internal;

import io.pgqrs.PgqrsException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Local mode: storage steps run straight on the local copy, many at once; snapshot, sync, state and reset wait until
 * none is running, so the file they read or replace is at rest. After close every step is refused, so a closed
 * store never reopens its local copy.
 */
final class LocalGate implements Gate {
    private final LocalReplica replica;
    private final String object;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final WriteTally tally = new WriteTally();
    private volatile boolean closed;

    /**
     * @param replica the local copy
     * @param object bucket and key, for errors
     */
    LocalGate(LocalReplica replica, String object) {
        this.replica = replica;
        this.object = object;
    }

    @Override
    public <T> T run(Operation<T> operation) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw PgqrsException.storeClosed("s3://" + object);
            }
            // Each operation commits on the copy by itself: its message writes wait there for the next sync.
            return tally.run(operation, replica.store(), replica::wroteMessages);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T> T exclusive(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            if (closed) {
                throw PgqrsException.storeClosed("s3://" + object);
            }
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        closed = true;
        lock.writeLock().unlock();
    }
}
