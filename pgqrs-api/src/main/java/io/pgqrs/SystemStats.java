package io.pgqrs;

/**
 * Store-wide counts.
 *
 * @param totalQueues number of queues
 * @param totalWorkers number of worker rows
 * @param activeWorkers workers in state {@code ready}
 * @param totalMessages live (non-archived) messages
 * @param pendingMessages live messages not under a lease
 * @param lockedMessages live messages whose lease holds
 * @param archivedMessages archived messages
 * @param schemaVersion the schema version string, {@code "0.5.0"} for interop with the reference
 */
public record SystemStats(long totalQueues, long totalWorkers, long activeWorkers, long totalMessages,
                          long pendingMessages, long lockedMessages, long archivedMessages, String schemaVersion) {
}
