package io.pgqrs.internal.validation;

import io.pgqrs.PgqrsException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules for idempotency keys and their window, in one place for the options and the producer. */
public final class IdempotencyRules {
    /** The longest key, in characters. */
    public static final int MAX_KEY_LENGTH = 512;

    private IdempotencyRules() {
    }

    /**
     * @param key a key, or null for none
     * @throws PgqrsException {@code VALIDATION_FAILED} for an empty key or one over {@value #MAX_KEY_LENGTH} characters
     */
    public static void requireKey(String key) {
        if (key == null) {
            return;
        }
        if (key.isEmpty()) {
            throw PgqrsException.validationFailed("Idempotency key must not be empty: leave it unset for none");
        }
        int length = key.codePointCount(0, key.length());
        if (length > MAX_KEY_LENGTH) {
            throw PgqrsException.validationFailed("Idempotency key of " + length + " characters exceeds the limit of "
                    + MAX_KEY_LENGTH + ": hash longer keys yourself");
        }
    }

    /**
     * @param keys the keys of one enqueue, null elements for messages without one
     * @throws PgqrsException {@code VALIDATION_FAILED} when a key is bad or two elements share one
     */
    public static void requireDistinct(List<String> keys) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            requireKey(key);
            if (key != null && !seen.add(key)) {
                throw PgqrsException.validationFailed("Idempotency key '" + key + "' is given twice in one batch (again at"
                        + " index " + i + "): each message of a batch needs its own key");
            }
        }
    }

    /**
     * @param window how long a key stays taken after its message is archived
     * @return its length in whole seconds
     * @throws PgqrsException {@code VALIDATION_FAILED} for a negative window or one with a fraction of a second
     */
    public static long requireWindowSeconds(Duration window) {
        if (window.isNegative()) {
            throw PgqrsException.validationFailed("Idempotency window must not be negative, got " + window);
        }
        if (window.toNanosPart() != 0) {
            throw PgqrsException.validationFailed("Idempotency window must be a whole number of seconds, got " + window);
        }
        return window.toSeconds();
    }
}
