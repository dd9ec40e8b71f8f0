package io.pgqrs;

import java.time.Instant;

/**
 * Counts for one queue. A message is locked (leased) while it has a holder, its {@code vt} is in the future and it is not archived.
 *
 * @param name the queue name
 * @param totalMessages all rows, archived included
 * @param pendingMessages live messages not under a lease (ready, delayed, lease expired or dead-letter candidates)
 * @param lockedMessages live messages whose lease still holds ({@code consumer set and vt > now})
 * @param archivedMessages archived rows, dead letters included
 * @param oldestPendingMessage the earliest {@code enqueued_at} among pending messages, or null
 * @param newestMessage the latest {@code enqueued_at} over all rows, or null
 * @param deadMessages archived rows delivered {@link Config#maxReadCt()} times or more: the dead letters
 */
public record QueueMetrics(String name, long totalMessages, long pendingMessages, long lockedMessages,
                           long archivedMessages, Instant oldestPendingMessage, Instant newestMessage,
                           long deadMessages) {
}
