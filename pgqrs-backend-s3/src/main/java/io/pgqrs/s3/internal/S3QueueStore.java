package io.pgqrs.s3.internal;

import io.pgqrs.ConcurrencyModel;
import io.pgqrs.Config;
import io.pgqrs.DurabilityMode;
import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.s3.S3Store;
import io.pgqrs.s3.SyncState;
import io.pgqrs.spi.MessageTable;
import io.pgqrs.spi.QueueTable;
import io.pgqrs.spi.RunTable;
import io.pgqrs.spi.ScheduleTable;
import io.pgqrs.spi.SchemaAdmin;
import io.pgqrs.spi.StatsQueries;
import io.pgqrs.spi.StepTable;
import io.pgqrs.spi.Store;
import io.pgqrs.spi.WorkerTable;
import io.pgqrs.spi.WorkflowTable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A store kept as one SQLite object in S3. Every port call becomes an operation on the local SQLite copy, run
 * through the mode's gate: the group committer (durable) or a lock (local). Its PUTs, the revisions they publish and
 * the committer's replays are reported to the configuration's {@link io.pgqrs.StoreObserver}s.
 */
public final class S3QueueStore implements Store, S3Store {
    private static final Logger LOG = LoggerFactory.getLogger(S3QueueStore.class);

    private final Config config;
    private final S3Client client;
    private final CacheDirectory dir;
    private final LocalReplica replica;
    private final Revisions revisions;
    private final Gate gate;
    private final QueueTable queues;
    private final MessageTable messages;
    private final WorkerTable workers;
    private final WorkflowTable workflows;
    private final RunTable runs;
    private final StepTable steps;
    private final ScheduleTable schedules;
    private final StatsQueries stats;
    private final SchemaAdmin schema;

    /**
     * @param config the configuration
     * @param location the object
     * @param client the S3 client, owned by the store from now on
     * @param dir the locked cache directory, owned by the store from now on
     */
    public S3QueueStore(Config config, S3Location location, S3Client client, CacheDirectory dir) {
        this.config = config;
        this.client = client;
        this.dir = dir;
        this.replica = new LocalReplica(dir, location, config);
        RemoteObject remote = new RemoteObject(client, location);
        String object = location.bucket() + "/" + location.key();
        this.revisions = new Revisions(replica, remote, config.storeObserver());
        this.gate = config.s3Mode() == DurabilityMode.DURABLE
                ? new GroupCommitter(replica, revisions, new TurnRequests(remote, object), object,
                        config.connectionTimeout(), config.storeObserver())
                : new LocalGate(replica, object);
        this.queues = PortRouter.route(QueueTable.class, Store::queues, m -> true, gate);
        this.messages = PortRouter.route(MessageTable.class, Store::messages, m -> true, gate);
        this.workers = PortRouter.route(WorkerTable.class, Store::workers, m -> true, gate);
        this.workflows = PortRouter.route(WorkflowTable.class, Store::workflows, m -> true, gate);
        this.runs = PortRouter.route(RunTable.class, Store::runs, m -> true, gate);
        this.steps = PortRouter.route(StepTable.class, Store::steps, m -> true, gate);
        this.schedules = PortRouter.route(ScheduleTable.class, Store::schedules, m -> true, gate);
        this.stats = PortRouter.route(StatsQueries.class, Store::stats, m -> true, gate);
        this.schema = PortRouter.route(SchemaAdmin.class, Store::schema, m -> !m.getName().equals("install"), gate);
    }

    @Override
    public String backendName() {
        return "s3";
    }

    @Override
    public ConcurrencyModel concurrencyModel() {
        return config.s3Mode() == DurabilityMode.DURABLE ? ConcurrencyModel.MULTI_PROCESS : ConcurrencyModel.SINGLE_PROCESS;
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public QueueTable queues() {
        return queues;
    }

    @Override
    public MessageTable messages() {
        return messages;
    }

    @Override
    public WorkerTable workers() {
        return workers;
    }

    @Override
    public WorkflowTable workflows() {
        return workflows;
    }

    @Override
    public RunTable runs() {
        return runs;
    }

    @Override
    public StepTable steps() {
        return steps;
    }

    @Override
    public ScheduleTable schedules() {
        return schedules;
    }

    @Override
    public StatsQueries stats() {
        return stats;
    }

    @Override
    public SchemaAdmin schema() {
        return schema;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return gate.run(new Operation<>("transaction", true, store -> store.inTransaction(work)));
    }

    @Override
    public DurabilityMode mode() {
        return config.s3Mode();
    }

    @Override
    public SyncState state() {
        return gate.exclusive(revisions::state);
    }

    @Override
    public void snapshot() {
        exclusively(revisions::snapshot);
    }

    @Override
    public void sync() {
        exclusively(revisions::sync);
    }

    /**
     * Pulls the remote revision; a missing object is fine, so that an install can create it. Local writes that were
     * never published are dropped ({@link #reset()}): the published object wins.
     */
    @Override
    public void refresh() {
        try {
            snapshot();
        } catch (PgqrsException e) {
            switch (e.kind()) {
                case NOT_FOUND -> LOG.debug("refresh: {}", e.getMessage());
                case CONFLICT -> reset();
                default -> throw e;
            }
        }
    }

    /** In local mode, publishes the local writes; in durable mode every call was published before it returned. */
    @Override
    public void publish() {
        if (mode() == DurabilityMode.LOCAL) {
            sync();
        }
    }

    @Override
    public void reset() {
        exclusively(revisions::refresh);
    }

    private void exclusively(Runnable step) {
        gate.exclusive(() -> {
            step.run();
            return null;
        });
    }

    @Override
    public void close() {
        gate.close();
        replica.close();
        dir.close();
        client.close();
    }
}
