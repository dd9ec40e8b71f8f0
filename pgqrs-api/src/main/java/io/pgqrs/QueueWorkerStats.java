package io.pgqrs;

/**
 * Counts of what one {@link QueueWorker} did since it started, per message.
 *
 * @param succeeded messages whose handler returned normally and that were then archived or deleted
 * @param retried messages whose handler failed and that were released for another attempt
 * @param deadLettered messages whose handler failed on their last attempt and that became dead letters
 * @param postponed deliveries whose handler threw {@link PostponeMessage} and whose message was given back for later,
 *        without using up an attempt
 * @param timedOut handler runs stopped for running past the handler timeout (also counted as retried or dead-lettered)
 * @param leaseExtensions lease extensions written for messages whose handlers ran long
 * @param lostLeases messages whose lease this worker no longer held when it settled or extended them
 * @param inFlight messages leased and not settled yet: handlers running, or successes not written yet
 */
public record QueueWorkerStats(long succeeded, long retried, long deadLettered, long postponed, long timedOut,
                               long leaseExtensions, long lostLeases, int inFlight) {
}
