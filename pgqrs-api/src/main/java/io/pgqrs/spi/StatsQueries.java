package io.pgqrs.spi;

import io.pgqrs.QueueMetrics;
import io.pgqrs.SystemStats;
import java.time.Instant;
import java.util.List;

/** Counting queries behind metrics; one statement each so counts are consistent. */
public interface StatsQueries {

    /**
     * @param queueId one queue, or null for every queue (queues without messages included)
     * @param maxReadCt deliveries from which an archived message counts as dead
     * @param at the time that decides whether a lease holds, or null for the store clock
     * @return one row per queue, by queue name
     */
    List<QueueMetrics> queueMetrics(Long queueId, int maxReadCt, Instant at);

    /**
     * @param at the time that decides whether a lease holds, or null for the store clock
     * @return store-wide counts
     */
    SystemStats systemStats(Instant at);
}
