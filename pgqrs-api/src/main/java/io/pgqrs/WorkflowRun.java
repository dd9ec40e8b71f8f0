package io.pgqrs;

import java.time.Duration;

/**
 * The manual level of a workflow run, for code that drives runs from its own consumer loop instead of a
 * {@link Workflow#worker()}: from {@link Workflows#open(Message)}. Every method is one atomic change in the store and
 * returns the run as it is afterwards. What a worker does for you is yours to do here: give the trigger message back
 * (until a step's retry time or a pause's end) or archive it when the run ends.
 *
 * <p>A run that has been cancelled wins over every other change: {@link #complete}, {@link #fail} and {@link #pause}
 * of a run that is being cancelled finish the cancel and throw {@code CANCELLED}, and so does {@link #acquireStep}.
 */
public interface WorkflowRun {

    /** @return the run's id: its trigger message's id */
    long id();

    /** @return the run as last read or changed by this handle */
    RunRecord record();

    /** @return the run as stored now */
    RunRecord refresh();

    /**
     * @param type the input type
     * @param <T> the input type
     * @return the run's input, read as {@code type}
     * @throws PgqrsException {@code SERIALIZATION} when it does not read as {@code type}
     */
    <T> T input(Class<T> type);

    /**
     * {@code QUEUED} or {@code PAUSED} becomes {@code RUNNING}; a running run is returned as it is (a redelivered
     * trigger).
     *
     * @return the run
     * @throws PgqrsException {@code VALIDATION_FAILED} for a run that has ended or is being cancelled
     */
    RunRecord start();

    /**
     * Ends the run with its output.
     *
     * @param output the result, written as JSON (null for none)
     * @return the run, {@code SUCCESS}
     * @throws PgqrsException {@code CANCELLED} when it was being cancelled (it is {@code CANCELLED} now),
     *         {@code SERIALIZATION} when Jackson cannot write the output (nothing is changed)
     */
    RunRecord complete(Object output);

    /**
     * Ends the run as failed.
     *
     * @param message what went wrong
     * @return the run, {@code ERROR}, with {@code {"is_transient": false, "code": "NON_RETRYABLE", "message": …}}
     * @throws PgqrsException {@code CANCELLED} when it was being cancelled
     */
    RunRecord fail(String message);

    /**
     * Pauses the run, with {@code {"message": …, "resume_after": seconds}} as its error until it starts again. Give its
     * trigger message back for {@code resumeAfter}.
     *
     * @param message why
     * @param resumeAfter how long until it goes on by itself, zero or more
     * @return the run, {@code PAUSED}
     * @throws PgqrsException {@code CANCELLED} when it was being cancelled, {@code VALIDATION_FAILED} for a negative
     *         duration
     */
    RunRecord pause(String message, Duration resumeAfter);

    /**
     * Asks the run to stop: {@code QUEUED}, {@code RUNNING} or {@code PAUSED} becomes {@code CANCELLING}, which the
     * next {@link #acquireStep} or delivery of its trigger makes {@code CANCELLED}.
     *
     * @return the run, {@code CANCELLING}
     * @throws PgqrsException {@code VALIDATION_FAILED} for a run that has ended or is being cancelled
     */
    RunRecord cancel();

    /**
     * Takes a step for an attempt: a new step is created {@code RUNNING}; a step that succeeded is returned as it is
     * (use its output, do not run it again); a failed step whose retry is due runs again.
     *
     * @param name the step's name within the run, 1 to 255 bytes of UTF-8
     * @return the step
     * @throws PgqrsException {@code CANCELLED} when the run was cancelled (the cancel is finished now),
     *         {@code STEP_NOT_READY} with the retry time when its retry is not due, {@code RETRIES_EXHAUSTED} when it
     *         failed for good, {@code VALIDATION_FAILED} for a bad name
     */
    WorkflowStep acquireStep(String name);
}
