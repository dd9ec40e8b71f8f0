package io.pgqrs.internal.workflow;

import io.pgqrs.Message;
import io.pgqrs.MessageProcessor;
import io.pgqrs.PgqrsException;
import io.pgqrs.PostponeMessage;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.WorkflowFunction;
import io.pgqrs.WorkflowRecord;
import io.pgqrs.internal.Engine;
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

    WorkflowExecutor(Engine engine, WorkflowRecord workflow, Class<I> inputType, WorkflowFunction<I, O> function) {
        this.engine = engine;
        this.workflow = workflow;
        this.inputType = inputType;
        this.function = function;
    }

    @Override
    public void process(Message message) {
        RunRecord run = engine.store().inTransaction(() -> startable(Triggers.materialise(engine, workflow, message)));
        switch (run.status()) {
            case CANCELLED, SUCCESS, ERROR -> {
                LOG.debug("Run {} of workflow '{}' has ended ({}); its trigger is settled without running it again",
                        message.id(), workflow.name(), run.status());
                return;
            }
            default -> {
                // RUNNING: started now, or a redelivery after a crash or a postponement; recorded steps answer again
            }
        }
        O output;
        try {
            output = function.run(new DefaultWorkflowContext(engine, run), WorkflowJson.read(run.input(), inputType,
                    "the input of run " + message.id()));
        } catch (PostponeMessage e) {
            throw e;
        } catch (RunCancelled e) {
            return;
        } catch (Exception e) {
            fail(run, e instanceof PgqrsException p ? p.kind().name() : "NON_RETRYABLE", e.toString());
            return;
        }
        String result;
        try {
            result = WorkflowJson.write(output, "the output of run " + message.id());
        } catch (PgqrsException e) {
            fail(run, e.kind().name(), e.getMessage() + ": " + e.getCause());
            return;
        }
        if (engine.store().runs().complete(run.id(), result, engine.at()).isEmpty()) {
            // Cancelled while its last step ran: the cancel wins.
            engine.store().runs().completeCancel(run.id(), engine.at());
        }
    }

    /** Starts a queued or paused run and finishes a cancelling one, in the caller's transaction with its materialisation. */
    private RunRecord startable(RunRecord run) {
        return switch (run.status()) {
            case CANCELLING -> engine.store().runs().completeCancel(run.id(), engine.at()).orElse(run);
            case QUEUED, PAUSED -> engine.store().runs().start(run.id(), engine.at()).orElse(run);
            default -> run;
        };
    }

    private void fail(RunRecord run, String code, String message) {
        LOG.info("Run {} of workflow '{}' failed: {}", run.messageId(), workflow.name(), message);
        if (engine.store().runs().fail(run.id(), WorkflowJson.error(false, code, message), engine.at()).isEmpty()) {
            engine.store().runs().completeCancel(run.id(), engine.at());
        }
    }
}
