package io.pgqrs.spi;

import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage steps on {@code pgqrs_workflow_runs}, each atomic: one run per trigger message, and guarded status changes
 * that return the changed row, or empty when the run was not in a state the change allows (then nothing is changed).
 * "Now" is {@code at} or, when null, the store's clock; every change sets {@code updated_at = now}. JSON values are
 * compact JSON texts.
 */
public interface RunTable {

    /**
     * The run of a trigger message, created {@code QUEUED} with the input when it does not exist yet; two concurrent
     * calls for one message return the same run.
     *
     * @param workflowId the definition
     * @param messageId the trigger message
     * @param input the input as JSON, or null
     * @param at the time, or null
     * @return the run
     */
    RunRecord materialise(long workflowId, long messageId, String input, Instant at);

    /**
     * The run of a trigger message, started: created {@code RUNNING} with the input and {@code started_at} when it
     * does not exist yet, else started as {@link #start} does when it is {@code QUEUED}, else as it is (a paused,
     * cancelling or ended run is not changed). Called inside a transaction by a worker that takes up a trigger; the
     * default is {@link #materialise} then {@link #start}, and a backend may do it in one statement.
     *
     * @param workflowId the definition
     * @param messageId the trigger message
     * @param input the input as JSON, or null
     * @param at the time, or null
     * @return the run
     */
    default RunRecord materialiseStarted(long workflowId, long messageId, String input, Instant at) {
        RunRecord run = materialise(workflowId, messageId, input, at);
        return run.status() == RunStatus.QUEUED ? start(run.id(), at).orElse(run) : run;
    }

    /**
     * Creates the run of a trigger message {@code RUNNING} and records its first step's success, in one atomic write,
     * when the run does not exist yet: what {@link #materialiseStarted} and {@link StepTable#recordSuccess} do in one
     * transaction, where the run is new: a worker calls it when the first step of a run it took up for the first time
     * succeeded, and a store that can do both in one statement spares two round trips. The step is
     * {@linkplain RecordedStep#written() written}, the run {@code RUNNING} with no {@linkplain RecordedStep#otherSteps()
     * other steps}. When the run exists already nothing is written and the result is empty; the caller then makes the
     * two writes in one transaction. The default returns empty at once.
     *
     * @param workflowId the definition
     * @param messageId the trigger message
     * @param input the input as JSON, or null
     * @param stepName the first step's name
     * @param output the first step's result as JSON
     * @param at the time, or null
     * @return the run and its first step, or empty when nothing was written
     */
    default Optional<StartedRun> startWithFirstStep(long workflowId, long messageId, String input, String stepName,
                                                    String output, Instant at) {
        return Optional.empty();
    }

    /**
     * Reads one run by its own id.
     *
     * @param id a run id
     * @return the run, if it exists
     */
    Optional<RunRecord> get(long id);

    /**
     * Finds the run a trigger message started.
     *
     * @param messageId a trigger message
     * @return its run, if one was materialised
     */
    Optional<RunRecord> findByMessage(long messageId);

    /**
     * Reads a run's status and one of its steps together, in one read where the store can (a join): a worker asks it
     * before every step of a run. Both values must come from committed state; they need not be one snapshot.
     *
     * @param id a run id
     * @param stepName a step name
     * @return the run's status and the step, if it was ever acquired or recorded; empty when the run does not exist
     */
    Optional<StepLookup> lookupStep(long id, String stepName);

    /**
     * @param workflowId a definition
     * @param status only runs in this state, or null for all
     * @param limit at most this many
     * @return runs, newest first (by id)
     */
    List<RunRecord> list(long workflowId, RunStatus status, int limit);

    /**
     * How many runs of a definition are in each state, in one read where the store can (a dashboard shows them per
     * workflow). The default lists the runs.
     *
     * @param workflowId a definition
     * @return the number of its runs per state; a state without runs may be absent
     */
    default Map<RunStatus, Long> countByStatus(long workflowId) {
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        list(workflowId, null, Integer.MAX_VALUE).forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        return counts;
    }

    /**
     * {@code QUEUED | PAUSED → RUNNING}, clearing the pause reason from {@code error}; {@code started_at} is set the first
     * time only.
     *
     * @param id the run
     * @param at the time, or null
     * @return the changed run, or empty
     */
    Optional<RunRecord> start(long id, Instant at);

    /**
     * Any state but {@code CANCELLING} and {@code CANCELLED} → {@code SUCCESS} with the output and {@code completed_at}.
     *
     * @param id the run
     * @param output the result as JSON
     * @param at the time, or null
     * @return the changed run, or empty
     */
    Optional<RunRecord> complete(long id, String output, Instant at);

    /**
     * Any state but {@code CANCELLING} and {@code CANCELLED} → {@code ERROR} with the error and {@code completed_at}.
     *
     * @param id the run
     * @param error the failure as JSON
     * @param at the time, or null
     * @return the changed run, or empty
     */
    Optional<RunRecord> fail(long id, String error, Instant at);

    /**
     * Any state but {@code CANCELLING} and {@code CANCELLED} → {@code PAUSED} with the reason in {@code error} and
     * {@code paused_at}.
     *
     * @param id the run
     * @param reason why and until when, as JSON
     * @param at the time, or null
     * @return the changed run, or empty
     */
    Optional<RunRecord> pause(long id, String reason, Instant at);

    /**
     * {@code QUEUED | RUNNING | PAUSED → CANCELLING}, clearing a pause reason from {@code error}.
     *
     * @param id the run
     * @param at the time, or null
     * @return the changed run, or empty
     */
    Optional<RunRecord> cancel(long id, Instant at);

    /**
     * {@code CANCELLING → CANCELLED} with {@code completed_at}.
     *
     * @param id the run
     * @param at the time, or null
     * @return the changed run, or empty
     */
    Optional<RunRecord> completeCancel(long id, Instant at);
}
