package io.pgqrs.internal.workflow;

import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.MessageProcessor;
import io.pgqrs.PgqrsException;
import io.pgqrs.PostponeMessage;
import io.pgqrs.RetryPolicy;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.WorkflowFunction;
import io.pgqrs.WorkflowRecord;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.runtime.SettlementWrites;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler of a workflow's trigger messages: materialises the message's run, settles it at once when it is
 * cancelled or ended (without running user code), else runs the workflow function and records its output or its
 * error. Returning normally archives the message; a {@link PostponeMessage} from a step or sleep gives it back until
 * then.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
final class WorkflowExecutor<I, O> implements MessageProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowExecutor.class);

    private final Engine engine;
    private final WorkflowRecord workflow;
    private final Class<I> inputType;
    private final WorkflowFunction<I, O> function;
    private final RetryPolicy stepRetry;

    WorkflowExecutor(Engine engine, WorkflowRecord workflow, Class<I> inputType, WorkflowFunction<I, O> function,
                     RetryPolicy stepRetry) {
        this.engine = engine;
        this.workflow = workflow;
        this.inputType = inputType;
        this.function = function;
        this.stepRetry = stepRetry;
    }

    @Override
    public void process(Message message) {
        Optional<RunRecord> seen = engine.store().runs().findByMessage(message.id());
        DefaultWorkflowRun run;
        if (seen.isEmpty()) {
            // First delivery: the run is written with its first step's result, not in a transaction of its own.
            run = DefaultWorkflowRun.unstarted(engine, workflow, message);
        } else {
            run = engine.store().inTransaction(() -> startable(seen.get()));
            RunStatus status = run.record().status();
            if (status == RunStatus.CANCELLED || status == RunStatus.SUCCESS || status == RunStatus.ERROR) {
                LOG.debug("Run {} of workflow '{}' has ended ({}); its trigger is settled without running it again",
                        message.id(), workflow.name(), status);
                return;
            }
            // RUNNING: a redelivery after a crash or a postponement; recorded steps answer again
        }
        try {
            engine.interceptors().aroundRun(workflow.name(), run.id(), () -> execute(run));
        } catch (PostponeMessage e) {
            throw e;
        } catch (PgqrsException e) {
            settle(run, e);
        } catch (Exception e) {
            fail(run, "NON_RETRYABLE", e.toString());
        }
    }

    /** Runs the function and records its output; a cancel unwinds it, which ends this execution normally. */
    private void execute(DefaultWorkflowRun run) throws Exception {
        try {
            O output = function.run(new DefaultWorkflowContext(engine, workflow.name(), run, stepRetry),
                    run.input(inputType));
            end(run, output);
        } catch (RunCancelled e) {
            LOG.debug("Run {} of workflow '{}' was cancelled", run.id(), workflow.name());
        }
    }

    /**
     * Records the output; one Jackson cannot write fails the run instead. Under the worker runtime the output is
     * written in the transaction that archives the trigger, so that the end of a run costs no commit of its own; if
     * the process dies before that commits, the trigger comes back and the run ends again from its recorded steps.
     */
    private void end(DefaultWorkflowRun run, O output) {
        String json;
        try {
            json = WorkflowJson.write(output, "the output of run " + run.id());
        } catch (PgqrsException e) {
            if (e.kind() != ErrorKind.SERIALIZATION) {
                throw e;
            }
            fail(run, e.kind().name(), e.getMessage());
            return;
        }
        run.record(); // a run with no step is written now, so that the deferred write finds it
        if (!SettlementWrites.defer(() -> unlessCancelled(() -> run.completeWith(json)))) {
            unlessCancelled(() -> run.completeWith(json));
        }
    }

    /** What a library error out of the function means: a pause or a wait for a step, else the run's failure. */
    private void settle(DefaultWorkflowRun run, PgqrsException e) {
        switch (e.kind()) {
            case PAUSED -> {
                Duration resumeAfter = e.retryAfter().orElse(Duration.ZERO);
                String reason = e.reason().orElse("");
                // Paused in the transaction that releases the trigger: a resume never sees a paused run still leased.
                if (SettlementWrites.deferToPostponement(() -> unlessCancelled(() -> run.pause(reason, resumeAfter)))
                        || unlessCancelled(() -> run.pause(reason, resumeAfter))) {
                    throw new PostponeMessage(resumeAfter, "run " + run.id() + " paused: " + reason);
                }
            }
            case STEP_NOT_READY -> throw new PostponeMessage(Duration.between(engine.now(), e.retryAt().orElseThrow()),
                    "run " + run.id() + " waits for " + e.getMessage());
            case CANCELLED -> LOG.debug("Run {} of workflow '{}' was cancelled", run.id(), workflow.name());
            default -> fail(run, e.kind().name(), e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()));
        }
    }

    /** Starts a queued or paused run and finishes a cancelling one, in one transaction. */
    private DefaultWorkflowRun startable(RunRecord run) {
        RunRecord now = switch (run.status()) {
            case CANCELLING -> engine.store().runs().completeCancel(run.id(), engine.at()).orElse(run);
            case QUEUED, PAUSED -> engine.store().runs().start(run.id(), engine.at()).orElse(run);
            default -> run;
        };
        return new DefaultWorkflowRun(engine, now);
    }

    private void fail(DefaultWorkflowRun run, String code, String message) {
        LOG.info("Run {} of workflow '{}' failed: {}", run.id(), workflow.name(), message);
        unlessCancelled(() -> run.fail(code, message));
    }

    /** Makes a run change that a cancel may refuse (the cancel is then finished, and wins). @return whether it was made */
    private static boolean unlessCancelled(Runnable change) {
        try {
            change.run();
            return true;
        } catch (PgqrsException e) {
            if (e.kind() != ErrorKind.CANCELLED) {
                throw e;
            }
            return false;
        }
    }
}
