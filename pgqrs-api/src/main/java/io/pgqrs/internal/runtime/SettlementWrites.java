package io.pgqrs.internal.runtime;

import java.util.function.BooleanSupplier;

/**
 * Writes a handler asks to commit in the same transaction as the archive (or delete) of the message it is handling,
 * so that its success costs no commit of its own: the workflow executor records a run's output this way. The writes
 * run only when the handler succeeds and its message is settled; when it throws, postpones or loses its lease to a
 * timeout, they are dropped with the rest of its outcome. Outside the worker runtime's handler calls there is no
 * settlement to join, and the caller writes at once.
 *
 * <p>A handler that postpones its message can likewise make a write commit with the postponement
 * ({@link #deferToPostponement}): the workflow executor records a pause this way, so that a run is never seen paused
 * while its trigger is still leased (a resume in that gap would find nothing to wake).
 */
public final class SettlementWrites {
    private static final ThreadLocal<Delivery> CURRENT = new ThreadLocal<>();

    private SettlementWrites() {
    }

    /** @param delivery the delivery whose handler runs on this thread from now until {@link #close()} */
    static void open(Delivery delivery) {
        CURRENT.set(delivery);
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
        Delivery delivery = CURRENT.get();
        if (delivery == null) {
            return false;
        }
        delivery.settlementWrites().add(write);
        return true;
    }

    /**
     * @param write a store write, run inside the transaction that postpones the message this thread's handler is
     *        handling, once the handler threw {@link io.pgqrs.PostponeMessage}; it answers false when the postponement
     *        no longer applies, and the message is then released at once instead of after the delay
     * @return true when the write will commit with the postponement; false when this thread runs no runtime handler
     *         (the caller must write now)
     */
    public static boolean deferToPostponement(BooleanSupplier write) {
        Delivery delivery = CURRENT.get();
        if (delivery == null) {
            return false;
        }
        delivery.postponementWrites().add(write);
        return true;
    }
}
