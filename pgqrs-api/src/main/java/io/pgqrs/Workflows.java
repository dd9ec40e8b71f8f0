package io.pgqrs;

import io.pgqrs.internal.Engine;
import io.pgqrs.internal.validation.NameRules;
import io.pgqrs.internal.workflow.DefaultWorkflow;
import io.pgqrs.internal.workflow.Triggers;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Durable workflows of one connection, from {@link Pgqrs#workflows()}: plain Java functions whose steps are recorded
 * in the queue's own store, so a run survives crashes and redeliveries and each succeeded step runs once.
 *
 * <pre>{@code
 * Workflow<Order, Receipt> checkout = pgqrs.workflows().define("checkout", Order.class, Receipt.class, (ctx, order) -> {
 *     Charge charge = ctx.step("charge", Charge.class, () -> payments.charge(order));
 *     ctx.sleep("cool-off", Duration.ofMinutes(10));
 *     return ctx.step("receipt", Receipt.class, () -> mail.send(charge));
 * });
 * try (QueueWorker worker = checkout.worker().concurrency(4).start()) {
 *     Receipt receipt = checkout.trigger(new Order(42)).result(Duration.ofMinutes(15));
 * }
 * }</pre>
 *
 * <p>Each workflow has a queue of its name; a run is one message on it, and the run's id is that message's id.
 * Waiting (a sleep, a step retry not due yet) gives the message back until then without using up a delivery, so only
 * crashes count toward {@code max_read_ct}.
 */
public final class Workflows {
    /** The retry policy of steps when neither they nor their workflow name one: 3 attempts, exponential from 1 s to 60 s, with jitter. */
    public static final RetryPolicy DEFAULT_STEP_RETRY =
            RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60)).withMaxAttempts(3).withJitter();

    private final Pgqrs pgqrs;
    private final Engine engine;
    private final Set<String> defined = ConcurrentHashMap.newKeySet();

    Workflows(Pgqrs pgqrs, Engine engine) {
        this.pgqrs = pgqrs;
        this.engine = engine;
    }

    /**
     * Defines a workflow in this process: creates its queue and its stored definition when missing (another process
     * or an earlier start may have made them), and returns a handle to trigger runs and start workers.
     *
     * @param name the workflow's name, also its queue's
     * @param inputType the input type (Jackson-bound)
     * @param outputType the output type (Jackson-bound; {@code Void.class} for none)
     * @param function the body
     * @param <I> the input type
     * @param <O> the output type
     * @return the workflow
     * @throws PgqrsException {@code WORKFLOW_ALREADY_EXISTS} when this connection defined the name already,
     *         {@code VALIDATION_FAILED} for a bad name
     */
    public <I, O> Workflow<I, O> define(String name, Class<I> inputType, Class<O> outputType, WorkflowFunction<I, O> function) {
        return define(name, inputType, outputType, DEFAULT_STEP_RETRY, function);
    }

    /**
     * As {@link #define(String, Class, Class, WorkflowFunction)}, with the retry policy of the workflow's steps that
     * name none of their own.
     *
     * @param name the workflow's name, also its queue's
     * @param inputType the input type (Jackson-bound)
     * @param outputType the output type (Jackson-bound; {@code Void.class} for none)
     * @param stepRetry attempts and back-off of its steps
     * @param function the body
     * @param <I> the input type
     * @param <O> the output type
     * @return the workflow
     */
    public <I, O> Workflow<I, O> define(String name, Class<I> inputType, Class<O> outputType, RetryPolicy stepRetry,
                                        WorkflowFunction<I, O> function) {
        NameRules.requireQueueName(name);
        Objects.requireNonNull(stepRetry, "stepRetry");
        Objects.requireNonNull(function, "function");
        if (!defined.add(name)) {
            throw PgqrsException.workflowAlreadyExists(name);
        }
        try {
            QueueRecord queue = engine.store().queues().findByName(name).orElseGet(() -> createQueue(name));
            WorkflowRecord record = engine.store().workflows().findByName(name)
                    .or(() -> engine.store().workflows().insert(name, queue.id(), engine.at()))
                    .or(() -> engine.store().workflows().findByName(name))
                    .orElseThrow(() -> PgqrsException.workflowNotFound("Workflow '" + name + "'"));
            return new DefaultWorkflow<>(pgqrs, engine, record, inputType, outputType, stepRetry, function);
        } catch (RuntimeException e) {
            defined.remove(name);
            throw e;
        }
    }

    private QueueRecord createQueue(String name) {
        try {
            return pgqrs.admin().createQueue(name);
        } catch (PgqrsException e) {
            if (e.kind() == ErrorKind.QUEUE_ALREADY_EXISTS) {
                return engine.requireQueue(name);
            }
            throw e;
        }
    }

    /**
     * Starts a run of a workflow defined by any process, by name (for tools that do not have its function).
     *
     * @param name the workflow
     * @param input the input, written as JSON
     * @return the run id
     * @throws PgqrsException {@code WORKFLOW_NOT_FOUND} when no workflow has that name, else as {@link Workflow#trigger}
     */
    public long trigger(String name, Object input) {
        require(name);
        return Triggers.enqueue(pgqrs, name, input);
    }

    /**
     * The runs of a workflow defined by any process, by name (for tools that do not have its function); as
     * {@link Workflow#runs}.
     *
     * @param name the workflow
     * @param status only runs in this state, or null for all
     * @param limit at most this many, at least 1
     * @return its runs, newest first
     * @throws PgqrsException {@code WORKFLOW_NOT_FOUND} when no workflow has that name, {@code VALIDATION_FAILED} for a
     *         limit below 1
     */
    public List<RunRecord> runs(String name, RunStatus status, int limit) {
        if (limit < 1) {
            throw PgqrsException.validationFailed("the limit of runs must be at least 1, got " + limit);
        }
        return engine.store().runs().list(require(name).id(), status, limit);
    }

    /**
     * How many runs of a workflow are in each state.
     *
     * @param name the workflow
     * @return every state with its number of runs (zero for a state without any), in the order of {@link RunStatus}
     * @throws PgqrsException {@code WORKFLOW_NOT_FOUND} when no workflow has that name
     */
    public Map<RunStatus, Long> runCounts(String name) {
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        for (RunStatus status : RunStatus.values()) {
            counts.put(status, 0L);
        }
        counts.putAll(engine.store().runs().countByStatus(require(name).id()));
        return counts;
    }

    private WorkflowRecord require(String name) {
        return engine.store().workflows().findByName(name).orElseThrow(() -> PgqrsException.workflowNotFound("Workflow '" + name + "'"));
    }

    /**
     * Lets a paused run go on now instead of at its resume time.
     *
     * @param runId a run id
     * @return the run as it was when resumed ({@code PAUSED}; a worker moves it to {@code RUNNING} when it takes it)
     * @throws PgqrsException {@code WORKFLOW_NOT_FOUND} for an unknown run, {@code VALIDATION_FAILED} for one that is
     *         not paused
     */
    public RunRecord resume(long runId) {
        RunRecord run = run(runId).orElseThrow(() -> PgqrsException.workflowNotFound("Workflow run " + runId));
        if (run.status() != RunStatus.PAUSED) {
            throw PgqrsException.validationFailed("Run " + runId + " is in " + run.status() + " state; only a PAUSED run "
                    + "can be resumed");
        }
        wake(runId);
        return run;
    }

    /** Makes a run's postponed trigger deliverable now and wakes this connection's workers on its queue. */
    private void wake(long runId) {
        engine.store().messages().get(runId).ifPresent(trigger -> {
            if (engine.store().messages().wake(runId, engine.at())) {
                engine.signals().fire(trigger.queueId());
            }
        });
    }

    /** The run of a trigger no worker has seen yet, so that it can be cancelled before it starts. */
    private RunRecord materialise(long runId) {
        Message trigger = engine.store().messages().get(runId)
                .orElseThrow(() -> PgqrsException.workflowNotFound("Workflow run " + runId));
        return materialise(trigger);
    }

    private RunRecord materialise(Message trigger) {
        WorkflowRecord workflow = list().stream().filter(w -> w.queueId() == trigger.queueId()).findFirst()
                .orElseThrow(() -> PgqrsException.workflowNotFound("Workflow run " + trigger.id()));
        return Triggers.materialise(engine, workflow, trigger);
    }

    /**
     * The manual level: the run of a trigger message that your own consumer fetched from a workflow's queue, created
     * {@code QUEUED} when no one has seen it yet. Drive it with {@link WorkflowRun#start()},
     * {@link WorkflowRun#acquireStep}, and {@link WorkflowRun#complete} or {@link WorkflowRun#fail}; settle the message
     * yourself.
     *
     * @param trigger a message of a workflow's queue
     * @return its run
     * @throws PgqrsException {@code WORKFLOW_NOT_FOUND} when the message's queue is no workflow's
     */
    public WorkflowRun open(Message trigger) {
        return DefaultWorkflow.manual(engine, materialise(trigger));
    }

    /** @return every stored workflow definition, by name */
    public List<WorkflowRecord> list() {
        return engine.store().workflows().list();
    }

    /**
     * Reads a run's record: its status, input, output or error.
     *
     * @param runId a run id (its trigger message's id)
     * @return the run, once a worker has seen it; empty before that and for an unknown id
     */
    public Optional<RunRecord> run(long runId) {
        return engine.store().runs().findByMessage(runId);
    }

    /**
     * Reads the steps a run has recorded so far.
     *
     * @param runId a run id (its trigger message's id)
     * @return its steps, in the order they first ran; empty for an unknown run
     */
    public List<StepRecord> steps(long runId) {
        return run(runId).map(r -> engine.store().steps().list(r.id())).orElse(List.of());
    }

    /**
     * Asks a run to stop: it becomes {@code CANCELLING}, and {@code CANCELLED} when a worker next reaches it (before
     * its next step, or when its trigger is next delivered: a sleeping or paused run's trigger is made deliverable at
     * once). A step already running completes.
     *
     * @param runId a run id
     * @return the run, {@code CANCELLING}
     * @throws PgqrsException {@code WORKFLOW_NOT_FOUND} for an id that is no workflow's trigger, {@code VALIDATION_FAILED} for a run
     *         that has ended or is being cancelled
     */
    public RunRecord cancel(long runId) {
        RunRecord run = run(runId).orElseGet(() -> materialise(runId));
        RunRecord cancelling = engine.store().runs().cancel(run.id(), engine.at()).orElseThrow(() ->
                PgqrsException.validationFailed("Run " + runId + " is in " + run(runId).map(r -> r.status().name())
                        .orElse("an unknown") + " state and cannot be cancelled"));
        wake(runId);
        return cancelling;
    }
}
