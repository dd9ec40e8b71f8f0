package io.pgqrs.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueMetrics;
import io.pgqrs.StoreObserver;
import io.pgqrs.spi.PooledStore;
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
 * every interval (a scrape never queries the store). As a {@link StoreObserver} it also meters what the backend
 * reports, and when the connection opens it attaches HikariCP's own tracker to the store's connection pools.
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
 *
 * <p>Backend meters carry the tag {@code backend} only, are named after the backend that reports them and appear with
 * its first report (a backend shows only the events it has):
 * <ul>
 *   <li>a store kept as one object (S3): counter {@code pgqrs.s3.puts} (every conditional PUT sent), timer
 *       {@code pgqrs.s3.put.latency} (tag {@code outcome}: {@code published}, {@code conflict} or {@code failed}),
 *       distribution summary {@code pgqrs.s3.put.messages} (message writes per published revision), counters
 *       {@code pgqrs.s3.conflicts} (PUTs that lost the compare-and-swap) and {@code pgqrs.s3.replays} (batches run
 *       again on the newer revision);</li>
 *   <li>a store with a notification listener (PostgreSQL): counter {@code pgqrs.postgres.listener.reconnects};</li>
 *   <li>a store with HikariCP pools ({@link PooledStore}; PostgreSQL, SQLite, MariaDB) when HikariCP is on the path:
 *       HikariCP's own meters ({@code hikaricp.connections}, {@code hikaricp.connections.active}, {@code .idle},
 *       {@code .pending}, {@code .max}, {@code .min}, timers {@code hikaricp.connections.acquire}, {@code .usage},
 *       {@code .creation}, counter {@code .timeout}), tagged {@code pool} with the pool's name, removed by HikariCP
 *       when the pool closes. A pool that already reports to a registry keeps it.</li>
 * </ul>
 */
public final class PgqrsMetrics implements StoreObserver {
    /** How often the gauges are refreshed unless told otherwise. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(PgqrsMetrics.class);
    private static final boolean HIKARI_READABLE = hikariReadable();

    private final MeterRegistry registry;
    private final Duration refresh;
    private final Map<String, QueueMeters> meters = new ConcurrentHashMap<>();
    private final Map<String, QueueGauges> gauges = new ConcurrentHashMap<>();
    private final Map<String, BackendMeters> backendMeters = new ConcurrentHashMap<>();
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

    /**
     * Starts the gauge refresh and attaches HikariCP's tracker to the store's pools.
     *
     * @param connection the connection
     */
    @Override
    public void opened(Pgqrs connection) {
        backend = connection.backendName();
        pgqrs = connection;
        connection.store().unwrap(PooledStore.class).ifPresent(pools -> bindPools(pools, backend));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pgqrs-metrics-" + backend);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        refresher = scheduler;
    }

    private void bindPools(PooledStore store, String backendName) {
        if (!HIKARI_READABLE) {
            LOG.debug("HikariCP is not on the path: the {} store's pools have no meters here", backendName);
            return;
        }
        try {
            HikariPoolMeters.bind(store.connectionPools(), registry);
        } catch (LinkageError e) {
            LOG.warn("HikariCP's Micrometer tracker could not be attached to the {} store's pools; they have no meters",
                    backendName, e);
        }
    }

    /** @return whether HikariCP can be used from here: on the class path, or a module this one reads */
    private static boolean hikariReadable() {
        try {
            Class<?> hikari = Class.forName("com.zaxxer.hikari.HikariDataSource", false,
                    PgqrsMetrics.class.getClassLoader());
            return PgqrsMetrics.class.getModule().canRead(hikari.getModule());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
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

    private BackendMeters backendMeters() {
        return backendMeters.computeIfAbsent(backend, name -> new BackendMeters(registry, name));
    }

    @Override
    public void objectWritten(WriteOutcome outcome, Duration took) {
        backendMeters().objectWritten(outcome, took);
    }

    @Override
    public void revisionPublished(int messages) {
        backendMeters().revisionPublished(messages);
    }

    @Override
    public void replayed(int operations) {
        backendMeters().replayed();
    }

    @Override
    public void listenerReconnected(Duration down) {
        backendMeters().listenerReconnected();
    }

    @Override
    public String toString() {
        return "PgqrsMetrics{registry=" + registry.getClass().getSimpleName() + ", refresh=" + refresh + "}";
    }
}
