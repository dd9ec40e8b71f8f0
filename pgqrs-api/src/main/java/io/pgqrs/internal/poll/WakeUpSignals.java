package io.pgqrs.internal.poll;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Wakes idle poll loops of one connection when a message is enqueued on their queue, by a producer of
 * this connection or through a store notification, instead of letting them wait out the poll interval.
 */
public final class WakeUpSignals {
    private final ConcurrentMap<Long, Signal> signals = new ConcurrentHashMap<>();

    /** @param queueId the queue that has new messages (or whose workers should look at their state) */
    public void fire(long queueId) {
        forQueue(queueId).fire();
    }

    /** @param queueId a queue @return its signal */
    public Signal forQueue(long queueId) {
        return signals.computeIfAbsent(queueId, id -> new Signal());
    }

    /** A counter that waiters watch; firing bumps it and wakes them. */
    public static final class Signal {
        private long generation;

        synchronized void fire() {
            generation++;
            notifyAll();
        }

        /** @return the current generation, to pass to {@link #awaitChange} after a fetch */
        public synchronized long generation() {
            return generation;
        }

        /**
         * @param seen the generation read before the last fetch
         * @param max how long to wait at most
         * @return true when fired since {@code seen}, false when {@code max} passed
         * @throws InterruptedException when the thread is interrupted
         */
        public synchronized boolean awaitChange(long seen, Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (generation == seen) {
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    return false;
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(leftNanos)));
            }
            return true;
        }
    }
}
