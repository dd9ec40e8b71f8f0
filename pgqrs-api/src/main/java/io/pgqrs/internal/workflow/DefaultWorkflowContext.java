package io.pgqrs.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.PostponeMessage;
import io.pgqrs.RetryPolicy;
import io.pgqrs.RunStatus;
import io.pgqrs.StepBody;
import io.pgqrs.StepRecord;
import io.pgqrs.WorkflowContext;
import io.pgqrs.WorkflowStep;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.json.JsonCodec;
import io.pgqrs.internal.validation.NameRules;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Steps and sleeps of one execution of a run: each step is looked up in the store, its recorded result returned when
 * it succeeded before, else its body run and the outcome recorded; a step or sleep that must wait postpones the run.
 */
final class DefaultWorkflowContext implements WorkflowContext {
    /** How long a run waits when a retry the store does not consider due yet (clocks a little apart) is looked at. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    private final Engine engine;
    private final String workflow;
    private final DefaultWorkflowRun run;
    private final RetryPolicy stepRetry;
    private final Set<String> names = new HashSet<>();

    /**
     * @param engine the connection's shared state
     * @param workflow the run's workflow name
     * @param run the run being executed
     * @param stepRetry the policy of steps that name none
     */
    DefaultWorkflowContext(Engine engine, String workflow, DefaultWorkflowRun run, RetryPolicy stepRetry) {
        this.engine = engine;
        this.workflow = workflow;
        this.run = run;
        this.stepRetry = stepRetry;
    }

    @Override
    public long runId() {
        return run.id();
    }

    @Override
    public <T> T step(String name, Class<T> type, StepBody<T> body) {
        return step(name, type, stepRetry, body);
    }

    @Override
    public <T> T step(String name, Class<T> type, RetryPolicy retry, StepBody<T> body) {
        claimName(name);
        // A step that never ran is not acquired first: its success is recorded in one write (the common case). It is
        // looked up first unless the previous step's write showed that every step of the run is this execution's own:
        // another worker may be running the same run (a lease that ran out), and a step it recorded must not run
        // again here. The lookup, or that write, sees a cancel.
        StepRecord found = run.lookupStep(name).orElse(null);
        boolean replayed = found != null && found.status() == RunStatus.SUCCESS;
        return engine.interceptors().aroundStep(workflow, runId(), name, replayed, () -> replayed
                ? WorkflowJson.read(found.output(), type, "the recorded result of step '" + name + "'")
                : execute(name, type, retry, body, found));
    }

    /** Runs a step that has not succeeded before (found, when it failed before) and records its outcome. */
    private <T> T execute(String name, Class<T> type, RetryPolicy retry, StepBody<T> body, StepRecord found) {
        WorkflowStep step = found == null ? null : acquire(name);
        T result;
        try {
            result = body.run();
        } catch (PostponeMessage | RunCancelled e) {
            throw e;
        } catch (PgqrsException e) {
            if (e.kind() == ErrorKind.PAUSED) {
                throw e;
            }
            throw failed(name, step, retry, e);
        } catch (Exception e) {
            throw failed(name, step, retry, e);
        }
        if (step != null) {
            step.complete(result);
            return result;
        }
        String written = WorkflowJson.write(result, "the result of step '" + name + "'");
        StepRecord stored = run.recordSuccess(name, written);
        // Another execution of the run (its lease ran out meanwhile) may have recorded the step first: its result wins.
        JsonNode first = stored.output();
        return first == null || first.toString().equals(written) ? result
                : WorkflowJson.read(first, type, "the recorded result of step '" + name + "'");
    }

    @Override
    public void pause(String name, String reason, Duration resumeAfter) {
        claimName(name);
        if (resumeAfter.isNegative()) {
            throw PgqrsException.validationFailed("Pause '" + name + "' must not be negative, got " + resumeAfter);
        }
        WorkflowStep step = acquire(name);
        if (step.succeeded()) {
            return;
        }
        step.complete(Map.of("message", reason, "resume_after", resumeAfter.toSeconds()));
        throw PgqrsException.paused(reason, resumeAfter);
    }

    @Override
    public void sleep(String name, Duration duration) {
        claimName(name);
        if (duration.isNegative()) {
            throw PgqrsException.validationFailed("Sleep '" + name + "' must not be negative, got " + duration);
        }
        WorkflowStep step = acquire(name);
        StepRecord recorded = step.record();
        Instant wake;
        if (step.succeeded() && recorded.output() != null && recorded.output().has("wake_at")) {
            wake = Instant.parse(recorded.output().get("wake_at").asText());
        } else {
            wake = engine.now().plus(duration);
            step.complete(JsonCodec.MAPPER.valueToTree(Map.of("wake_at", wake.toString())));
        }
        Duration left = Duration.between(engine.now(), wake);
        if (left.compareTo(Duration.ZERO) > 0) {
            throw new PostponeMessage(left, "run " + runId() + " sleeps ('" + name + "') until " + wake);
        }
    }

    /** A name names one step, sleep or pause of a run: a second use in one execution is a mistake in the function. */
    private void claimName(String name) {
        NameRules.requireStepName(name);
        if (!names.add(name)) {
            throw PgqrsException.validationFailed("Step name '" + name + "' is used twice in run " + runId()
                    + ": every step, sleep and pause of a run needs a name of its own (in a loop, add the index)");
        }
    }

    /** Acquires a step: a cancelled run unwinds, a retry not due postpones the run. */
    private WorkflowStep acquire(String name) {
        try {
            return run.acquireStep(name);
        } catch (PgqrsException e) {
            if (e.kind() == ErrorKind.CANCELLED) {
                throw new RunCancelled(runId());
            }
            if (e.kind() != ErrorKind.STEP_NOT_READY) {
                throw e;
            }
            Duration left = Duration.between(engine.now(), e.retryAt().orElseThrow());
            throw new PostponeMessage(left.isNegative() || left.isZero() ? CLOCK_SLACK : left,
                    "step '" + name + "' of run " + runId() + " retries at " + e.retryAt().orElseThrow());
        }
    }

    /** Records a failed attempt and returns what to throw: a postponement until the retry, or the end. */
    private RuntimeException failed(String name, WorkflowStep step, RetryPolicy retry, Exception cause) {
        WorkflowStep attempt = step != null ? step : new DefaultWorkflowStep(engine,
                engine.store().steps().acquire(run.record().id(), name, engine.at()));
        StepRecord failed = attempt.fail(cause, retry);
        if (failed.retryAt() == null) {
            return PgqrsException.retriesExhausted(name, failed.retryCount() + 1L, cause);
        }
        return new PostponeMessage(Duration.between(engine.now(), failed.retryAt()), "step '" + name + "' of run "
                + runId() + " failed on attempt " + failed.retryCount() + " (" + cause + "); retrying at " + failed.retryAt());
    }
}
