package io.pgqrs.internal.workflow;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.RunHandle;
import io.pgqrs.RunRecord;
import io.pgqrs.WorkflowRecord;
import io.pgqrs.internal.Engine;
import java.time.Duration;
import java.util.Optional;

/**
 * A run by its trigger message's id, read from the store on each call.
 *
 * @param <O> the output type
 */
final class DefaultRunHandle<O> implements RunHandle<O> {
    /** The longest pause between two looks of {@link #result}; it starts at 10 ms and doubles. */
    private static final long MAX_LOOK_MILLIS = 500;

    private final Engine engine;
    private final WorkflowRecord workflow;
    private final long runId;
    private final Class<O> outputType;
    private volatile boolean triggerChecked;

    DefaultRunHandle(Engine engine, WorkflowRecord workflow, long runId, Class<O> outputType) {
        this.engine = engine;
        this.workflow = workflow;
        this.runId = runId;
        this.outputType = outputType;
    }

    @Override
    public long id() {
        return runId;
    }

    @Override
    public Optional<RunRecord> record() {
        Optional<RunRecord> run = engine.store().runs().findByMessage(runId);
        if (run.isPresent() ? run.get().workflowId() != workflow.id() : !isTrigger()) {
            throw PgqrsException.workflowNotFound("Workflow run " + runId + " of '" + workflow.name() + "'");
        }
        return run;
    }

    /** Whether the id is a message of the workflow's queue: a run no worker has seen yet. */
    private boolean isTrigger() {
        if (!triggerChecked) {
            triggerChecked = engine.store().messages().get(runId).filter(m -> m.queueId() == workflow.queueId()).isPresent();
        }
        return triggerChecked;
    }

    @Override
    public Optional<O> get() {
        return record().filter(r -> ended(r)).map(this::output);
    }

    @Override
    public O result(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (true) {
            Optional<RunRecord> run = record();
            if (run.isPresent() && ended(run.get())) {
                return output(run.get());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw PgqrsException.of(ErrorKind.TIMEOUT, "Workflow run " + runId + " has not ended within " + timeout
                        + "; it is " + run.map(r -> r.status().name()).orElse("not started yet")
                        + ": is a worker running for its workflow?", null);
            }
            try {
                Thread.sleep(Math.min(pause, left / 1_000_000 + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PgqrsException.of(ErrorKind.TIMEOUT, "Interrupted while waiting for workflow run " + runId, e);
            }
            pause = Math.min(pause * 2, MAX_LOOK_MILLIS);
        }
    }

    private boolean ended(RunRecord run) {
        return switch (run.status()) {
            case SUCCESS, ERROR, CANCELLED -> true;
            default -> false;
        };
    }

    private O output(RunRecord run) {
        return switch (run.status()) {
            case ERROR -> throw PgqrsException.executionFailed(runId, String.valueOf(run.error()));
            case CANCELLED -> throw PgqrsException.cancelled(runId);
            default -> WorkflowJson.read(run.output(), outputType, "the output of run " + runId);
        };
    }
}
