package io.pgqrs.internal.workflow;

import io.pgqrs.PgqrsException;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.StepRecord;
import io.pgqrs.WorkflowRun;
import io.pgqrs.WorkflowStep;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.json.JsonCodec;
import io.pgqrs.internal.validation.NameRules;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A run's guarded changes, each one store call; what both the manual level and the workflow executor use. */
final class DefaultWorkflowRun implements WorkflowRun {
    private final Engine engine;
    private volatile RunRecord record;

    DefaultWorkflowRun(Engine engine, RunRecord record) {
        this.engine = engine;
        this.record = record;
    }

    @Override
    public long id() {
        return record.messageId();
    }

    @Override
    public RunRecord record() {
        return record;
    }

    @Override
    public RunRecord refresh() {
        record = engine.store().runs().get(record.id())
                .orElseThrow(() -> PgqrsException.workflowNotFound("Workflow run " + id()));
        return record;
    }

    @Override
    public <T> T input(Class<T> type) {
        return WorkflowJson.read(record.input(), type, "the input of run " + id());
    }

    @Override
    public RunRecord start() {
        Optional<RunRecord> started = engine.store().runs().start(record.id(), engine.at());
        if (started.isPresent()) {
            record = started.get();
            return record;
        }
        RunRecord now = refresh();
        if (now.status() != RunStatus.RUNNING) {
            throw PgqrsException.validationFailed("Run " + id() + " is in terminal " + now.status() + " state");
        }
        return now;
    }

    @Override
    public RunRecord complete(Object output) {
        String json = WorkflowJson.write(output, "the output of run " + id());
        return changed(engine.store().runs().complete(record.id(), json, engine.at()));
    }

    @Override
    public RunRecord fail(String message) {
        return fail("NON_RETRYABLE", message);
    }

    /** As {@link #fail(String)} with the error's code, e.g. the kind of the library error that ended the run. */
    RunRecord fail(String code, String message) {
        return changed(engine.store().runs().fail(record.id(), WorkflowJson.error(false, code, message), engine.at()));
    }

    @Override
    public RunRecord pause(String message, Duration resumeAfter) {
        if (resumeAfter.isNegative()) {
            throw PgqrsException.validationFailed("a pause must last zero or more, got " + resumeAfter);
        }
        return changed(engine.store().runs().pause(record.id(), pauseReason(message, resumeAfter), engine.at()));
    }

    /** @return the error of a paused run: {@code {"message": …, "resume_after": seconds}} */
    static String pauseReason(String message, Duration resumeAfter) {
        return JsonCodec.MAPPER.valueToTree(Map.of("message", message, "resume_after", resumeAfter.toSeconds())).toString();
    }

    @Override
    public RunRecord cancel() {
        record = engine.store().runs().cancel(record.id(), engine.at()).orElseThrow(() ->
                PgqrsException.validationFailed("Run " + id() + " is in " + refresh().status() + " state and cannot be cancelled"));
        return record;
    }

    @Override
    public WorkflowStep acquireStep(String name) {
        NameRules.requireStepName(name);
        if (cancelledNow()) {
            throw PgqrsException.cancelled(id());
        }
        StepRecord step = engine.store().steps().acquire(record.id(), name, engine.at());
        if (step.status() == RunStatus.ERROR) {
            step = takeRetry(step);
        }
        return new DefaultWorkflowStep(engine, step);
    }

    /** A failed step again, when its retry is due. */
    private StepRecord takeRetry(StepRecord step) {
        if (step.retryAt() == null) {
            throw PgqrsException.retriesExhausted(step.stepName(), step.retryCount() + 1L, null);
        }
        return engine.store().steps().takeRetry(record.id(), step.stepName(), engine.at())
                .orElseThrow(() -> PgqrsException.stepNotReady(step.stepName(), step.retryAt(), step.retryCount()));
    }

    /**
     * Reads the run again and finishes a cancel that was asked for.
     *
     * @return whether the run is cancelled now
     */
    boolean cancelledNow() {
        RunStatus status = refresh().status();
        if (status == RunStatus.CANCELLING) {
            engine.store().runs().completeCancel(record.id(), engine.at()).ifPresent(r -> record = r);
            return true;
        }
        return status == RunStatus.CANCELLED;
    }

    /** The run after a guarded change, or, when a cancel refused it, the finished cancel as {@code CANCELLED}. */
    private RunRecord changed(Optional<RunRecord> changed) {
        if (changed.isPresent()) {
            record = changed.get();
            return record;
        }
        cancelledNow();
        throw PgqrsException.cancelled(id());
    }
}
