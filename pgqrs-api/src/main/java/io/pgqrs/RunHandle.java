package io.pgqrs;

import java.time.Duration;
import java.util.Optional;

/**
 * One triggered run of a workflow, by its id (the trigger message's id).
 *
 * @param <O> the output type
 */
public interface RunHandle<O> {

    /** @return the run id: the trigger message's id */
    long id();

    /**
     * @return the run as stored, or empty while no worker has seen it yet
     * @throws PgqrsException {@code WORKFLOW_NOT_FOUND} when the id is not a run of this workflow
     */
    Optional<RunRecord> record();

    /**
     * Looks once, without waiting.
     *
     * @return the output once the run succeeded; empty while it is queued, running or paused
     * @throws PgqrsException {@code EXECUTION_FAILED} when it failed, {@code CANCELLED} when it was cancelled,
     *         {@code WORKFLOW_NOT_FOUND} when the id is not a run of this workflow
     */
    Optional<O> get();

    /**
     * Waits for the run to end.
     *
     * @param timeout how long to wait at most
     * @return the output
     * @throws PgqrsException as {@link #get()}; {@code TIMEOUT} when the run has not ended by then
     */
    O result(Duration timeout);
}
