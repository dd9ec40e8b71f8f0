package io.pgqrs.jdbi.internal;

import io.pgqrs.Message;
import io.pgqrs.MessageState;
import io.pgqrs.MessageFailure;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueRecord;
import io.pgqrs.SchemaMigration;
import io.pgqrs.SystemStats;
import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStatus;
import io.pgqrs.jdbi.SqlDialect;
import io.pgqrs.spi.ArchivedAndClaimed;
import io.pgqrs.spi.MessageTable;
import io.pgqrs.spi.NewMessage;
import io.pgqrs.spi.QueueTable;
import io.pgqrs.spi.SchemaAdmin;
import io.pgqrs.spi.StatsQueries;
import io.pgqrs.spi.WorkerTable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** The store ports over the SQL objects: one method, one labelled statement. */
public final class JdbiPorts {
    /** Message ids per read of their last failures. */
    private static final int FAILURES_PER_READ = 500;
    /** The pgqrs tables, children before parents. */
    private static final List<String> DROP_ORDER = List.of("pgqrs_schedules", "pgqrs_workflow_steps", "pgqrs_workflow_runs",
            "pgqrs_workflows", "pgqrs_message_failures", "pgqrs_messages", "pgqrs_workers", "pgqrs_queues",
            SchemaMigrator.VERSION_TABLE);

    private JdbiPorts() {
    }

    /** @param runner the statement runner @return the queue port */
    public static QueueTable queues(StatementRunner runner) {
        return new QueueTable() {
            @Override
            public Optional<QueueRecord> insert(String name, Instant at) {
                return runner.write("INSERT_QUEUE", QueueDao.class, d -> d.insertQueue(name, at));
            }

            @Override
            public Optional<QueueRecord> findByName(String name) {
                return runner.read("GET_QUEUE_BY_NAME", QueueDao.class, d -> d.getQueueByName(name));
            }

            @Override
            public Optional<QueueRecord> findById(long id) {
                return runner.read("GET_QUEUE", QueueDao.class, d -> d.getQueueById(id));
            }

            @Override
            public List<QueueRecord> list() {
                return runner.read("LIST_QUEUES", QueueDao.class, QueueDao::listQueues);
            }

            @Override
            public boolean delete(long id) {
                return runner.write("DELETE_QUEUE", QueueDao.class, d -> d.deleteQueue(id)) > 0;
            }
        };
    }

