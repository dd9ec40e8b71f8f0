package io.pgqrs.spring;

import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueMetrics;
import io.pgqrs.SchemaVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the pgqrs store (contributor {@code pgqrs}). Each probe reads the store's schema version (one query), then,
 * when the schema is current, every queue's counts with one {@link io.pgqrs.Admin#allQueueMetrics()} query (the same
 * one the metrics gauges run).
 * <ul>
 *   <li>UP: the schema is at this library's version and the counts were read; with
 *       {@code pgqrs.health.max-oldest-pending-age} set, no queue's oldest pending message is older.</li>
 *   <li>DOWN when the store cannot be reached (the error is shown); when its schema is older than this library's (a
 *       store without tables is at version 0), with a {@code reason} saying to run {@code pgqrs admin migrate}; when its
 *       schema is newer (a newer pgqrs migrated it), with a {@code reason} saying to upgrade pgqrs; or when the oldest
 *       pending message is older than the threshold. The counts are not read for a schema that is not current: they may
 *       need the missing migrations.</li>
 * </ul>
 * Details: {@code backend}, {@code schemaVersion} (the store's) and {@code latestSchemaVersion} (this library's); then
 * {@code queues}, {@code pending} and {@code locked} messages, and the oldest pending message's queue and age.
 * {@link io.pgqrs.Admin#verify()} is not run per probe: its consistency counts read every message.
 */
public class PgqrsHealthIndicator extends AbstractHealthIndicator {
    private final Pgqrs pgqrs;
    private final Duration maxOldestPendingAge;

    /**
     * @param pgqrs the connection
     * @param maxOldestPendingAge the threshold, or null for none
     */
    public PgqrsHealthIndicator(Pgqrs pgqrs, Duration maxOldestPendingAge) {
        super("pgqrs health check failed");
        this.pgqrs = Objects.requireNonNull(pgqrs, "pgqrs");
        this.maxOldestPendingAge = maxOldestPendingAge;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("backend", pgqrs.backendName());
        SchemaVersion version = pgqrs.admin().schemaVersion();
        builder.withDetail("schemaVersion", version.installed()).withDetail("latestSchemaVersion", version.latest());
        if (version.isOlder()) {
            builder.down().withDetail("reason", PgqrsException.schemaOlderThanLibrary(version).getMessage()
                    + "; in this application pgqrs.install-on-startup=true does the same on start-up");
            return;
        }
        if (version.isNewer()) {
            builder.down().withDetail("reason", PgqrsException.schemaNewerThanLibrary(version).getMessage());
            return;
        }
        List<QueueMetrics> queues = pgqrs.admin().allQueueMetrics();
        builder.withDetail("queues", queues.size())
                .withDetail("pending", queues.stream().mapToLong(QueueMetrics::pendingMessages).sum())
                .withDetail("locked", queues.stream().mapToLong(QueueMetrics::lockedMessages).sum());
        QueueMetrics oldest = queues.stream()
                .filter(q -> q.oldestPendingMessage() != null)
                .min((a, b) -> a.oldestPendingMessage().compareTo(b.oldestPendingMessage()))
                .orElse(null);
        if (oldest == null) {
            builder.up();
            return;
        }
        Duration age = Duration.between(oldest.oldestPendingMessage(), Instant.now());
        age = age.isNegative() ? Duration.ZERO : age;
        builder.withDetail("oldestPendingQueue", oldest.name()).withDetail("oldestPendingAge", age.toString());
        if (maxOldestPendingAge != null && age.compareTo(maxOldestPendingAge) > 0) {
            builder.down().withDetail("reason", "oldest pending message of queue '" + oldest.name() + "' is older than "
                    + "pgqrs.health.max-oldest-pending-age (" + maxOldestPendingAge + ")");
        } else {
            builder.up();
        }
    }
}
