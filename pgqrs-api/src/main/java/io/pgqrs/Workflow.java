package io.pgqrs;

import java.util.List;

/**
 * A defined workflow: from {@link Workflows#define}. Runs are triggered as messages on the workflow's queue (named as
 * the workflow) and executed by its {@link #worker()}, possibly in other processes.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public interface Workflow<I, O> {

    /** @return its name, also the name of its queue */
    String name();

    /**
     * Starts a run: one message {@code {"input": …}} on the workflow's queue.
     *
     * @param input the input, written as JSON
     * @return the run
     * @throws PgqrsException {@code VALIDATION_FAILED} for a null input, {@code SERIALIZATION} when Jackson cannot
     *         write it (nothing is enqueued then)
     */
    RunHandle<O> trigger(I input);

    /**
     * Reattaches to a run started earlier, e.g. by another process, to wait for its result or cancel it.
     *
     * @param runId a run id from {@link #trigger}
     * @return a handle on that run; it is not checked that the run exists
     */
    RunHandle<O> run(long runId);

    /**
     * @param status only runs in this state, or null for all
     * @param limit at most this many
     * @return its runs, newest first
     */
    List<RunRecord> runs(RunStatus status, int limit);

    /**
     * A worker for this workflow's runs, its handler set; configure concurrency, lease and shutdown, then start it.
     *
     * @return the builder
     */
    QueueWorkerBuilder worker();
}
