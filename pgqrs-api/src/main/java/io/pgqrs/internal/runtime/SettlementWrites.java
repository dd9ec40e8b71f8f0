package io.pgqrs.internal.runtime;

import java.util.List;

/**
 * Writes a handler asks to commit in the same transaction as the archive (or delete) of the message it is handling,
 * so that its success costs no commit of its own: the workflow executor records a run's output this way. The writes
 * run only when the handler succeeds and its message is settled; when it throws, postpones or loses its lease to a
 * timeout, they are dropped with the rest of its outcome. Outside the worker runtime's handler calls there is no
 * settlement to join, and the caller writes at once.
 */
public final class SettlementWrites {
    private static final ThreadLocal<List<Runnable>> CURRENT = new ThreadLocal<>();

    private SettlementWrites() {
    }

    /** @param delivery the delivery whose handler runs on this thread from now until {@link #close()} */
    static void open(Delivery delivery) {
        CURRENT.set(delivery.settlementWrites());
    }

    static void close() {
        CURRENT.remove();
    }

    /**
     * @param write a store write, run inside the settlement's transaction
     * @return true when the write will commit with the settlement of the message this thread's handler is handling;
     *         false when this thread runs no runtime handler (the caller must write now)
     */
    public static boolean defer(Runnable write) {
        List<Runnable> writes = CURRENT.get();
        if (writes == null) {
            return false;
        }
        writes.add(write);
        return true;
    }
}
