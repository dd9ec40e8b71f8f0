package io.pgqrs;

import java.time.Duration;

/**
 * What a {@link WorkflowFunction} uses to make its effects happen once: named steps whose results are recorded, and
 * durable sleeps that hold no thread. A name names one step, sleep or pause of a run, whose first recorded result
 * answers the same call when the run executes again; using one name twice in one execution is a mistake in the
 * function and fails the run with {@code VALIDATION_FAILED} (in a loop, add the index to the name).
 *
 * <p>To pause from inside a step or the function on a condition of your own, throw
 * {@link PgqrsException#paused(String, Duration)}: the run pauses and goes on from that step later, and the step does
 * not count it as a failed attempt.
 *
 * <p>When a step must wait (its retry is not due, a sleep has not ended), the context throws {@link PostponeMessage}:
 * the run's trigger message goes back to the queue until then, without using up a delivery, and the workflow runs
 * again from the top, skipping the steps that succeeded. Let that exception pass.
 */
public interface WorkflowContext {

    /** @return the run's id: its trigger message's id */
    long runId();

    /**
     * Runs a step once: its recorded result if it succeeded before, else the body, retried on failure with the
     * workflow's step policy (by default {@link Workflows#DEFAULT_STEP_RETRY}: 3 attempts, exponential back-off from
     * 1 s to 60 s with jitter).
     *
     * @param name the step's name within the run, 1 to 255 bytes of UTF-8
     * @param type the result type, for reading a recorded result back
     * @param body the work
     * @param <T> the result type
     * @return the result
     * @throws PgqrsException {@code RETRIES_EXHAUSTED} when the last attempt failed (the run then fails),
     *         {@code VALIDATION_FAILED} for a bad name or one used already in this execution, {@code SERIALIZATION}
     *         for a result Jackson cannot write or read
     */
    <T> T step(String name, Class<T> type, StepBody<T> body);

    /**
     * As {@link #step(String, Class, StepBody)} with a retry policy of its own.
     *
     * @param name the step's name within the run
     * @param type the result type
     * @param retry attempts and back-off for this step
     * @param body the work
     * @param <T> the result type
     * @return the result
     */
    <T> T step(String name, Class<T> type, RetryPolicy retry, StepBody<T> body);

    /**
     * Pauses the run: the first time, it becomes {@code PAUSED} with the reason and the resume time in its error, and
     * waits until {@code resumeAfter} has passed or {@link Workflows#resume} is called; afterwards the call returns at
     * once. Pausing uses no delivery and no step attempt.
     *
     * @param name the pause's name within the run, as a step's
     * @param reason why, for people reading the run
     * @param resumeAfter how long until the run goes on by itself
     * @throws PgqrsException {@code VALIDATION_FAILED} for a negative duration or a bad name
     */
    void pause(String name, String reason, Duration resumeAfter);

    /**
     * Waits durably: the first time, records when the sleep ends; until then the run is postponed (no thread waits,
     * and a worker restart does not shorten or restart the sleep).
     *
     * @param name the sleep's name within the run, as a step's
     * @param duration how long, zero or more
     * @throws PgqrsException {@code VALIDATION_FAILED} for a negative duration or a bad name
     */
    void sleep(String name, Duration duration);
}
