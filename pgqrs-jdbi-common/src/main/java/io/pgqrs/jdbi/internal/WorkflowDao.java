package io.pgqrs.jdbi.internal;

import io.pgqrs.RunRecord;
import io.pgqrs.StepRecord;
import io.pgqrs.WorkflowRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Statements on the three workflow tables that are not guarded status changes (those are in {@link WorkflowUpdates}).
 * Dialect attributes: {@code <insertIgnore>}, {@code <onConflictIgnore>}, {@code <now>} (binds {@code :at}),
 * {@code <json>}, {@code <text>}. Statuses are written as literals, which PostgreSQL casts to its enum type.
 */
public interface WorkflowDao {
    String WORKFLOW_COLUMNS = "id, name, queue_id, created_at";
    String RUN_COLUMNS = "id, workflow_id, message_id, status, input, output, error, created_at, updated_at, started_at, "
            + "paused_at, completed_at";
    String STEP_COLUMNS = "id, run_id, step_name, status, output, error, created_at, updated_at, started_at, completed_at, "
            + "retry_count, retry_at";

    /** Fragments that more than one of the statements below are made of. */
    final class StatementParts {
        /** The insert of run {@code :messageId} as {@code RUNNING}, started now, after {@code INSERT} or its dialect form. */
        static final String STARTED_RUN = "INTO pgqrs_workflow_runs (workflow_id, message_id, status, input, created_at, "
                + "updated_at, started_at) VALUES (:workflowId, :messageId, 'RUNNING', CAST(:input AS <json>), <now>, <now>, "
                + "<now>)";
        /** The table and columns of a succeeded step's insert; {@link #SUCCEEDED_STEP_VALUES} follow the run id. */
        static final String SUCCEEDED_STEP_INTO = "INTO pgqrs_workflow_steps (run_id, step_name, status, output, "
                + "started_at, completed_at, created_at, updated_at, retry_count)";
        /** The values of step {@code :name} succeeded now with {@code :output}, after its run's id. */
        static final String SUCCEEDED_STEP_VALUES = ":name, 'SUCCESS', CAST(:output AS <json>), <now>, <now>, <now>, "
                + "<now>, 0";

        private StatementParts() {
        }
    }

    // The statements every step of a run makes (run through JDBI's fluent API, as the message hot path is).

    /** Creates the run of {@code :messageId} {@code QUEUED} unless it exists; returns it when it was created. */
    String INSERT_RUN_IF_MISSING = "<insertIgnore> INTO pgqrs_workflow_runs (workflow_id, message_id, status, input, "
            + "created_at, updated_at) VALUES (:workflowId, :messageId, 'QUEUED', CAST(:input AS <json>), <now>, <now>) "
            + "<onConflictIgnore> RETURNING " + RUN_COLUMNS;

    /** Creates the run of {@code :messageId} {@code RUNNING}, started now, unless it exists; returns it when it was created. */
    String INSERT_STARTED_RUN_IF_MISSING = "<insertIgnore> " + StatementParts.STARTED_RUN + " <onConflictIgnore> RETURNING "
            + RUN_COLUMNS;

    /**
     * Creates the run of {@code :messageId} {@code RUNNING} and records its first step {@code :name} as succeeded, in one
     * statement, unless the run exists; returns the run's columns prefixed {@code r_} and the step's, with
     * {@link #RUN_OF_STEP}'s values of a new run.
     */
    String INSERT_STARTED_RUN_WITH_FIRST_STEP = "WITH r AS (INSERT " + StatementParts.STARTED_RUN
            + " ON CONFLICT DO NOTHING RETURNING " + RUN_COLUMNS + "), "
            + "s AS (INSERT " + StatementParts.SUCCEEDED_STEP_INTO + " SELECT r.id, " + StatementParts.SUCCEEDED_STEP_VALUES
            + " FROM r RETURNING " + STEP_COLUMNS + ") "
            + "SELECT " + prefixed("r", "r_", RUN_COLUMNS) + ", s.*, r.status AS run_status, 0 AS other_steps "
            + "FROM r JOIN s ON s.run_id = r.id";

