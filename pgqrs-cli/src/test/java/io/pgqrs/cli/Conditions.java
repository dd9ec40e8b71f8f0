package io.pgqrs.cli;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in tests: for a condition, checked every 50 ms until a deadline, never for a fixed time. */
final class Conditions {
    private Conditions() {
    }

    /**
     * @param limit how long at most
     * @param what the condition, for the failure message
     * @param condition checked until it holds
     * @throws AssertionError when it does not hold within the limit
     */
    static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(50);
        }
    }
}
