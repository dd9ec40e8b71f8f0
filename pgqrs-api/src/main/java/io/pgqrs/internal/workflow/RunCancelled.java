package io.pgqrs.internal.workflow;

/**
 * Unwinds a workflow function whose run was cancelled: thrown when a step or sleep finds the run cancelled, and caught
 * by the executor, which then settles the trigger message without running more of the function.
 */
final class RunCancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunCancelled(long runId) {
        super("workflow run " + runId + " was cancelled", null, false, false);
    }
}
