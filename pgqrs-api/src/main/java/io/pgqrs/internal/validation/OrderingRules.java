package io.pgqrs.internal.validation;

import io.pgqrs.PgqrsException;
import java.util.List;

/** The rules for priorities and ordered-group keys, in one place for the options and the producer. */
public final class OrderingRules {
    /** The lowest priority. */
    public static final int MIN_PRIORITY = -100;
    /** The highest priority. */
    public static final int MAX_PRIORITY = 100;
    /** The longest group key, in characters. */
    public static final int MAX_GROUP_LENGTH = 255;

    private OrderingRules() {
    }

    /**
     * @param priority a priority
     * @throws PgqrsException {@code VALIDATION_FAILED} outside {@value #MIN_PRIORITY} … {@value #MAX_PRIORITY}
     */
    public static void requirePriority(int priority) {
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw PgqrsException.validationFailed("Priority " + priority + " is outside " + MIN_PRIORITY + " … "
                    + MAX_PRIORITY + ": higher runs first and 0 is the default, so use a value in that range");
        }
    }

    /**
     * @param group a group key, or null for none
     * @throws PgqrsException {@code VALIDATION_FAILED} for an empty key or one over {@value #MAX_GROUP_LENGTH} characters
     */
    public static void requireGroup(String group) {
        if (group == null) {
            return;
        }
        if (group.isEmpty()) {
            throw PgqrsException.validationFailed("Group key must not be empty: leave it unset for a message without group");
        }
        int length = group.codePointCount(0, group.length());
        if (length > MAX_GROUP_LENGTH) {
            throw PgqrsException.validationFailed("Group key of " + length + " characters exceeds the limit of "
                    + MAX_GROUP_LENGTH + ": use a shorter key, such as an id or a hash of the longer one");
        }
    }

    /**
     * @param groups the group keys of one enqueue, null elements for messages without one
     * @throws PgqrsException {@code VALIDATION_FAILED} when a key is bad
     */
    public static void requireGroups(List<String> groups) {
        groups.forEach(OrderingRules::requireGroup);
    }
}
