package io.pgqrs.internal.workflow;

import io.pgqrs.Message;
import io.pgqrs.PgqrsException;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.StepRecord;
import io.pgqrs.WorkflowRecord;
import io.pgqrs.WorkflowRun;
import io.pgqrs.WorkflowStep;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.json.JsonCodec;
import io.pgqrs.internal.validation.NameRules;
import io.pgqrs.spi.RecordedStep;
import io.pgqrs.spi.StartedRun;
import io.pgqrs.spi.StepLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's guarded changes, each one store call; what both the manual level and the workflow executor use.
 *
 * <p>The run of a trigger delivered for the first time is {@linkplain #unstarted unstarted}: it is written (created and
 * started) with its first change, in the same transaction, instead of in a transaction of its own; until then a
 * cancel finds it through its trigger message.
 */
final class DefaultWorkflowRun implements WorkflowRun {
    private final Engine engine;
    private final WorkflowRecord workflow;
    private final Message trigger;
    private volatile RunRecord record;
    private volatile boolean pendingStart;
    /** Set for a trigger just found without a run: the first step's lookup need not ask the store again. */
    private volatile boolean knownAbsent;
    /** The steps of the run this execution has seen stored (found, acquired or recorded by it). */
    private final Set<String> stepsSeen = ConcurrentHashMap.newKeySet();
    /**
     * Set when this execution's last step write found the run {@code RUNNING} with no step it had not seen: no one else
     * records the run's steps, so the next step is not in the store and its lookup need not ask.
     */
    private volatile boolean nextStepUnrecorded;

    DefaultWorkflowRun(Engine engine, RunRecord record) {
        this(engine, null, null, record, false);
    }

    private DefaultWorkflowRun(Engine engine, WorkflowRecord workflow, Message trigger, RunRecord record, boolean pendingStart) {
        this.engine = engine;
        this.workflow = workflow;
        this.trigger = trigger;
        this.record = record;
        this.pendingStart = pendingStart;
    }

    /**
     * @param engine the connection's shared state
     * @param workflow the trigger's workflow
     * @param trigger a trigger whose run the store was just asked for and does not have
     * @return its run, to be written with its first change
     */
    static DefaultWorkflowRun unstarted(Engine engine, WorkflowRecord workflow, Message trigger) {
        DefaultWorkflowRun run = new DefaultWorkflowRun(engine, workflow, trigger, null, true);
        run.knownAbsent = true;
        return run;
    }

    @Override
    public long id() {
        return trigger != null ? trigger.id() : record.messageId();
    }

    @Override
    public RunRecord record() {
        return started();
    }

    @Override
    public RunRecord refresh() {
        record = engine.store().runs().get(started().id())
                .orElseThrow(() -> PgqrsException.workflowNotFound("Workflow run " + id()));
        return record;
    }

    @Override
    public <T> T input(Class<T> type) {
        return WorkflowJson.read(pendingStart ? Triggers.input(trigger) : record.input(), type, "the input of run " + id());
    }

    /** The run, written and started first when it is unstarted. */
    private RunRecord started() {
        if (pendingStart) {
            record = engine.store().inTransaction(this::materialiseAndStart);
            pendingStart = false;
        }
        return record;
    }

    /** Creates (or finds) the run of the trigger and starts it when it is queued; call inside a transaction. */
    private RunRecord materialiseAndStart() {
        return Triggers.materialiseStarted(engine, workflow, trigger);
    }

    /**
     * Records a step's success that was not acquired first, in one write whose commit concurrent runs' steps may share;
     * an unstarted run is written in the same write (one statement where the store can). It returns only once the
     * write committed.
     *
     * @param name the step
     * @param output its result as JSON
     * @return the step as stored afterwards
     */
    StepRecord recordSuccess(String name, String output) {
        Instant at = engine.at();
        RecordedStep recorded;
        if (!pendingStart) {
            long runId = record.id();
            recorded = engine.commits().writeOne(() -> engine.store().steps().recordSuccess(runId, name, output, at));
        } else {
            String input = Triggers.input(trigger).toString();
            Optional<StartedRun> started = engine.commits().writeOne(() -> engine.store().runs()
                    .startWithFirstStep(workflow.id(), trigger.id(), input, name, output, at));
            if (started.isPresent()) {
                record = started.get().run();
                recorded = started.get().firstStep();
            } else {
                // The run was written meanwhile (a cancel of the trigger, another worker), or the store has no such write.
                RunRecord[] run = new RunRecord[1];
                recorded = engine.commits().write(() -> {
                    run[0] = materialiseAndStart();
                    return engine.store().steps().recordSuccess(run[0].id(), name, output, at);
                });
                record = run[0];
            }
            pendingStart = false;
        }
        // Counted before this step joins the seen ones: the run's other steps are all this execution's own.
        nextStepUnrecorded = recorded.written() && recorded.runStatus() == RunStatus.RUNNING
                && recorded.otherSteps() == stepsSeen.size();
        stepsSeen.add(name);
        return recorded.step();
    }

