package io.pgqrs.testsupport;

import io.pgqrs.WorkflowContext;
import io.pgqrs.WorkflowFunction;
import java.util.concurrent.CountDownLatch;

/**
 * The workflow of the crash tests: steps {@code one}, {@code two} and {@code three}, each logging its execution to a
 * {@link StepLog}. For input {@code n} the output is {@link #expectedOutput(int) "done-" + 2 (n + 1)}. When told to,
 * step two hangs forever after logging its start, so that a test can kill the process inside step two of three.
 */
public final class ThreeStepWorkflow implements WorkflowFunction<Integer, String> {
    private final StepLog log;
    private final boolean hangInTwo;

    /**
     * @param log where each step body logs its start and end
     * @param hangInTwo whether step two hangs after logging its start
     */
    public ThreeStepWorkflow(StepLog log, boolean hangInTwo) {
        this.log = log;
        this.hangInTwo = hangInTwo;
    }

    /** @param input a run's input @return the output of that run */
    public static String expectedOutput(int input) {
        return "done-" + 2 * (input + 1);
    }

    @Override
    public String run(WorkflowContext ctx, Integer input) {
        long run = ctx.runId();
        int one = ctx.step("one", Integer.class, () -> logged(run, "one", () -> input + 1));
        int two = ctx.step("two", Integer.class, () -> logged(run, "two", () -> {
            if (hangInTwo) {
                new CountDownLatch(1).await();
            }
            return one * 2;
        }));
        return ctx.step("three", String.class, () -> logged(run, "three", () -> "done-" + two));
    }

    private <T> T logged(long run, String step, Work<T> work) throws InterruptedException {
        log.append(run, step, "start");
        T result = work.run();
        log.append(run, step, "end");
        return result;
    }

    /** A step's work between its log lines. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws InterruptedException;
    }
}
