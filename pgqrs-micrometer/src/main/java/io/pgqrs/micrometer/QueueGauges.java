package io.pgqrs.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.pgqrs.QueueMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The depth gauges of one queue: values set by the background refresh, read by every scrape without a query. */
final class QueueGauges {
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong locked = new AtomicLong();
    private final AtomicLong archived = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final List<Meter> meters;

    QueueGauges(MeterRegistry registry, Tags tags) {
        meters = List.of(
                gauge(registry, "pgqrs.queue.pending", "Messages ready or waiting for their visibility time", pending, tags),
                gauge(registry, "pgqrs.queue.locked", "Messages leased by a consumer", locked, tags),
                gauge(registry, "pgqrs.queue.archived", "Archived messages, dead letters included", archived, tags),
                TimeGauge.builder("pgqrs.queue.oldest_pending.age", oldestPendingMillis, TimeUnit.MILLISECONDS, AtomicLong::get)
                        .description("Age of the oldest pending message (0 when none)").tags(tags).register(registry));
    }

    private static Gauge gauge(MeterRegistry registry, String name, String description, AtomicLong value, Tags tags) {
        return Gauge.builder(name, value, AtomicLong::get).description(description).baseUnit("messages").tags(tags)
                .register(registry);
    }

    void update(QueueMetrics metrics, Instant now) {
        pending.set(metrics.pendingMessages());
        locked.set(metrics.lockedMessages());
        archived.set(metrics.archivedMessages());
        Instant oldest = metrics.oldestPendingMessage();
        oldestPendingMillis.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis()));
    }

    void remove(MeterRegistry registry) {
        meters.forEach(registry::remove);
    }
}