    /**
     * @param runner the statement runner
     * @param dialect the dialect
     * @return the message port
     */
    public static MessageTable messages(StatementRunner runner, SqlDialect dialect) {
        String insert = MessageDao.insert(dialect);
        KeyedInsert keyedInsert = new KeyedInsert(dialect);
        Claim claim = new Claim(dialect);
        // Every message is archived once: the statement runs without Jdbi's per-statement set-up where it can.
        PlainStatement<Long> archive = dialect.updateReturning() ? Updates.ARCHIVE.plain(dialect, rs -> rs.getLong(1)) : null;
        return new MessageTable() {
            @Override
            public List<Message> insert(long queueId, long producerId, List<NewMessage> rows, long delaySeconds, Instant at) {
                claim.levels().inserted(queueId, rows.stream().map(NewMessage::priority).collect(Collectors.toSet()));
                if (rows.stream().anyMatch(m -> m.idempotencyKey() != null)) {
                    return runner.atomically("INSERT_MESSAGES",
                            h -> keyedInsert.run(h, queueId, producerId, rows, delaySeconds, at));
                }
                return runner.withHandle("INSERT_MESSAGES", true, h -> sortedById(h.createQuery(insert)
                        .bind("queueId", queueId).bind("producerId", producerId)
                        .bindMethodsList("rows", rows, MessageDao.ROW_PROPERTIES)
                        .bind("delaySeconds", delaySeconds).bindByType("at", at, Instant.class).mapTo(Message.class).list()));
            }

            @Override
            public List<Message> claim(long queueId, long consumerId, int limit, long leaseSeconds, int maxReadCt, Instant at) {
                Binds binds = claimBinds(queueId, consumerId, limit, leaseSeconds, maxReadCt, at);
                return claim.run(runner, queueId, binds, limit);
            }

            @Override
            public Optional<ArchivedAndClaimed> archiveAndClaim(long consumerId, List<Long> ids, long queueId, int limit,
                                                                long leaseSeconds, int maxReadCt, Instant at) {
                Binds binds = claimBinds(queueId, consumerId, limit, leaseSeconds, maxReadCt, at).list("ids", ids);
                return Optional.of(claim.archiveThenRun(runner, queueId, binds, limit,
                        () -> archive(consumerId, ids, at)));
            }

            @Override
            public List<Long> archive(long consumerId, List<Long> ids, Instant at) {
                Binds binds = new Binds().bind("consumerId", consumerId).list("ids", ids).bind("at", at, Instant.class);
                if (archive == null || ids.isEmpty()) {
                    return idUpdate(runner, dialect, "ARCHIVE_MESSAGES", Updates.ARCHIVE, binds);
                }
                return runner.withHandle("ARCHIVE_MESSAGES", true, h -> archive.list(h, binds.params()));
            }

            @Override
            public List<Long> delete(long consumerId, List<Long> ids) {
                return runner.withHandle("DELETE_MESSAGES", true, h -> h.createQuery(MessageDao.DELETE)
                        .bind("consumerId", consumerId).bindList("ids", ids).mapTo(Long.class).list());
            }

            @Override
            public List<Long> extend(long consumerId, List<Long> ids, long seconds) {
                return idUpdate(runner, dialect, "EXTEND_VISIBILITY", Updates.EXTEND,
                        new Binds().bind("consumerId", consumerId).list("ids", ids).bind("seconds", seconds));
            }

            @Override
            public List<Long> release(long consumerId, List<Long> ids, long delaySeconds, Instant at) {
                return idUpdate(runner, dialect, "RELEASE_MESSAGES", Updates.RELEASE, new Binds().bind("consumerId", consumerId)
                        .list("ids", ids).bind("delaySeconds", delaySeconds).bind("at", at, Instant.class));
            }

            @Override
            public List<Long> postpone(long consumerId, List<Long> ids, long delaySeconds, Instant at) {
                return idUpdate(runner, dialect, "POSTPONE_MESSAGES", Updates.POSTPONE, new Binds().bind("consumerId", consumerId)
                        .list("ids", ids).bind("delaySeconds", delaySeconds).bind("at", at, Instant.class));
            }

            @Override
            public boolean wake(long id, Instant at) {
                return runner.write("WAKE_MESSAGE", MessageDao.class, d -> d.wakeMessage(id, at)) > 0;
            }

            @Override
            public List<Long> deadLetter(long consumerId, List<Long> ids, int minReadCt, Instant at) {
                return idUpdate(runner, dialect, "DEAD_LETTER_MESSAGES", Updates.DEAD_LETTER, new Binds().bind("consumerId", consumerId)
                        .list("ids", ids).bind("maxReadCt", minReadCt).bind("at", at, Instant.class));
            }

            @Override
            public void recordFailure(long messageId, int attempt, String error, Instant at) {
                runner.write("INSERT_MESSAGE_FAILURE", MessageDao.class, d -> {
                    d.insertFailure(messageId, attempt, error, at);
                    return null;
                });
            }

            @Override
            public List<MessageFailure> failures(long messageId) {
                return runner.read("LIST_MESSAGE_FAILURES", MessageDao.class, d -> d.listFailures(messageId));
            }

            @Override
            public Map<Long, MessageFailure> lastFailures(Collection<Long> messageIds) {
                // Chunks keep every statement well under the databases' limits on bound parameters.
                List<Long> ids = List.copyOf(messageIds);
                Map<Long, MessageFailure> last = new HashMap<>();
                for (int from = 0; from < ids.size(); from += FAILURES_PER_READ) {
                    List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + FAILURES_PER_READ));
                    runner.read("LAST_MESSAGE_FAILURES", MessageDao.class, d -> d.lastFailures(chunk))
                            .forEach(f -> last.put(f.messageId(), f));
                }
                return last;
            }

            @Override
            public long releaseAllHeldBy(long workerId, Instant at) {
                return runner.write("RELEASE_WORKER_MESSAGES", MessageDao.class, d -> d.releaseWorkerMessages(workerId, at));
            }

            @Override
            public Optional<Message> get(long id) {
                return runner.read("GET_MESSAGE", MessageDao.class, d -> d.getMessage(id));
            }

            @Override
            public List<Message> listLive(long queueId, int limit) {
                return runner.read("LIST_LIVE_MESSAGES", MessageDao.class, d -> d.listLiveMessages(queueId, limit));
            }

            @Override
            public List<Message> listArchived(long queueId, int minReadCt) {
                return runner.read("LIST_ARCHIVED_MESSAGES", MessageDao.class, d -> d.listArchivedMessages(queueId, minReadCt));
            }

            @Override
            public List<Message> page(long queueId, MessageState state, long beforeId, int limit, int maxReadCt, Instant at) {
                return runner.withHandle("PAGE_MESSAGES", false, h -> h.createQuery(MessageDao.page(state))
                        .bind("queueId", queueId).bind("beforeId", beforeId).bind("limit", limit)
                        .bind("maxReadCt", maxReadCt).bindByType("at", at, Instant.class).mapTo(Message.class).list());
            }

