package io.pgqrs.test;

/**
 * What {@link TestQueues#drain} did, per message delivery.
 *
 * @param succeeded deliveries whose handler returned normally (the message was archived)
 * @param retried deliveries whose handler threw and whose message was released for a later attempt
 * @param deadLettered deliveries whose handler threw on the last attempt (the message became a dead letter)
 */
public record DrainResult(int succeeded, int retried, int deadLettered) {

    /** @return every delivery the drain made */
    public int handled() {
        return succeeded + retried + deadLettered;
    }
}
