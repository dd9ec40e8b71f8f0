package io.pgqrs;

import java.time.Instant;
import java.util.Objects;

/**
 * One failed attempt at handling a message, as recorded when a handler failed and the message was released for a
 * retry or moved to the dead letters. The last of a message's failures is the error that made it a dead letter.
 *
 * @param messageId the message
 * @param attempt the delivery that failed: the message's {@code read_ct} when it failed, 1 for the first delivery
 * @param error what went wrong, as text (for an exception: its class, message and causes)
 * @param failedAt when the failure was recorded
 */
public record MessageFailure(long messageId, int attempt, String error, Instant failedAt) {

    /**
     * Creates the record of one failure.
     *
     * @param messageId the message
     * @param attempt the delivery that failed, 1 for the first
     * @param error what went wrong, as text; not null
     * @param failedAt when the failure was recorded; not null
     * @throws NullPointerException when {@code error} or {@code failedAt} is null
     */
    public MessageFailure {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(failedAt, "failedAt");
    }
}
