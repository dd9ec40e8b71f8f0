package io.pgqrs.spi;

import io.pgqrs.StepRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage steps on {@code pgqrs_workflow_steps}, each atomic; a step is named uniquely within its run. "Now" is
 * {@code at} or, when null, the store's clock; every change sets {@code updated_at = now}. JSON values are compact
 * JSON texts.
 */
public interface StepTable {

    /**
     * Takes a step for an attempt: a new step is created {@code RUNNING} with {@code started_at = now} and
     * {@code retry_count = 0}; an existing {@code SUCCESS} or {@code ERROR} step is left as it is; any other existing
     * step becomes {@code RUNNING} with {@code started_at = now}.
     *
     * @param runId the run
     * @param name the step name
     * @param at the time, or null
     * @return the step after that
     */
    StepRecord acquire(long runId, String name, Instant at);

    /**
     * @param runId the run
     * @param name the step name
     * @return the step, if it was ever acquired or recorded
     */
    Optional<StepRecord> find(long runId, String name);

    /**
     * Records a step that was not acquired first as {@code SUCCESS} with its output ({@code started_at} and
     * {@code completed_at} now), in one write: the fast path of a step that succeeds at its first attempt. When the step
     * exists already (another worker recorded it meanwhile), it is left as it is. The same atomic write reads the run's
     * status and counts the run's other steps, so that the caller knows, without another read, whether the run was
     * cancelled meanwhile and whether anyone else has been recording its steps.
     *
     * @param runId the run
     * @param name the step name
     * @param output the result as JSON
     * @param at the time, or null
     * @return the step as stored afterwards, whether this call wrote it, the run's status and its number of other steps
     */
    RecordedStep recordSuccess(long runId, String name, String output, Instant at);

    /**
     * {@code RUNNING → SUCCESS} with the output and {@code completed_at}.
     *
     * @param runId the run
     * @param name the step name
     * @param output the result as JSON
     * @param at the time, or null
     * @return the changed step, or empty when it was not running
     */
    Optional<StepRecord> complete(long runId, String name, String output, Instant at);

    /**
     * {@code RUNNING → ERROR} with the error. With {@code retryAt}, a retry is scheduled: {@code retry_at = retryAt},
     * {@code retry_count + 1}, {@code last_retry_at = now}; without, the step has failed for good:
     * {@code completed_at = now}, no {@code retry_at}.
     *
     * @param runId the run
     * @param name the step name
     * @param error the failure as JSON
     * @param retryAt when a retry may run, or null for none
     * @param at the time, or null
     * @return the changed step, or empty when it was not running
     */
    Optional<StepRecord> fail(long runId, String name, String error, Instant retryAt, Instant at);

    /**
     * Takes a due retry: an {@code ERROR} step whose {@code retry_at <= now} becomes {@code RUNNING} with no
     * {@code retry_at} and no error, {@code started_at = now}.
     *
     * @param runId the run
     * @param name the step name
     * @param at the time, or null
     * @return the changed step, or empty when no retry was due
     */
    Optional<StepRecord> takeRetry(long runId, String name, Instant at);

    /**
     * Lists the steps a run has recorded.
     *
     * @param runId a run
     * @return its steps, in the order they were first acquired
     */
    List<StepRecord> list(long runId);
}
