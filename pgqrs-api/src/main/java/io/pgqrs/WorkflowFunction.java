package io.pgqrs;

/**
 * The body of a workflow: plain Java that runs its side effects as {@link WorkflowContext#step steps}. It may run more
 * than once for one run (after a crash, a retry or a sleep), so everything with an effect belongs in a step, whose
 * result is recorded and returned again instead of running it twice.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface WorkflowFunction<I, O> {

    /**
     * @param context steps and sleeps of this run
     * @param input the run's input
     * @return the run's output
     * @throws Exception to fail the run (its error is the exception's text)
     */
    O run(WorkflowContext context, I input) throws Exception;
}
