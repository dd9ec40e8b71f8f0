package io.pgqrs;

import java.time.Duration;

/**
 * Workers of one queue by state.
 *
 * @param totalWorkers all workers bound to the queue
 * @param readyWorkers in {@code ready}
 * @param pollingWorkers in {@code polling}
 * @param interruptedWorkers in {@code interrupted}
 * @param suspendedWorkers in {@code suspended}
 * @param stoppedWorkers in {@code stopped}
 * @param averageMessagesPerWorker live leased messages divided by the worker count; 0 when there are none
 * @param oldestWorkerAge the longest time since a worker started; zero when there are none
 * @param newestHeartbeatAge the shortest time since a heartbeat; zero when there are none
 */
public record WorkerStats(long totalWorkers, long readyWorkers, long pollingWorkers, long interruptedWorkers,
                          long suspendedWorkers, long stoppedWorkers, double averageMessagesPerWorker,
                          Duration oldestWorkerAge, Duration newestHeartbeatAge) {
}
