package io.pgqrs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.QueueMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Points between samples, for one queue and for the whole store. */
class ThroughputTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Counts.Snapshot sample(int secondsLater, QueueMetrics... queues) {
        Map<String, QueueMetrics> byName = new java.util.LinkedHashMap<>();
        for (QueueMetrics q : queues) {
            byName.put(q.name(), q);
        }
        return new Counts.Snapshot(byName, T0.plusSeconds(secondsLater), 0, Duration.ofMillis(1));
    }

    private static QueueMetrics queue(String name, long total, long archived) {
        return new QueueMetrics(name, total, total - archived, 0, archived, null, null, 0);
    }

    @Test
    void eachQueueHasItsOwnPointsAndTheStoreTheirSum() {
        Throughput throughput = new Throughput(10);
        throughput.record(sample(0, queue("a", 100, 10), queue("b", 5, 0)));
        throughput.record(sample(10, queue("a", 130, 40), queue("b", 6, 5)));
        throughput.record(sample(20, queue("a", 130, 70), queue("b", 6, 6), queue("c", 9, 0)));

        List<Map<String, Object>> a = throughput.points("a");
        assertThat(a).extracting(p -> p.get("enqueued")).containsExactly(30L, 0L);
        assertThat(a).extracting(p -> p.get("archived")).containsExactly(30L, 30L);
        assertThat(a.get(0).get("seconds")).isEqualTo(10.0);
        assertThat(throughput.points("b")).extracting(p -> p.get("archived")).containsExactly(5L, 1L);
        assertThat(throughput.points("c")).as("absent from the earlier samples").isEmpty();
        assertThat(throughput.points()).extracting(p -> p.get("enqueued")).containsExactly(31L, 9L);
    }

    @Test
    void aPurgeNeverShowsNegativeWorkAndOnlyTheLastPointsAreKept() {
        Throughput throughput = new Throughput(2);
        throughput.record(sample(0, queue("a", 100, 0)));
        throughput.record(sample(10, queue("a", 0, 0)));
        throughput.record(sample(20, queue("a", 7, 0)));
        throughput.record(sample(30, queue("a", 9, 0)));
        assertThat(throughput.points("a")).extracting(p -> p.get("enqueued")).containsExactly(7L, 2L);
    }
}
