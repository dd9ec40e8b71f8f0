package io.pgqrs.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer meters for one pgqrs connection. Register it as the connection's observer; it counts what the
 * connection does and, from the moment the connection opens, refreshes the queue-depth gauges with one background query
 * every interval (a scrape never queries the store).
 *
 * <pre>{@code
 * PgqrsMetrics metrics = PgqrsMetrics.of(registry);
 * try (Pgqrs pgqrs = Pgqrs.connect(Config.builder(dsn).observer(metrics).build())) { … }
 * }</pre>
 *
 * <p>Every meter carries the tags {@code queue} and {@code backend}:
 * <ul>
 *   <li>counters {@code pgqrs.messages.enqueued}, {@code .dequeued}, {@code .archived}, {@code .deleted},
 *       {@code .released}, {@code .dead_lettered} and {@code pgqrs.handler.failures};</li>
 *   <li>timers {@code pgqrs.enqueue.duration} and {@code pgqrs.dequeue.duration} (store time of the call),
 *       {@code pgqrs.handler.duration} (tag {@code outcome}: {@code success} or {@code failure}) and
 *       {@code pgqrs.messages.age} (from enqueue to a worker handler's success);</li>
 *   <li>gauges {@code pgqrs.queue.pending}, {@code pgqrs.queue.locked}, {@code pgqrs.queue.archived} and the time gauge
 *       {@code pgqrs.queue.oldest_pending.age}.</li>
 * </ul>
 * Counters and timers see this connection's work only; gauges show the whole store.
 */
public final class PgqrsMetrics implements QueueObserver {
    /** How often the gauges are refreshed unless told otherwise. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(PgqrsMetrics.class);

    private final MeterRegistry registry;
    private final Duration refresh;
    private final Map<String, QueueMeters> meters = new ConcurrentHashMap<>();
    private final Map<String, QueueGauges> gauges = new ConcurrentHashMap<>();
    private volatile String backend = "unknown";
    private volatile Pgqrs pgqrs;
    private volatile ScheduledExecutorService refresher;

    private PgqrsMetrics(MeterRegistry registry, Duration refresh) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (refresh.isZero() || refresh.isNegative()) {
            throw new IllegalArgumentException("the gauge refresh interval must be positive, got " + refresh);
        }
        this.refresh = refresh;
    }

    /**
     * @param registry where the meters go
     * @return meters whose gauges are refreshed every {@link #DEFAULT_REFRESH}
     */
    public static PgqrsMetrics of(MeterRegistry registry) {
        return of(registry, DEFAULT_REFRESH);
    }

    /**
     * @param registry where the meters go
     * @param refresh how often the gauges are refreshed, with one query
     * @return the meters
     */
    public static PgqrsMetrics of(MeterRegistry registry, Duration refresh) {
        return new PgqrsMetrics(registry, refresh);
    }

    @Override
    public void opened(Pgqrs connection) {
        backend = connection.backendName();
        pgqrs = connection;
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pgqrs-metrics-" + backend);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        refresher = scheduler;
    }

    @Override
    public void closing(Pgqrs connection) {
        ScheduledExecutorService scheduler = refresher;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        pgqrs = null;
    }

    /**
     * Reads every queue's depth now (one query) and sets the gauges; the background refresh calls it every interval.
     * Gauges of queues that are gone are removed.
     *
     * @throws IllegalStateException when the connection is not open
     */
    public void refresh() {
        Pgqrs connection = pgqrs;
        if (connection == null) {
            throw new IllegalStateException("PgqrsMetrics is not the observer of an open connection: pass it to "
                    + "Config.Builder.observer before Pgqrs.connect");
        }
        List<QueueMetrics> all = connection.admin().allQueueMetrics();
        Instant now = Instant.now();
        Set<String> seen = new HashSet<>();
        for (QueueMetrics queue : all) {
            seen.add(queue.name());
            gauges.computeIfAbsent(queue.name(), name -> new QueueGauges(registry, tags(name))).update(queue, now);
        }
        gauges.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            e.getValue().remove(registry);
            return true;
        });
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            if (e instanceof PgqrsException p && p.kind() == ErrorKind.SCHEMA_VALIDATION) {
                LOG.debug("pgqrs is not installed in the store yet; the queue gauges wait for it");
            } else {
                LOG.warn("Refreshing the pgqrs queue gauges failed; they keep their last values until the next refresh", e);
            }
        }
    }

    private Tags tags(String queue) {
        return Tags.of("queue", queue, "backend", backend);
    }

    private QueueMeters meters(String queue) {
        return meters.computeIfAbsent(queue, name -> new QueueMeters(registry, tags(name)));
    }

    @Override
    public void enqueued(String queue, List<Message> messages, Duration took) {
        QueueMeters m = meters(queue);
        m.enqueued.increment(messages.size());
        m.enqueueLatency.record(took);
    }

    @Override
    public void dequeued(String queue, int messages, Duration took) {
        QueueMeters m = meters(queue);
        m.dequeued.increment(messages);
        m.dequeueLatency.record(took);
    }

    @Override
    public void archived(String queue, int messages) {
        meters(queue).archived.increment(messages);
    }

    @Override
    public void deleted(String queue, int messages) {
        meters(queue).deleted.increment(messages);
    }

    @Override
    public void released(String queue, int messages) {
        meters(queue).released.increment(messages);
    }

    @Override
    public void deadLettered(String queue, int messages) {
        meters(queue).deadLettered.increment(messages);
    }

    @Override
    public void handled(String queue, List<Message> messages, Duration took, Throwable failure) {
        QueueMeters m = meters(queue);
        if (failure != null) {
            m.handlerFailures.increment();
            m.handlerFailure.record(took);
            return;
        }
        m.handlerSuccess.record(took);
        Instant now = Instant.now();
        for (Message message : messages) {
            if (message.enqueuedAt() != null) {
                m.age.record(Duration.between(message.enqueuedAt(), now));
            }
        }
    }

    @Override
    public String toString() {
        return "PgqrsMetrics{registry=" + registry.getClass().getSimpleName() + ", refresh=" + refresh + "}";
    }
}
