package io.pgqrs.internal.admin;

import io.pgqrs.Admin;
import io.pgqrs.Message;
import io.pgqrs.MessageState;
import io.pgqrs.MessageFailure;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueRecord;
import io.pgqrs.Redrive;
import io.pgqrs.RedriveFilter;
import io.pgqrs.SchemaMigration;
import io.pgqrs.SchemaVersion;
import io.pgqrs.SystemStats;
import io.pgqrs.Worker;
import io.pgqrs.WorkerHealthStats;
import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStats;
import io.pgqrs.WorkerStatus;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.validation.NameRules;
import io.pgqrs.internal.worker.Registration;
import io.pgqrs.internal.worker.WorkerHandle;
import io.pgqrs.internal.worker.WorkerTransition;
import io.pgqrs.spi.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin operations written once over the store ports. */
public final class DefaultAdmin implements Admin {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultAdmin.class);
    /** The reference implementation's tables, checked before the version: without them the store is not installed. */
    private static final List<String> REFERENCE_TABLES = List.of("pgqrs_queues", "pgqrs_workers", "pgqrs_messages");
    /** Tables of this library's migrations, checked after the version, which says what to run when they lack. */
    private static final List<String> MIGRATED_TABLES = List.of("pgqrs_message_failures", "pgqrs_schedules");
    private static final Map<String, String> TABLE_ROLES = Map.of(
            "pgqrs_queues", "Queue repository table",
            "pgqrs_workers", "Worker repository table",
            "pgqrs_messages", "Unified messages table",
            "pgqrs_message_failures", "Message failures table",
            "pgqrs_schedules", "Schedules table");
    private static final EnumSet<WorkerStatus> LIVE = EnumSet.of(
            WorkerStatus.READY, WorkerStatus.POLLING, WorkerStatus.SUSPENDED, WorkerStatus.INTERRUPTED);
    private static final int LIST_LIMIT = 1000;

    private final Engine engine;
    private final Store store;

    /** @param engine the connection */
    public DefaultAdmin(Engine engine) {
        this.engine = engine;
        this.store = engine.store();
    }

    @Override
    public void install() {
        store.schema().install();
        LOG.info("pgqrs installed ({} store, schema version {})", store.backendName(), store.schema().latestVersion());
    }

    @Override
    public void verify() {
        SchemaVersion version = schemaVersion();
        if (version.isNewer()) {
            throw PgqrsException.schemaNewerThanLibrary(version);
        }
        requireTables(REFERENCE_TABLES);
        if (version.isOlder()) {
            throw PgqrsException.schemaOlderThanLibrary(version);
        }
        requireTables(MIGRATED_TABLES);
        long orphanedByQueue = store.schema().countMessagesWithoutQueue();
        if (orphanedByQueue > 0) {
            throw PgqrsException.schemaValidation("Found " + orphanedByQueue + " messages with invalid queue_id references");
        }
        long orphanedByWorker = store.schema().countMessagesWithoutWorker();
        if (orphanedByWorker > 0) {
            throw PgqrsException.schemaValidation("Found " + orphanedByWorker + " messages with invalid worker refs");
        }
    }

    private void requireTables(List<String> tables) {
        List<String> missing = store.schema().missingTables(tables);
        if (!missing.isEmpty()) {
            String table = missing.get(0);
            throw PgqrsException.schemaValidation(TABLE_ROLES.get(table) + " ('" + table
                    + "') does not exist: run `pgqrs admin install` or Admin.install()");
        }
    }

    @Override
    public SchemaVersion schemaVersion() {
        return new SchemaVersion(store.schema().installedVersion(), store.schema().latestVersion());
    }

    @Override
    public List<SchemaMigration> migrationPlan() {
        return store.schema().pendingMigrations();
    }

    @Override
    public void uninstall() {
        store.schema().uninstall();
        LOG.info("pgqrs uninstalled ({} store)", store.backendName());
    }

    @Override
    public QueueRecord createQueue(String name) {
        NameRules.requireQueueName(name);
        engine.schema().requireNotNewer();
        QueueRecord created = store.queues().insert(name, engine.at()).orElseThrow(() -> PgqrsException.queueAlreadyExists(name));
        LOG.info("Queue '{}' created (id {})", name, created.id());
        return created;
    }

    @Override
    public QueueRecord getQueue(String name) {
        return engine.requireQueue(name);
    }

    @Override
    public List<QueueRecord> listQueues() {
        return store.queues().list();
    }

    @Override
    public void deleteQueue(String name) {
        store.inTransaction(() -> {
            QueueRecord queue = engine.requireQueue(name);
            long workers = store.workers().countByQueue(queue.id());
            if (workers > 0) {
                throw PgqrsException.validationFailed("Cannot delete queue '" + name + "': " + workers
                        + " worker(s) are still assigned to this queue. Delete workers first.");
            }
            long schedules = store.schedules().countByQueue(queue.id());
            if (schedules > 0) {
                throw PgqrsException.validationFailed("Cannot delete queue '" + name + "': " + schedules
                        + " schedule(s) enqueue on it. Delete or re-target those schedules first (`pgqrs schedule list`).");
            }
            long messages = store.messages().countByQueue(queue.id());
            if (messages > 0) {
                throw PgqrsException.validationFailed("Cannot delete queue '" + name + "': " + messages
                        + " references exist in messages table. Purge data first.");
            }
            return store.queues().delete(queue.id());
        });
        LOG.info("Queue '{}' deleted", name);
    }

    @Override
    public void purgeQueue(String name) {
        long[] counts = store.inTransaction(() -> {
            QueueRecord queue = engine.requireQueue(name);
            return new long[] {store.messages().deleteByQueue(queue.id()), store.workers().deleteByQueue(queue.id())};
        });
        LOG.info("Queue '{}' purged: {} messages and {} workers deleted", name, counts[0], counts[1]);
    }

    @Override
    public List<Message> listMessages(String queue) {
        return store.messages().listLive(engine.requireQueue(queue).id(), LIST_LIMIT);
    }

    @Override
    public List<Message> browseMessages(String queue, MessageState state, long beforeId, int limit) {
        Objects.requireNonNull(state, "state");
        if (limit < 1 || limit > LIST_LIMIT) {
            throw PgqrsException.validationFailed("a page of messages holds 1 to " + LIST_LIMIT + " messages, got " + limit);
        }
        return store.messages().page(engine.requireQueue(queue).id(), state, beforeId, limit, engine.config().maxReadCt(),
                engine.at());
    }

    @Override
    public Message getMessage(long id) {
        return store.messages().get(id).orElseThrow(() -> PgqrsException.notFound("message", id));
    }

    @Override
    public List<Long> archiveDeadLetters() {
        return store.messages().archiveDeadLetters(engine.config().maxReadCt(), engine.at());
    }

    @Override
    public List<Message> listDeadLetters(String queue) {
        return store.messages().listArchived(engine.requireQueue(queue).id(), engine.config().maxReadCt());
    }

    @Override
    public List<MessageFailure> failures(long id) {
        return store.messages().failures(id);
    }

    @Override
    public Map<Long, MessageFailure> lastFailures(Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : store.messages().lastFailures(ids);
    }

    @Override
    public Optional<Message> replayDeadLetter(long id) {
        Optional<Message> replayed = store.messages().replay(id, engine.at());
        replayed.ifPresent(m -> engine.signals().fire(m.queueId()));
        return replayed;
    }

    @Override
    public Redrive redrive(String queue, long limit, int ratePerSecond) {
        return redrive(queue, limit, ratePerSecond, RedriveFilter.all());
    }

    @Override
    public Redrive redrive(String queue, long limit, int ratePerSecond, RedriveFilter filter) {
        return RedriveJob.start(engine, queue, limit, ratePerSecond, filter);
    }

    @Override
    public QueueMetrics queueMetrics(String queue) {
        QueueRecord q = engine.requireQueue(queue);
        return store.stats().queueMetrics(q.id(), engine.config().maxReadCt(), engine.at()).stream().findFirst()
                .orElseThrow(() -> PgqrsException.queueNotFound(queue));
    }

    @Override
    public List<QueueMetrics> allQueueMetrics() {
        return store.stats().queueMetrics(null, engine.config().maxReadCt(), engine.at());
    }

    @Override
    public SystemStats systemStats() {
        return store.stats().systemStats(engine.at());
    }

    @Override
    public List<WorkerRecord> listWorkers() {
        return store.workers().list(null);
    }

    @Override
    public List<WorkerRecord> listWorkers(String queue) {
        return store.workers().list(engine.requireQueue(queue).id());
    }

    @Override
    public Worker worker(long id) {
        WorkerRecord record = requireWorker(id);
        String queueName = record.queueId() == null ? null
                : store.queues().findById(record.queueId()).map(QueueRecord::name).orElse(null);
        return new WorkerHandle(engine, record, queueName);
    }

    @Override
    public Worker registerAdmin(String name) {
        return new WorkerHandle(engine, Registration.register(engine, null, name), null);
    }

    @Override
    public List<Message> workerMessages(long workerId) {
        WorkerRecord worker = requireWorker(workerId);
        if (worker.queueId() == null) {
            throw PgqrsException.validationFailed("Cannot get messages for admin worker");
        }
        return store.messages().listHeldBy(workerId);
    }

    @Override
    public long releaseWorkerMessages(long workerId) {
        return store.messages().releaseAllHeldBy(workerId, engine.at());
    }

    @Override
    public boolean deleteWorker(long workerId) {
        return store.inTransaction(() -> {
            long references = store.messages().countReferencing(workerId);
            if (references > 0) {
                throw PgqrsException.validationFailed("Worker has " + references
                        + " references (associated messages/archives): purge the queue or delete those messages first");
            }
            return store.workers().delete(workerId);
        });
    }

    @Override
    public long purgeOldWorkers(Duration olderThan) {
        return store.workers().deleteStopped(olderThan.toSeconds(), engine.at());
    }

    @Override
    public List<WorkerRecord> listZombies(String queue, Duration olderThan) {
        return store.workers().listStale(engine.requireQueue(queue).id(), LIVE, olderThan.toSeconds(), engine.at());
    }

    @Override
    public long reclaimMessages(String queue, Duration olderThan) {
        Duration age = olderThan == null ? engine.config().heartbeatInterval() : olderThan;
        QueueRecord q = engine.requireQueue(queue);
        long released = store.inTransaction(() -> {
            long total = 0;
            for (WorkerRecord zombie : store.workers().listStale(q.id(), LIVE, age.toSeconds(), engine.at())) {
                total += store.messages().releaseAllHeldBy(zombie.id(), engine.at());
                store.workers().transition(zombie.id(), WorkerTransition.MARK_STOPPED.from(), WorkerStatus.STOPPED, engine.at());
                LOG.info("Reclaimed zombie worker {} ('{}') of queue '{}'", zombie.id(), zombie.name(), queue);
            }
            return total;
        });
        if (released > 0) {
            engine.signals().fire(q.id());
        }
        return released;
    }

    @Override
    public WorkerStats workerStats(String queue) {
        QueueRecord q = engine.requireQueue(queue);
        List<WorkerRecord> workers = store.workers().list(q.id());
        Map<WorkerStatus, Long> byStatus = countByStatus(workers);
        long held = workers.stream().mapToLong(w -> store.messages().countLiveHeldBy(w.id())).sum();
        var now = engine.now();
        Duration oldest = workers.stream().map(w -> Duration.between(w.startedAt(), now))
                .max(Duration::compareTo).orElse(Duration.ZERO);
        Duration newestHeartbeat = workers.stream().map(w -> Duration.between(w.heartbeatAt(), now))
                .min(Duration::compareTo).orElse(Duration.ZERO);
        return new WorkerStats(workers.size(), byStatus.get(WorkerStatus.READY), byStatus.get(WorkerStatus.POLLING),
                byStatus.get(WorkerStatus.INTERRUPTED), byStatus.get(WorkerStatus.SUSPENDED), byStatus.get(WorkerStatus.STOPPED),
                workers.isEmpty() ? 0.0 : (double) held / workers.size(), oldest, newestHeartbeat);
    }

    @Override
    public List<WorkerHealthStats> workerHealth(Duration heartbeatTimeout, boolean groupByQueue) {
        List<WorkerRecord> workers = store.workers().list(null);
        var staleBefore = engine.now().minus(heartbeatTimeout);
        if (!groupByQueue) {
            return List.of(health("Global", workers, staleBefore));
        }
        Map<Long, String> queueNames = store.queues().list().stream()
                .collect(Collectors.toMap(QueueRecord::id, QueueRecord::name));
        Function<WorkerRecord, String> group = w -> w.queueId() == null ? "Admin" : queueNames.getOrDefault(w.queueId(), "?");
        return workers.stream().collect(Collectors.groupingBy(group)).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> health(e.getKey(), e.getValue(), staleBefore))
                .toList();
    }

    private static WorkerHealthStats health(String name, List<WorkerRecord> workers, Instant staleBefore) {
        Map<WorkerStatus, Long> byStatus = countByStatus(workers);
        long stale = workers.stream()
                .filter(w -> w.status() == WorkerStatus.READY || w.status() == WorkerStatus.POLLING)
                .filter(w -> w.heartbeatAt().isBefore(staleBefore))
                .count();
        return new WorkerHealthStats(name, workers.size(), byStatus.get(WorkerStatus.READY), byStatus.get(WorkerStatus.POLLING),
                byStatus.get(WorkerStatus.INTERRUPTED), byStatus.get(WorkerStatus.SUSPENDED), byStatus.get(WorkerStatus.STOPPED), stale);
    }

    private static Map<WorkerStatus, Long> countByStatus(List<WorkerRecord> workers) {
        Map<WorkerStatus, Long> counts = new EnumMap<>(WorkerStatus.class);
        for (WorkerStatus s : WorkerStatus.values()) {
            counts.put(s, 0L);
        }
        workers.forEach(w -> counts.merge(w.status(), 1L, Long::sum));
        return counts;
    }

    private WorkerRecord requireWorker(long id) {
        return store.workers().get(id).orElseThrow(() -> PgqrsException.workerNotFound(id));
    }
}
