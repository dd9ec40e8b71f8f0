package io.pgqrs.internal.runtime;

import io.pgqrs.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Messages leased together and handed to one handler run. Settled exactly once: by the handler's outcome, by the
 * handler timeout or by shutdown, whichever claims it first.
 */
final class Delivery {
    private final List<Message> messages;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final List<Runnable> settlementWrites = new CopyOnWriteArrayList<>();
    private final List<BooleanSupplier> postponementWrites = new CopyOnWriteArrayList<>();
    private volatile boolean awaitingWrite;
    private volatile long leaseEndNanos;
    private volatile long startedNanos;
    private volatile Thread thread;

    /**
     * @param messages the leased messages
     * @param leasedNanos {@link System#nanoTime()} just before the fetch, so the lease ends no earlier than assumed
     * @param lease the lease
     */
    Delivery(List<Message> messages, long leasedNanos, Duration lease) {
        this.messages = messages;
        this.leaseEndNanos = leasedNanos + lease.toNanos();
    }

    List<Message> messages() {
        return messages;
    }

    List<Long> ids() {
        return messages.stream().map(Message::id).toList();
    }

    /** @return writes the handler asked to commit with a successful settlement, in order (see {@link SettlementWrites}) */
    List<Runnable> settlementWrites() {
        return settlementWrites;
    }

    /** @return writes the handler asked to commit with the postponement of its messages (see {@link SettlementWrites}) */
    List<BooleanSupplier> postponementWrites() {
        return postponementWrites;
    }

    /** @return true for the one caller that gets to settle the messages */
    boolean claimSettlement() {
        return settled.compareAndSet(false, true);
    }

    boolean isSettled() {
        return settled.get();
    }

    /** Marks a success handed to the completer: settled, but still leased until the completer writes it. */
    void awaitWrite() {
        awaitingWrite = true;
    }

    /** @return true while the lease still matters: not settled yet, or a success not written yet */
    boolean holdsLease() {
        return !settled.get() || awaitingWrite;
    }

    void begin(Thread handlerThread) {
        startedNanos = System.nanoTime();
        thread = handlerThread;
    }

    void end() {
        thread = null;
    }

    /** @return when the handler started, or 0 while it waits for a thread */
    long startedNanos() {
        return startedNanos;
    }

    /** Interrupts the handler thread if the handler is still running. */
    void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    long leaseEndNanos() {
        return leaseEndNanos;
    }

    void leaseExtended(Duration by) {
        leaseEndNanos += by.toNanos();
    }
}
