package io.pgqrs;

import io.pgqrs.internal.Engine;
import io.pgqrs.internal.admin.DefaultAdmin;
import io.pgqrs.internal.config.Dsns;
import io.pgqrs.internal.consumer.DefaultConsumer;
import io.pgqrs.internal.discovery.StoreProviders;
import io.pgqrs.internal.poll.WakeUpSignals;
import io.pgqrs.internal.producer.DefaultProducer;
import io.pgqrs.internal.runtime.DefaultQueueWorker;
import io.pgqrs.internal.schedule.SchedulingQueueWorker;
import io.pgqrs.internal.validation.PayloadValidator;
import io.pgqrs.internal.validation.RequestLimits;
import io.pgqrs.internal.worker.Registration;
import io.pgqrs.spi.CallerTransactions;
import io.pgqrs.spi.Store;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: a connection to one queue store, whose backend is chosen by the DSN's scheme
 * ({@code sqlite:}, {@code postgres://}, {@code s3://} or a third party's). Thread-safe; share one
 * instance per store and close it when done.
 *
 * <pre>{@code
 * try (Pgqrs pgqrs = Pgqrs.connect("sqlite:jobs.db")) {
 *     pgqrs.admin().install();
 *     pgqrs.admin().createQueue("emails");
 *     try (Producer producer = pgqrs.producer("emails");
 *          Consumer consumer = pgqrs.consumer("emails")) {
 *         producer.enqueue(Map.of("to", "a@b.c"));
 *         for (Message m : consumer.dequeue(10)) {
 *             consumer.archive(m.id());
 *         }
 *     }
 * }
 * }</pre>
 */
public final class Pgqrs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pgqrs.class);

    private final Engine engine;
    private final Admin admin;
    private final Workflows workflows;
    private final Schedules schedules;

    private Pgqrs(Store store, Config config) {
        this.engine = new Engine(store, config, new WakeUpSignals(store::subscribe));
        this.admin = new DefaultAdmin(engine);
        this.workflows = new Workflows(this, engine);
        this.schedules = new Schedules(engine);
    }

    /**
     * @param dsn e.g. {@code sqlite:jobs.db}; all other settings take their defaults
     * @return an open connection
     * @throws PgqrsException {@code INVALID_CONFIG} for a bad or unknown DSN, {@code CONNECTION_FAILED}
     */
    public static Pgqrs connect(String dsn) {
        return connect(Config.fromDsn(dsn));
    }

    /**
     * @param config the settings
     * @return an open connection
     * @throws PgqrsException {@code INVALID_CONFIG} for a bad or unknown DSN, {@code CONNECTION_FAILED}
     */
    public static Pgqrs connect(Config config) {
        Store store = StoreProviders.forConfig(config).open(config);
        LOG.info("pgqrs connected: backend={}, dsn={}", store.backendName(), Dsns.mask(config.dsn()));
        LOG.debug("Effective configuration: {}", config);
        Pgqrs pgqrs = new Pgqrs(store, config);
        pgqrs.engine.observers().opened(pgqrs);
        return pgqrs;
    }

    /** @return the admin operations (no worker is registered for them) */
    public Admin admin() {
        return admin;
    }

    /** @return the durable workflows of this connection */
    public Workflows workflows() {
        return workflows;
    }

    /** @return the recurring schedules of this store (cron expressions that enqueue messages) */
    public Schedules schedules() {
        return schedules;
    }

    /**
     * Registers a producer with a generated name.
     *
     * @param queue an existing queue
     * @return the producer; close it to stop the worker
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    public Producer producer(String queue) {
        return producer(queue, generatedName(queue, "producer"));
    }

    /**
     * @param queue an existing queue
     * @param workerName a unique worker name; a stopped worker of that name is re-registered
     * @return the producer
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}; {@code VALIDATION_FAILED} when the name is active
     */
    public Producer producer(String queue, String workerName) {
        QueueRecord q = engine.requireQueue(queue);
        return new DefaultProducer(engine, q, Registration.register(engine, q.id(), workerName));
    }

    /**
     * Registers a consumer with a generated name.
     *
     * @param queue an existing queue
     * @return the consumer; close it to release its messages and stop the worker
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    public Consumer consumer(String queue) {
        return consumer(queue, generatedName(queue, "consumer"));
    }

    /**
     * @param queue an existing queue
     * @param workerName a unique worker name; a stopped worker of that name is re-registered
     * @return the consumer
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}; {@code VALIDATION_FAILED} when the name is active
     */
    public Consumer consumer(String queue, String workerName) {
        QueueRecord q = engine.requireQueue(queue);
        return new DefaultConsumer(engine, q, Registration.register(engine, q.id(), workerName));
    }

    /**
     * Starts a one-shot enqueue: {@code Pgqrs.enqueue().message(x).to("q").execute(pgqrs)}.
     *
     * @return a builder
     */
    public static EnqueueBuilder enqueue() {
        return new EnqueueBuilder();
    }

    /**
     * Starts a one-shot dequeue: {@code Pgqrs.dequeue().from("q").fetchOne(pgqrs)}, {@code .handle(fn).execute(pgqrs)}…
     *
     * @return a builder
     */
    public static DequeueBuilder dequeue() {
        return new DequeueBuilder();
    }

    /**
     * Sets up a worker that consumes the queue with concurrent handlers, lease extension, retries and dead letters;
     * see {@link QueueWorker}.
     *
     * <pre>{@code
     * try (QueueWorker worker = pgqrs.worker("emails").concurrency(8).handler(m -> send(m)).start()) { ... }
     * }</pre>
     *
     * @param queue an existing queue
     * @return a builder; {@link QueueWorkerBuilder#start()} registers the worker and starts it
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    public QueueWorkerBuilder worker(String queue) {
        QueueRecord q = engine.requireQueue(queue);
        return new QueueWorkerBuilder(engine.config(), queue, generatedName(queue, "worker"),
                settings -> {
                    QueueWorker worker = DefaultQueueWorker.start(engine, q, settings);
                    return settings.scheduleCheckInterval() == null ? worker
                            : new SchedulingQueueWorker(worker, schedules.start(settings.scheduleCheckInterval()));
                });
    }

    /**
     * Checks an enqueue as {@link Producer#enqueueDelayed(Object, Duration)} would, without registering a worker or
     * storing anything: the payload's structure and size, and the delay. The rate limit belongs to a producer and is
     * not checked here. A short-lived caller, such as a command-line tool, checks first so that a refused request
     * leaves no worker row behind.
     *
     * @param payload the message body
     * @param delay how long the message would stay invisible
     * @throws PgqrsException {@code VALIDATION_FAILED}, {@code PAYLOAD_TOO_LARGE} or {@code SERIALIZATION}, as the
     *         enqueue would
     */
    public void checkEnqueue(Object payload, Duration delay) {
        RequestLimits.requireDelaySeconds(delay);
        PayloadValidator validator = new PayloadValidator(engine.config().validation());
        validator.requireSize(validator.requireStructure(payload, -1), -1);
    }

    /**
     * Checks a dequeue as {@link Consumer#dequeue(int, Duration)} would, without registering a worker: the batch
     * size and the lease. A short-lived caller checks first so that a refused request leaves no consumer behind.
     *
     * @param n batch size, 1 to {@link Config#defaultMaxBatchSize()}
     * @param lease the lease, a whole number of seconds, at least one; null for {@link Config#defaultLockTime()}
     * @throws PgqrsException {@code VALIDATION_FAILED} naming the value at fault
     */
    public void checkDequeue(int n, Duration lease) {
        RequestLimits.requireBatchSize(engine.config(), n);
        RequestLimits.requireLeaseSeconds("Lease", lease == null ? engine.config().defaultLockTime() : lease);
    }

    /**
     * Returns a handle to a consumer registered earlier, possibly by another process: a restarted service
     * resuming its worker, or a command-line tool settling messages a previous invocation dequeued.
     *
     * @param workerId the consumer's worker id
     * @return the consumer; its state is whatever it is in the store
     * @throws PgqrsException {@code WORKER_NOT_FOUND}; {@code VALIDATION_FAILED} for an admin worker (no queue)
     */
    public Consumer attachConsumer(long workerId) {
        WorkerRecord record = engine.store().workers().get(workerId).orElseThrow(() -> PgqrsException.workerNotFound(workerId));
        if (record.queueId() == null) {
            throw PgqrsException.validationFailed("Worker " + workerId + " is an admin worker and has no queue to consume");
        }
        QueueRecord q = engine.store().queues().findById(record.queueId())
                .orElseThrow(() -> PgqrsException.workerNotFound(workerId));
        return new DefaultConsumer(engine, q, record);
    }

    /** @return the shared state of this connection, for the builders of this package */
    Engine engine() {
        return engine;
    }

    /** @return the configuration */
    public Config config() {
        return engine.config();
    }

    /** @return the backend name, e.g. {@code "sqlite"} */
    public String backendName() {
        return engine.store().backendName();
    }

    /** @return how many processes may share the store */
    public ConcurrencyModel concurrencyModel() {
        return engine.store().concurrencyModel();
    }

    /**
     * Whether this connection's backend has a capability; a call that needs one it lacks fails with
     * {@link ErrorKind#UNSUPPORTED}.
     *
     * @param capability what to ask about
     * @return true when the backend has it
     */
    public boolean supports(Capability capability) {
        return switch (capability) {
            case CALLER_TRANSACTIONS -> engine.store().unwrap(CallerTransactions.class).isPresent();
        };
    }

    /** @return the underlying store, for backend-specific operations through {@link Store#unwrap(Class)} */
    public Store store() {
        return engine.store();
    }

    /** Closes the store. Workers are not stopped; close them first. */
    @Override
    public void close() {
        engine.observers().closing(this);
        engine.signals().close();
        engine.store().close();
    }

    private static String generatedName(String queue, String role) {
        return queue + "-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
