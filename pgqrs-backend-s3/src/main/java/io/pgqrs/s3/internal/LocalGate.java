package io.pgqrs.s3.internal;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Local mode (SPEC S3-14): storage steps run straight on the local copy, many at once; snapshot, sync, state and
 * reset wait until none is running, so the file they read or replace is at rest.
 */
final class LocalGate implements Gate {
    private final LocalReplica replica;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    LocalGate(LocalReplica replica) {
        this.replica = replica;
    }

    @Override
    public <T> T run(Operation<T> operation) {
        lock.readLock().lock();
        try {
            return operation.work().apply(replica.store());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T> T exclusive(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        lock.writeLock().unlock();
    }
}
