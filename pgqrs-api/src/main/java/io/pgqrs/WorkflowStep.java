package io.pgqrs;

/**
 * One step of a {@link WorkflowRun} taken for an attempt by {@link WorkflowRun#acquireStep}: run its work unless it
 * {@link #succeeded()}, then record the outcome with {@link #complete} or {@link #fail}.
 */
public interface WorkflowStep {

    /** @return the step as last read or changed by this handle */
    StepRecord record();

    /** @return whether the step succeeded before: its {@link #output} is the result, and its work must not run again */
    boolean succeeded();

    /**
     * @param type the result type
     * @param <T> the result type
     * @return the recorded result of a step that succeeded, or null when it has none
     * @throws PgqrsException {@code VALIDATION_FAILED} when the step has not succeeded, {@code SERIALIZATION} when the
     *         recorded result does not read as {@code type}
     */
    <T> T output(Class<T> type);

    /**
     * Records the step's success.
     *
     * @param output the result, written as JSON (null for none)
     * @return the step, {@code SUCCESS}
     * @throws PgqrsException {@code VALIDATION_FAILED} when the step is not running (it was recorded meanwhile),
     *         {@code SERIALIZATION} when Jackson cannot write the output (nothing is changed)
     */
    StepRecord complete(Object output);

    /**
     * Records a failed attempt: with attempts left under {@code retry}, the step gets a retry time
     * ({@code retry_at}) and its count of failed attempts goes up; otherwise it has failed for good.
     *
     * @param cause what went wrong
     * @param retry the step's attempts and back-off
     * @return the step, {@code ERROR}; {@link StepRecord#retryAt()} is null when it failed for good
     * @throws PgqrsException {@code VALIDATION_FAILED} when the step is not running
     */
    StepRecord fail(Throwable cause, RetryPolicy retry);
}