            @Override
            public List<Message> listHeldBy(long workerId) {
                return runner.read("LIST_WORKER_MESSAGES", MessageDao.class, d -> d.listWorkerMessages(workerId));
            }

            @Override
            public long countLiveHeldBy(long workerId) {
                return runner.read("COUNT_WORKER_MESSAGES", MessageDao.class, d -> d.countWorkerMessages(workerId));
            }

            @Override
            public List<Long> archiveDeadLetters(int maxReadCt, Instant at) {
                return idUpdate(runner, dialect, "ARCHIVE_DEAD_LETTERS", Updates.ARCHIVE_DEAD_LETTERS,
                        new Binds().bind("maxReadCt", maxReadCt).bind("at", at, Instant.class)).stream().sorted().toList();
            }

            @Override
            public Optional<Message> replay(long id, Instant at) {
                return messageUpdate(runner, dialect, "REPLAY_MESSAGE", Updates.REPLAY,
                        new Binds().bind("id", id).bind("at", at, Instant.class)).stream().findFirst();
            }

            @Override
            public Optional<Message> redrive(long id, int minReadCt, String headers, Instant at) {
                return messageUpdate(runner, dialect, "REDRIVE_MESSAGE", Updates.REDRIVE, new Binds().bind("id", id)
                        .bind("maxReadCt", minReadCt).bind("headers", headers, String.class).bind("at", at, Instant.class))
                        .stream().findFirst();
            }

            @Override
            public long deleteByQueue(long queueId) {
                return runner.write("DELETE_QUEUE_MESSAGES", MessageDao.class, d -> d.deleteQueueMessages(queueId));
            }

            @Override
            public long countByQueue(long queueId) {
                return runner.read("COUNT_QUEUE_MESSAGES", MessageDao.class, d -> d.countQueueMessages(queueId));
            }

