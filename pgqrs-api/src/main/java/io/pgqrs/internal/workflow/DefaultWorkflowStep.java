package io.pgqrs.internal.workflow;

import io.pgqrs.PgqrsException;
import io.pgqrs.RetryPolicy;
import io.pgqrs.RunStatus;
import io.pgqrs.StepRecord;
import io.pgqrs.WorkflowStep;
import io.pgqrs.internal.Engine;
import java.time.Instant;
import java.util.Optional;

/** A step taken for an attempt, and the recording of its outcome. */
final class DefaultWorkflowStep implements WorkflowStep {
    private final Engine engine;
    private volatile StepRecord record;

    DefaultWorkflowStep(Engine engine, StepRecord record) {
        this.engine = engine;
        this.record = record;
    }

    @Override
    public StepRecord record() {
        return record;
    }

    @Override
    public boolean succeeded() {
        return record.status() == RunStatus.SUCCESS;
    }

    @Override
    public <T> T output(Class<T> type) {
        if (!succeeded()) {
            throw PgqrsException.validationFailed("step '" + record.stepName() + "' is " + record.status()
                    + " and has no result: run its work and complete it");
        }
        return WorkflowJson.read(record.output(), type, "the recorded result of step '" + record.stepName() + "'");
    }

    @Override
    public StepRecord complete(Object output) {
        String json = WorkflowJson.write(output, "the result of step '" + record.stepName() + "'");
        return running(engine.store().steps().complete(record.runId(), record.stepName(), json, engine.at()));
    }

    @Override
    public StepRecord fail(Throwable cause, RetryPolicy retry) {
        int attempt = record.retryCount() + 1;
        boolean retries = !retry.isExhausted(attempt);
        String error = WorkflowJson.error(retries, retries ? "TRANSIENT" : "NON_RETRYABLE", cause.toString());
        Instant retryAt = retries ? engine.now().plus(retry.delayAfter(attempt)) : null;
        return running(engine.store().steps().fail(record.runId(), record.stepName(), error, retryAt, engine.at()));
    }

    private StepRecord running(Optional<StepRecord> changed) {
        record = changed.orElseThrow(() -> PgqrsException.validationFailed("step '" + record.stepName()
                + "' is not running: another attempt recorded its outcome meanwhile"));
        return record;
    }
}
