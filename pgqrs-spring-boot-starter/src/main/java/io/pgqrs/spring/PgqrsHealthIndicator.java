package io.pgqrs.spring;

import io.pgqrs.Pgqrs;
import io.pgqrs.QueueMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the pgqrs store (contributor {@code pgqrs}): UP when the store answers one
 * {@link io.pgqrs.Admin#allQueueMetrics()} query (the same one the metrics gauges run); DOWN when it cannot be reached
 * or its tables are missing, or when the oldest pending message of a queue is older than
 * {@code pgqrs.health.max-oldest-pending-age}. Details: backend, queues, pending and locked messages, and the oldest
 * pending message's queue and age. {@link io.pgqrs.Admin#verify()} is not run per probe: its consistency counts read
 * every message.
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
        List<QueueMetrics> queues = pgqrs.admin().allQueueMetrics();
        builder.withDetail("backend", pgqrs.backendName())
                .withDetail("queues", queues.size())
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
