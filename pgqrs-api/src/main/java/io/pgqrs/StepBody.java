package io.pgqrs;

/**
 * The work of one workflow step. Its result is recorded when it returns, and a later run of the workflow gets the
 * recorded result instead of running it again.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface StepBody<T> {

    /**
     * @return the result, recorded as JSON ({@code null} for a step with none)
     * @throws Exception to fail this attempt; the step's retry policy decides what follows
     */
    T run() throws Exception;
}
