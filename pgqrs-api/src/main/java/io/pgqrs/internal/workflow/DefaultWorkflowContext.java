package io.pgqrs.internal.workflow;

import io.pgqrs.PgqrsException;
import io.pgqrs.PostponeMessage;
import io.pgqrs.RetryPolicy;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.StepBody;
import io.pgqrs.StepRecord;
import io.pgqrs.WorkflowContext;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.json.JsonCodec;
import io.pgqrs.internal.validation.NameRules;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Steps and sleeps of one execution of a run: each step is acquired in the store, its recorded result returned when it
 * succeeded before, else its body run and the outcome recorded; a step or sleep that must wait postpones the run.
 */
final class DefaultWorkflowContext implements WorkflowContext {
    /** The default step policy: 3 attempts, exponential from 1 s to 60 s, with jitter. */
    static final RetryPolicy DEFAULT_STEP_RETRY =
            RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60)).withMaxAttempts(3).withJitter();
    /** How long a run waits when a retry the store does not consider due yet (clocks a little apart) is looked at. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    private final Engine engine;
    private final RunRecord run;

    DefaultWorkflowContext(Engine engine, RunRecord run) {
        this.engine = engine;
        this.run = run;
    }

    @Override
    public long runId() {
        return run.messageId();
    }

    @Override
    public <T> T step(String name, Class<T> type, StepBody<T> body) {
        return step(name, type, DEFAULT_STEP_RETRY, body);
    }

    @Override
    public <T> T step(String name, Class<T> type, RetryPolicy retry, StepBody<T> body) {
        NameRules.requireStepName(name);
        requireNotCancelled();
        // A step that never ran is not acquired first: its success is recorded in one write (the common case).
        StepRecord step = engine.store().steps().find(run.id(), name).orElse(null);
        if (step != null && step.status() == RunStatus.SUCCESS) {
            return WorkflowJson.read(step.output(), type, "the recorded result of step '" + name + "'");
        }
        if (step != null && step.status() == RunStatus.ERROR) {
            step = takeDueRetry(name, step);
        }
        T result;
        try {
            result = body.run();
        } catch (PostponeMessage | RunCancelled e) {
            throw e;
        } catch (Exception e) {
            throw failed(name, step != null ? step : engine.store().steps().acquire(run.id(), name, engine.at()), retry, e);
        }
        String output = WorkflowJson.write(result, "the result of step '" + name + "'");
        if (step == null) {
            engine.store().steps().recordSuccess(run.id(), name, output, engine.at());
        } else {
            engine.store().steps().complete(run.id(), name, output, engine.at());
        }
        return result;
    }

    @Override
    public void pause(String name, String reason, Duration resumeAfter) {
        NameRules.requireStepName(name);
        if (resumeAfter.isNegative()) {
            throw PgqrsException.validationFailed("Pause '" + name + "' must not be negative, got " + resumeAfter);
        }
        if (acquire(name).status() == RunStatus.SUCCESS) {
            return;
        }
        Map<String, Object> why = Map.of("message", reason, "resume_after", resumeAfter.toSeconds());
        engine.store().steps().complete(run.id(), name, JsonCodec.MAPPER.valueToTree(why).toString(), engine.at());
        engine.store().runs().pause(run.id(), JsonCodec.MAPPER.valueToTree(why).toString(), engine.at());
        throw new PostponeMessage(resumeAfter, "run " + runId() + " paused ('" + name + "'): " + reason);
    }

    @Override
    public void sleep(String name, Duration duration) {
        NameRules.requireStepName(name);
        if (duration.isNegative()) {
            throw PgqrsException.validationFailed("Sleep '" + name + "' must not be negative, got " + duration);
        }
        StepRecord step = acquire(name);
        Instant wake;
        if (step.status() == RunStatus.SUCCESS && step.output() != null && step.output().has("wake_at")) {
            wake = Instant.parse(step.output().get("wake_at").asText());
        } else {
            wake = engine.now().plus(duration);
            engine.store().steps().complete(run.id(), name, JsonCodec.MAPPER.valueToTree(Map.of("wake_at", wake.toString()))
                    .toString(), engine.at());
        }
        Duration left = Duration.between(engine.now(), wake);
        if (left.compareTo(Duration.ZERO) > 0) {
            throw new PostponeMessage(left, "run " + runId() + " sleeps ('" + name + "') until " + wake);
        }
    }

    /** Acquires a step after checking that the run was not cancelled meanwhile. */
    private StepRecord acquire(String name) {
        requireNotCancelled();
        return engine.store().steps().acquire(run.id(), name, engine.at());
    }

    /** Ends a cancelled run here: {@code CANCELLING} becomes {@code CANCELLED}, and the function unwinds. */
    private void requireNotCancelled() {
        RunRecord now = engine.store().runs().get(run.id()).orElseThrow(() -> new RunCancelled(runId()));
        if (now.status() == RunStatus.CANCELLING) {
            engine.store().runs().completeCancel(run.id(), engine.at());
            throw new RunCancelled(runId());
        }
        if (now.status() == RunStatus.CANCELLED) {
            throw new RunCancelled(runId());
        }
    }

    /** A failed step: its retry when due (or a postponement until then), or the end when none is left. */
    private StepRecord takeDueRetry(String name, StepRecord step) {
        if (step.retryAt() == null) {
            throw PgqrsException.retriesExhausted(name, step.retryCount() + 1L, null);
        }
        Duration left = Duration.between(engine.now(), step.retryAt());
        if (left.compareTo(Duration.ZERO) > 0) {
            throw new PostponeMessage(left, "step '" + name + "' of run " + runId() + " retries at " + step.retryAt());
        }
        return engine.store().steps().takeRetry(run.id(), name, engine.at()).orElseThrow(() ->
                new PostponeMessage(CLOCK_SLACK, "step '" + name + "' of run " + runId() + " is not due in the store yet"));
    }

    /** Records a failed attempt and returns what to throw: a postponement until the retry, or the end. */
    private RuntimeException failed(String name, StepRecord step, RetryPolicy retry, Exception cause) {
        int attempt = step.retryCount() + 1;
        boolean retries = !retry.isExhausted(attempt);
        String error = WorkflowJson.error(retries, retries ? "TRANSIENT" : "NON_RETRYABLE", cause.toString());
        if (!retries) {
            engine.store().steps().fail(run.id(), name, error, null, engine.at());
            return PgqrsException.retriesExhausted(name, attempt, cause);
        }
        Duration delay = retry.delayAfter(attempt);
        Instant retryAt = engine.now().plus(delay);
        engine.store().steps().fail(run.id(), name, error, retryAt, engine.at());
        return new PostponeMessage(delay, "step '" + name + "' of run " + runId() + " failed on attempt " + attempt
                + " (" + cause + "); retrying at " + retryAt);
    }
}
