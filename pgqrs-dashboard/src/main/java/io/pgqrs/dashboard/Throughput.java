package io.pgqrs.dashboard;

import io.pgqrs.QueueMetrics;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput over the last minutes, kept in memory from the sampler's counts: a point is the difference between two
 * samples (messages enqueued and messages archived in between), for the whole store or one queue.
 */
final class Throughput {
    /** One queue's totals at a sample. */
    private record Totals(long total, long archived) {
    }

    private record Sample(Instant at, Map<String, Totals> queues) {
        Totals of(String queue) {
            if (queue != null) {
                return queues.get(queue);
            }
            long total = 0;
            long archived = 0;
            for (Totals t : queues.values()) {
                total += t.total();
                archived += t.archived();
            }
            return new Totals(total, archived);
        }
    }

    private final int keep;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** @param keep points kept (one more sample than that) */
    Throughput(int keep) {
        this.keep = keep;
    }

    /** @param counts a sample of every queue's counts */
    synchronized void record(Counts.Snapshot counts) {
        Map<String, Totals> queues = new LinkedHashMap<>();
        for (QueueMetrics m : counts.byName().values()) {
            queues.put(m.name(), new Totals(m.totalMessages(), m.archivedMessages()));
        }
        samples.addLast(new Sample(counts.at(), queues));
        while (samples.size() > keep + 1) {
            samples.removeFirst();
        }
    }

    /** @return the whole store's points: {@link #points(String)} of every queue added up */
    List<Map<String, Object>> points() {
        return points(null);
    }

    /**
     * @param queue a queue, or null for the whole store
     * @return one row per interval between samples, oldest first: {@code at, seconds, enqueued, archived}; an interval
     *         in which the queue was absent at either end, or of no length by the clock, is left out
     */
    synchronized List<Map<String, Object>> points(String queue) {
        List<Map<String, Object>> points = new ArrayList<>();
        Sample previous = null;
        for (Sample s : samples) {
            Totals before = previous == null ? null : previous.of(queue);
            Totals after = s.of(queue);
            double seconds = previous == null ? 0 : (s.at().toEpochMilli() - previous.at().toEpochMilli()) / 1000.0;
            if (before != null && after != null && seconds > 0) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("at", s.at());
                row.put("seconds", seconds);
                // A purge or a deleted message makes a total fall; an interval never shows negative work.
                row.put("enqueued", Math.max(0, after.total() - before.total()));
                row.put("archived", Math.max(0, after.archived() - before.archived()));
                points.add(row);
            }
            previous = s;
        }
        return points;
    }
}
