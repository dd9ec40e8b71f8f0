package io.pgqrs.internal.workflow;

import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorkerBuilder;
import io.pgqrs.RetryPolicy;
import io.pgqrs.RunHandle;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.Workflow;
import io.pgqrs.WorkflowFunction;
import io.pgqrs.WorkflowRun;
import io.pgqrs.WorkflowRecord;
import io.pgqrs.internal.Engine;
import java.util.List;

/**
 * A defined workflow of one connection.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public final class DefaultWorkflow<I, O> implements Workflow<I, O> {
    private final Pgqrs pgqrs;
    private final Engine engine;
    private final WorkflowRecord record;
    private final Class<O> outputType;
    private final WorkflowExecutor<I, O> executor;

    /**
     * @param pgqrs the connection, for triggers and workers
     * @param engine its shared state
     * @param record the stored definition
     * @param inputType the input type
     * @param outputType the output type
     * @param stepRetry the policy of steps that name none
     * @param function the body
     */
    public DefaultWorkflow(Pgqrs pgqrs, Engine engine, WorkflowRecord record, Class<I> inputType, Class<O> outputType,
                           RetryPolicy stepRetry, WorkflowFunction<I, O> function) {
        this.pgqrs = pgqrs;
        this.engine = engine;
        this.record = record;
        this.outputType = outputType;
        this.executor = new WorkflowExecutor<>(engine, record, inputType, function, stepRetry);
    }

    /**
     * @param engine the connection's shared state
     * @param run a materialised run
     * @return its manual level
     */
    public static WorkflowRun manual(Engine engine, RunRecord run) {
        return new DefaultWorkflowRun(engine, run);
    }

    @Override
    public String name() {
        return record.name();
    }

    @Override
    public RunHandle<O> trigger(I input) {
        return run(Triggers.enqueue(pgqrs, name(), input));
    }

    @Override
    public RunHandle<O> run(long runId) {
        return new DefaultRunHandle<>(engine, record, runId, outputType);
    }

    @Override
    public List<RunRecord> runs(RunStatus status, int limit) {
        return engine.store().runs().list(record.id(), status, limit);
    }

    @Override
    public QueueWorkerBuilder worker() {
        return pgqrs.worker(name()).handler(executor);
    }
}
