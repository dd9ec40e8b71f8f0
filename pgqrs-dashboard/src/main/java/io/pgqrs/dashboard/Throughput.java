package io.pgqrs.dashboard;

import io.pgqrs.Admin;
import io.pgqrs.QueueMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput over the last minutes, kept in memory: each sample runs the store's one statistics query and records the
 * totals; a point is the difference between two samples (messages enqueued and messages archived in between).
 */
final class Throughput {
    private static final Logger LOG = LoggerFactory.getLogger(Throughput.class);

    private record Sample(Instant at, long total, long archived) {
    }

    private final Admin admin;
    private final Clock clock;
    private final int keep;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private boolean failing;

    Throughput(Admin admin, Clock clock, int keep) {
        this.admin = admin;
        this.clock = clock;
        this.keep = keep;
    }

    /** Takes one sample; a store that does not answer is logged once until it answers again. */
    void sample() {
        try {
            long total = 0;
            long archived = 0;
            for (QueueMetrics m : admin.allQueueMetrics()) {
                total += m.totalMessages();
                archived += m.archivedMessages();
            }
            record(new Sample(clock.instant(), total, archived));
            if (failing) {
                LOG.info("Dashboard sampler: the store answers again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Dashboard sampler: cannot read queue metrics ({}); retrying at the next sample", e.getMessage());
                failing = true;
            }
        }
    }

    private synchronized void record(Sample s) {
        samples.addLast(s);
        while (samples.size() > keep + 1) {
            samples.removeFirst();
        }
    }

    /** @return one row per interval between samples, oldest first: {@code at, seconds, enqueued, archived} */
    synchronized List<Map<String, Object>> points() {
        List<Map<String, Object>> points = new ArrayList<>();
        Sample previous = null;
        for (Sample s : samples) {
            if (previous != null) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("at", s.at());
                row.put("seconds", (s.at().toEpochMilli() - previous.at().toEpochMilli()) / 1000.0);
                // A purge or a deleted message makes a total fall; an interval never shows negative work.
                row.put("enqueued", Math.max(0, s.total() - previous.total()));
                row.put("archived", Math.max(0, s.archived() - previous.archived()));
                points.add(row);
            }
            previous = s;
        }
        return points;
    }
}