    /**
     * What an execution reads before a step, in one store call when the run is written: whether the run was cancelled
     * meanwhile (a cancel that was asked for is finished here) and whether the step was recorded before.
     *
     * @param name a step name
     * @return the step, if recorded; for a run not written yet, the store is asked only when another execution wrote
     *         the run meanwhile
     * @throws RunCancelled when the run is cancelled now
     */
    Optional<StepRecord> lookupStep(String name) {
        boolean justAsked = knownAbsent;
        knownAbsent = false;
        boolean unrecorded = nextStepUnrecorded;
        nextStepUnrecorded = false;
        if (unrecorded && !stepsSeen.contains(name)) {
            // The last step write saw the run RUNNING and every step of it this execution's: a cancel landing since is
            // seen at this step's write, as one landing while this step runs would be.
            return Optional.empty();
        }
        if (justAsked && pendingStart) {
            // The executor found no run a moment ago and nothing wrote it since: a cancel landing meanwhile is seen
            // at the next step, as one landing just after this lookup would be.
            return Optional.empty();
        }
        if (pendingStart) {
            // Unwritten yet: a cancel of a trigger no worker had seen writes its run, which is then found here.
            Optional<RunRecord> written = engine.store().runs().findByMessage(trigger.id());
            if (written.isEmpty()) {
                return Optional.empty();
            }
            record = written.get();
            pendingStart = record.status() == RunStatus.QUEUED;
        }
        StepLookup found = engine.store().runs().lookupStep(record.id(), name)
                .orElseThrow(() -> PgqrsException.workflowNotFound("Workflow run " + id()));
        if (finishedCancel(found.runStatus())) {
            throw new RunCancelled(id());
        }
        found.step().ifPresent(step -> stepsSeen.add(step.stepName()));
        return found.step();
    }

    @Override
    public RunRecord start() {
        Optional<RunRecord> started = engine.store().runs().start(started().id(), engine.at());
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
        return completeWith(WorkflowJson.write(output, "the output of run " + id()));
    }

    /**
     * @param json the output, written as JSON
     * @return the run, {@code SUCCESS}
     * @throws PgqrsException {@code CANCELLED} when a cancel came first (it is finished then)
     */
    RunRecord completeWith(String json) {
        return changed(engine.store().runs().complete(started().id(), json, engine.at()));
    }

    @Override
    public RunRecord fail(String message) {
        return fail("NON_RETRYABLE", message);
    }

    /** As {@link #fail(String)} with the error's code, e.g. the kind of the library error that ended the run. */
    RunRecord fail(String code, String message) {
        return changed(engine.store().runs().fail(started().id(), WorkflowJson.error(false, code, message), engine.at()));
    }

    @Override
    public RunRecord pause(String message, Duration resumeAfter) {
        if (resumeAfter.isNegative()) {
            throw PgqrsException.validationFailed("a pause must last zero or more, got " + resumeAfter);
        }
        return changed(engine.store().runs().pause(started().id(), pauseReason(message, resumeAfter), engine.at()));
    }

    /** @return the error of a paused run: {@code {"message": …, "resume_after": seconds}} */
    static String pauseReason(String message, Duration resumeAfter) {
        return JsonCodec.MAPPER.valueToTree(Map.of("message", message, "resume_after", resumeAfter.toSeconds())).toString();
    }

    @Override
    public RunRecord cancel() {
        record = engine.store().runs().cancel(started().id(), engine.at()).orElseThrow(() ->
                PgqrsException.validationFailed("Run " + id() + " is in " + refresh().status() + " state and cannot be cancelled"));
        return record;
    }

    @Override
    public WorkflowStep acquireStep(String name) {
        NameRules.requireStepName(name);
        if (cancelledNow()) {
            throw PgqrsException.cancelled(id());
        }
        nextStepUnrecorded = false;
        StepRecord step = engine.store().steps().acquire(started().id(), name, engine.at());
        stepsSeen.add(name);
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
        RunRecord now;
        if (pendingStart) {
            // Unwritten yet: a cancel of a trigger no worker had seen writes its run, which is then found here.
            Optional<RunRecord> written = engine.store().runs().findByMessage(trigger.id());
            if (written.isEmpty()) {
                return false;
            }
            now = written.get();
            record = now;
            pendingStart = now.status() == RunStatus.QUEUED;
        } else {
            now = refresh();
        }
        return finishedCancel(now.status());
    }

    /** Finishes a cancel that was asked for. @param status the run's status now @return whether it is cancelled now */
    private boolean finishedCancel(RunStatus status) {
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
