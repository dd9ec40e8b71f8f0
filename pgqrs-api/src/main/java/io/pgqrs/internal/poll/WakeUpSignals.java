package io.pgqrs.internal.poll;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes idle poll loops of one connection when a message is enqueued on their queue, by a producer of
 * this connection or through a store notification, instead of letting them wait out the poll interval.
 * The store subscription (on PostgreSQL a LISTEN connection and thread) is opened only when a poll loop first
 * asks for a signal, so connections that never poll pay nothing for it.
 */
public final class WakeUpSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WakeUpSignals.class);

    private final ConcurrentMap<Long, Signal> signals = new ConcurrentHashMap<>();
    private final Function<LongConsumer, AutoCloseable> subscribe;
    private AutoCloseable subscription;
    private boolean closed;

    /** @param subscribe opens the store's notification channel for a listener (see {@code Store.subscribe}) */
    public WakeUpSignals(Function<LongConsumer, AutoCloseable> subscribe) {
        this.subscribe = subscribe;
    }

    /** @param queueId the queue that has new messages (or whose workers should look at their state) */
    public void fire(long queueId) {
        signal(queueId).fire();
    }

    /**
     * For a poll loop about to wait: subscribes to store notifications on first use.
     *
     * @param queueId a queue
     * @return its signal
     */
    public Signal forQueue(long queueId) {
        synchronized (this) {
            if (subscription == null && !closed) {
                subscription = subscribe.apply(this::fire);
            }
        }
        return signal(queueId);
    }

    /** Stops store notifications, if they were ever started. */
    @Override
    public synchronized void close() {
        closed = true;
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("Closing the store notification subscription failed", e);
            }
            subscription = null;
        }
    }

    private Signal signal(long queueId) {
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
