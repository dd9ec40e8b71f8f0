package io.pgqrs.tck;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.opentest4j.AssertionFailedError;

/**
 * Deadlines for the kit's waits, all scaled by one knob: system property {@code pgqrs.test.timeoutScale}
 * or variable {@code PGQRS_TEST_TIMEOUT_SCALE} (default 1). A slow machine raises it; no test sleeps to wait for a state.
 */
public final class TestEnvironment {
    private TestEnvironment() {
    }

    /**
     * Scales a deadline by the system property {@code pgqrs.test.timeoutScale}, else the variable
     * {@code PGQRS_TEST_TIMEOUT_SCALE} (default 1; a scale below 0.1 counts as 0.1).
     *
     * @param base the deadline on a normal machine
     * @return the scaled deadline
     * @throws IllegalArgumentException when the scale is not a number
     */
    public static Duration timeout(Duration base) {
        String raw = System.getProperty("pgqrs.test.timeoutScale", System.getenv().getOrDefault("PGQRS_TEST_TIMEOUT_SCALE", "1"));
        double scale;
        try {
            scale = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pgqrs.test.timeoutScale must be a number, got '" + raw + "'", e);
        }
        return Duration.ofMillis((long) (base.toMillis() * Math.max(scale, 0.1)));
    }

    /**
     * Waits until {@code condition} holds, checking every 10 ms.
     *
     * @param what the condition, for the failure message
     * @param base the unscaled deadline
     * @param condition the condition
     * @throws AssertionFailedError when the deadline passes first
     */
    public static void awaitTrue(String what, Duration base, BooleanSupplier condition) {
        Duration limit = timeout(base);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError("Expected " + what + " within " + limit);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("Interrupted while waiting for " + what);
            }
        }
    }
}