    /**
     * @param table a table's name or alias
     * @param prefix what each column's alias begins with
     * @param columns a list of columns
     * @return {@code table.column AS prefixcolumn, …}
     */
    static String prefixed(String table, String prefix, String columns) {
        return java.util.Arrays.stream(columns.split(","))
                .map(String::strip)
                .map(c -> table + "." + c + " AS " + prefix + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The run of {@code :messageId}. */
    String RUN_BY_MESSAGE = "SELECT " + RUN_COLUMNS + " FROM pgqrs_workflow_runs WHERE message_id = :messageId";

    /** The status of run {@code :runId} and its step {@code :name}, when there is one. */
    String LOOKUP_STEP = "SELECT r.status AS run_status, s.id, s.run_id, s.step_name, s.status, s.output, s.error, "
            + "s.created_at, s.updated_at, s.started_at, s.completed_at, s.retry_count, s.retry_at "
            + "FROM pgqrs_workflow_runs r LEFT JOIN pgqrs_workflow_steps s ON s.run_id = r.id AND s.step_name = :name "
            + "WHERE r.id = :runId";

    /** What a step write reads of its run: the run's status and how many other steps it has. */
    String RUN_OF_STEP = "(SELECT status FROM pgqrs_workflow_runs WHERE id = :runId) AS run_status, "
            + "(SELECT COUNT(*) FROM pgqrs_workflow_steps o WHERE o.run_id = :runId AND o.step_name <> :name) AS other_steps";

    /**
     * Records step {@code :name} of {@code :runId} as succeeded unless it exists; returns it, with {@link #RUN_OF_STEP},
     * when it was recorded.
     */
    String INSERT_SUCCEEDED_STEP_IF_MISSING = "<insertIgnore> " + StatementParts.SUCCEEDED_STEP_INTO + " VALUES (:runId, "
            + StatementParts.SUCCEEDED_STEP_VALUES + ") <onConflictIgnore> RETURNING " + STEP_COLUMNS + ", " + RUN_OF_STEP;

    /** Step {@code :name} of run {@code :runId} with {@link #RUN_OF_STEP}. */
    String STEP_WITH_RUN = "SELECT " + STEP_COLUMNS + ", " + RUN_OF_STEP
            + " FROM pgqrs_workflow_steps WHERE run_id = :runId AND step_name = :name";

    /** Step {@code :name} of run {@code :runId}. */
    String STEP = "SELECT " + STEP_COLUMNS + " FROM pgqrs_workflow_steps WHERE run_id = :runId AND step_name = :name";

    @SqlQuery("<insertIgnore> INTO pgqrs_workflows (name, queue_id, created_at) VALUES (:name, :queueId, <now>) "
            + "<onConflictIgnore> RETURNING " + WORKFLOW_COLUMNS)
    Optional<WorkflowRecord> insertWorkflow(String name, long queueId, Instant at);

    @SqlQuery("SELECT " + WORKFLOW_COLUMNS + " FROM pgqrs_workflows WHERE name = :name")
    Optional<WorkflowRecord> getWorkflowByName(String name);

    @SqlQuery("SELECT " + WORKFLOW_COLUMNS + " FROM pgqrs_workflows ORDER BY name")
    List<WorkflowRecord> listWorkflows();

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM pgqrs_workflow_runs WHERE id = :id")
    Optional<RunRecord> getRun(long id);

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM pgqrs_workflow_runs WHERE workflow_id = :workflowId ORDER BY id DESC LIMIT :limit")
    List<RunRecord> listRuns(long workflowId, int limit);

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM pgqrs_workflow_runs WHERE workflow_id = :workflowId "
            + "AND CAST(status AS <text>) = :status ORDER BY id DESC LIMIT :limit")
    List<RunRecord> listRunsByStatus(long workflowId, String status, int limit);

    @SqlQuery("SELECT CAST(status AS <text>) AS status, COUNT(*) AS runs FROM pgqrs_workflow_runs "
            + "WHERE workflow_id = :workflowId GROUP BY status")
    @KeyColumn("status")
    @ValueColumn("runs")
    Map<String, Long> countRunsByStatus(long workflowId);

    @SqlUpdate("<insertIgnore> INTO pgqrs_workflow_steps (run_id, step_name, status, started_at, created_at, updated_at, "
            + "retry_count) VALUES (:runId, :name, 'RUNNING', <now>, <now>, <now>, 0) <onConflictIgnore>")
    void insertStepIfMissing(long runId, String name, Instant at);

    @SqlUpdate("UPDATE pgqrs_workflow_steps SET status = 'RUNNING', started_at = <now>, updated_at = <now> "
            + "WHERE run_id = :runId AND step_name = :name AND status NOT IN ('SUCCESS', 'ERROR')")
    void restartStep(long runId, String name, Instant at);

    @SqlQuery("SELECT " + STEP_COLUMNS + " FROM pgqrs_workflow_steps WHERE run_id = :runId ORDER BY id")
    List<StepRecord> listSteps(long runId);
}
