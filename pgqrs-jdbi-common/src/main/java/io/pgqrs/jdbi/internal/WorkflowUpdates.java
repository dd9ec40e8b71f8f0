package io.pgqrs.jdbi.internal;

/** The guarded status changes of runs and steps, returning the changed row (see {@link ReturningUpdate}). */
final class WorkflowUpdates {
    private static final String RUNS = "pgqrs_workflow_runs";
    private static final String STEPS = "pgqrs_workflow_steps";
    /** Complete, fail and pause never overwrite a cancel. */
    private static final String NOT_CANCELLED = "id = :id AND status NOT IN ('CANCELLING', 'CANCELLED')";
    private static final String RUNNING_STEP = "run_id = :runId AND step_name = :name AND status = 'RUNNING'";

    static final ReturningUpdate START = run("status = 'RUNNING', error = NULL, started_at = COALESCE(started_at, <now>), "
            + "updated_at = <now>",
            "id = :id AND status IN ('QUEUED', 'PAUSED')");
    static final ReturningUpdate COMPLETE = run(
            "status = 'SUCCESS', output = CAST(:output AS <json>), completed_at = <now>, updated_at = <now>", NOT_CANCELLED);
    static final ReturningUpdate FAIL = run(
            "status = 'ERROR', error = CAST(:error AS <json>), completed_at = <now>, updated_at = <now>", NOT_CANCELLED);
    static final ReturningUpdate PAUSE = run(
            "status = 'PAUSED', error = CAST(:error AS <json>), paused_at = <now>, updated_at = <now>", NOT_CANCELLED);
    static final ReturningUpdate CANCEL = run("status = 'CANCELLING', error = NULL, updated_at = <now>",
            "id = :id AND status IN ('QUEUED', 'RUNNING', 'PAUSED')");
    static final ReturningUpdate COMPLETE_CANCEL = run("status = 'CANCELLED', completed_at = <now>, updated_at = <now>",
            "id = :id AND status = 'CANCELLING'");

    static final ReturningUpdate COMPLETE_STEP = step(
            "status = 'SUCCESS', output = CAST(:output AS <json>), completed_at = <now>, updated_at = <now>", RUNNING_STEP);
    static final ReturningUpdate RETRY_STEP = step("status = 'ERROR', error = CAST(:error AS <json>), retry_at = :retryAt, "
            + "retry_count = retry_count + 1, last_retry_at = <now>, updated_at = <now>", RUNNING_STEP);
    static final ReturningUpdate FAIL_STEP = step("status = 'ERROR', error = CAST(:error AS <json>), retry_at = NULL, "
            + "completed_at = <now>, updated_at = <now>", RUNNING_STEP);
    static final ReturningUpdate TAKE_RETRY = step("status = 'RUNNING', retry_at = NULL, error = NULL, started_at = <now>, "
            + "updated_at = <now>", "run_id = :runId AND step_name = :name AND status = 'ERROR' AND retry_at IS NOT NULL "
            + "AND retry_at <= <now>");

    private WorkflowUpdates() {
    }

    private static ReturningUpdate run(String set, String where) {
        return new ReturningUpdate(RUNS, set, where, WorkflowDao.RUN_COLUMNS);
    }

    private static ReturningUpdate step(String set, String where) {
        return new ReturningUpdate(STEPS, set, where, WorkflowDao.STEP_COLUMNS);
    }
}