            @Override
            public long countReferencing(long workerId) {
                return runner.read("COUNT_WORKER_REFERENCES", MessageDao.class, d -> d.countWorkerReferences(workerId));
            }
        };
    }

    /**
     * @param runner the statement runner
     * @param dialect the dialect
     * @return the worker port
     */
    public static WorkerTable workers(StatementRunner runner, SqlDialect dialect) {
        return new WorkerTable() {
            @Override
            public Optional<WorkerRecord> insert(Long queueId, String name, Instant at) {
                return runner.write("INSERT_WORKER", WorkerDao.class, d -> d.insertWorker(queueId, name, at));
            }

            @Override
            public Optional<WorkerRecord> reactivate(String name, Long queueId, Instant at) {
                return returningUpdate(runner, dialect, "REACTIVATE_WORKER", Updates.REACTIVATE_WORKER,
                        new Binds().bind("name", name, String.class).bind("queueId", queueId, Long.class).bind("at", at, Instant.class),
                        WorkerRecord.class, WorkerRecord::id).stream().findFirst();
            }

            @Override
            public Optional<WorkerRecord> findByName(String name) {
                return runner.read("GET_WORKER_BY_NAME", WorkerDao.class, d -> d.getWorkerByName(name));
            }

            @Override
            public Optional<WorkerRecord> get(long id) {
                return runner.read("GET_WORKER", WorkerDao.class, d -> d.getWorker(id));
            }

            @Override
            public List<WorkerRecord> list(Long queueId) {
                return queueId == null
                        ? runner.read("LIST_WORKERS", WorkerDao.class, WorkerDao::listWorkers)
                        : runner.read("LIST_QUEUE_WORKERS", WorkerDao.class, d -> d.listQueueWorkers(queueId));
            }

            @Override
            public boolean transition(long id, Set<WorkerStatus> from, WorkerStatus to, Instant at) {
                return runner.write("TRANSITION_WORKER", WorkerDao.class,
                        d -> d.transitionWorker(id, storageNames(from), to.storageName(), at)) > 0;
            }

            @Override
            public boolean heartbeat(long id, Instant at) {
                return runner.write("HEARTBEAT_WORKER", WorkerDao.class, d -> d.heartbeatWorker(id, at)) > 0;
            }

            @Override
            public List<WorkerRecord> listStale(long queueId, Set<WorkerStatus> statuses, long olderThanSeconds, Instant at) {
                return runner.read("LIST_STALE_WORKERS", WorkerDao.class,
                        d -> d.listStaleWorkers(queueId, storageNames(statuses), olderThanSeconds, at));
            }

            @Override
            public long deleteStopped(long olderThanSeconds, Instant at) {
                return runner.write("DELETE_STOPPED_WORKERS", WorkerDao.class, d -> d.deleteStoppedWorkers(olderThanSeconds, at));
            }

            @Override
            public boolean delete(long id) {
                return runner.write("DELETE_WORKER", WorkerDao.class, d -> d.deleteWorker(id)) > 0;
            }

            @Override
            public long deleteByQueue(long queueId) {
                return runner.write("DELETE_QUEUE_WORKERS", WorkerDao.class, d -> d.deleteQueueWorkers(queueId));
            }

            @Override
            public long countByQueue(long queueId) {
                return runner.read("COUNT_QUEUE_WORKERS", WorkerDao.class, d -> d.countQueueWorkers(queueId));
            }
        };
    }

    /** @param runner the statement runner @return the statistics port */
    public static StatsQueries stats(StatementRunner runner) {
        return new StatsQueries() {
            @Override
            public List<QueueMetrics> queueMetrics(Long queueId, int maxReadCt, Instant at) {
                return runner.read("QUEUE_METRICS", StatsDao.class, d -> d.queueMetrics(queueId, maxReadCt, at));
            }

            @Override
            public SystemStats systemStats(Instant at) {
                return runner.read("SYSTEM_STATS", StatsDao.class, d -> d.systemStats(at));
            }
        };
    }

    /**
     * @param runner the statement runner
     * @param dialect the dialect with the DDL
     * @return the schema port
     */
    public static SchemaAdmin schema(StatementRunner runner, SqlDialect dialect) {
        SchemaMigrator migrator = new SchemaMigrator(runner, dialect);
        return new SchemaAdmin() {
            @Override
            public void install() {
                migrator.migrate();
            }

            @Override
            public int installedVersion() {
                return migrator.installedVersion();
            }

            @Override
            public int latestVersion() {
                return migrator.latestVersion();
            }

            @Override
            public List<SchemaMigration> pendingMigrations() {
                return migrator.pending();
            }

            @Override
            public List<String> missingTables(List<String> tables) {
                return runner.withHandle("TABLE_EXISTS", false, h -> tables.stream()
                        .filter(t -> h.createQuery(dialect.tableExistsQuery()).bind("name", t).mapTo(Long.class).one() == 0)
                        .toList());
            }

            @Override
            public long countMessagesWithoutQueue() {
                return runner.read("COUNT_MESSAGES_WITHOUT_QUEUE", SchemaDao.class, SchemaDao::countMessagesWithoutQueue);
            }

            @Override
            public long countMessagesWithoutWorker() {
                return runner.read("COUNT_MESSAGES_WITHOUT_WORKER", SchemaDao.class, SchemaDao::countMessagesWithoutWorker);
            }

            @Override
            public void uninstall() {
                runner.inTransaction(() -> runner.withHandle("UNINSTALL", true, h -> {
                    DROP_ORDER.forEach(table -> h.execute("DROP TABLE IF EXISTS " + table));
                    dialect.uninstallExtras().forEach(h::execute);
                    return null;
                }));
            }
        };
    }

    private static List<Message> messageUpdate(StatementRunner runner, SqlDialect dialect, String label, ReturningUpdate update,
            Binds binds) {
        return returningUpdate(runner, dialect, label, update, binds, Message.class, Message::id);
    }

    /** @return what {@link Claim} binds for a claim of {@code limit} messages of queue {@code queueId} */
    private static Binds claimBinds(long queueId, long consumerId, int limit, long leaseSeconds, int maxReadCt, Instant at) {
        return new Binds().bind("queueId", queueId).bind("consumerId", consumerId).bind("limit", limit)
                .bind("leaseSeconds", leaseSeconds).bind("maxReadCt", maxReadCt).bind("at", at, Instant.class);
    }

    private static List<Long> idUpdate(StatementRunner runner, SqlDialect dialect, String label, ReturningUpdate update,
            Binds binds) {
        return returningUpdate(runner, dialect, label, update, binds, Long.class, Long::longValue);
    }

    /** One statement where the database returns rows from an UPDATE; else three, in one transaction. */
    static <T> List<T> returningUpdate(StatementRunner runner, SqlDialect dialect, String label, ReturningUpdate update,
            Binds binds, Class<T> type, ToLongFunction<T> idOf) {
        if (dialect.updateReturning()) {
            return runner.withHandle(label, true, h -> update.run(h, dialect, binds, type, idOf));
        }
        return runner.atomically(label, h -> update.run(h, dialect, binds, type, idOf));
    }

    private static List<String> storageNames(Collection<WorkerStatus> statuses) {
        return statuses.stream().map(WorkerStatus::storageName).sorted().toList();
    }

    private static List<Message> sortedById(List<Message> messages) {
        return messages.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }
}
