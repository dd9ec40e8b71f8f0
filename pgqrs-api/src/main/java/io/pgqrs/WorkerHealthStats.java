package io.pgqrs;

/**
 * Worker health, globally or per queue: workers whose heartbeat is older than a threshold are stale.
 *
 * @param queueName the queue, {@code "Global"} for the ungrouped row or {@code "Admin"} for admin workers
 * @param totalWorkers workers in the group
 * @param readyWorkers in {@code ready}
 * @param pollingWorkers in {@code polling}
 * @param interruptedWorkers in {@code interrupted}
 * @param suspendedWorkers in {@code suspended}
 * @param stoppedWorkers in {@code stopped}
 * @param staleWorkers {@code ready} or {@code polling} workers whose last heartbeat is older than the timeout
 */
public record WorkerHealthStats(String queueName, long totalWorkers, long readyWorkers, long pollingWorkers,
                                long interruptedWorkers, long suspendedWorkers, long stoppedWorkers,
                                long staleWorkers) {
}
