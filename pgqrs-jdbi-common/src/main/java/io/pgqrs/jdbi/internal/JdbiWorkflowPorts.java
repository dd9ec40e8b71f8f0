package io.pgqrs.jdbi.internal;

import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.StepRecord;
import io.pgqrs.WorkflowRecord;
import io.pgqrs.jdbi.SqlDialect;
import io.pgqrs.spi.RecordedStep;
import io.pgqrs.spi.RunTable;
import io.pgqrs.spi.StartedRun;
import io.pgqrs.spi.StepLookup;
import io.pgqrs.spi.StepTable;
import io.pgqrs.spi.WorkflowTable;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The workflow ports over the SQL objects: one method, one labelled statement or one transaction. */
public final class JdbiWorkflowPorts {
    private JdbiWorkflowPorts() {
    }

    /** @param runner the statement runner @return the workflow definition port */
    public static WorkflowTable workflows(StatementRunner runner) {
        return new WorkflowTable() {
            @Override
            public Optional<WorkflowRecord> insert(String name, long queueId, Instant at) {
                return runner.write("INSERT_WORKFLOW", WorkflowDao.class, d -> d.insertWorkflow(name, queueId, at));
            }

            @Override
            public Optional<WorkflowRecord> findByName(String name) {
                return runner.read("GET_WORKFLOW_BY_NAME", WorkflowDao.class, d -> d.getWorkflowByName(name));
            }

            @Override
            public List<WorkflowRecord> list() {
                return runner.read("LIST_WORKFLOWS", WorkflowDao.class, WorkflowDao::listWorkflows);
            }
        };
    }

    /**
     * @param runner the statement runner
     * @param dialect the dialect
     * @return the run port
     */
    public static RunTable runs(StatementRunner runner, SqlDialect dialect) {
        PlainStatement<RunRecord> insertRun = new PlainStatement<>(WorkflowDao.INSERT_RUN_IF_MISSING, dialect,
                rs -> RowMappers.run(rs, dialect));
        PlainStatement<RunRecord> insertStartedRun = new PlainStatement<>(WorkflowDao.INSERT_STARTED_RUN_IF_MISSING,
                dialect, rs -> RowMappers.run(rs, dialect));
        PlainStatement<RunRecord> runByMessage = new PlainStatement<>(WorkflowDao.RUN_BY_MESSAGE, dialect,
                rs -> RowMappers.run(rs, dialect));
        PlainStatement<StepLookup> lookup = new PlainStatement<>(WorkflowDao.LOOKUP_STEP, dialect,
                rs -> RowMappers.stepLookup(rs, dialect));
        PlainStatement<StartedRun> startWithStep = dialect.dataModifyingWith() ? new PlainStatement<>(
                WorkflowDao.INSERT_STARTED_RUN_WITH_FIRST_STEP, dialect, rs -> new StartedRun(
                        RowMappers.run(rs, dialect, "r_"), RowMappers.recordedStep(rs, dialect, true))) : null;
        PlainStatement<RecordedStep> insertStep = insertSucceededStep(dialect);
        return new RunTable() {
            @Override
            public RunRecord materialise(long workflowId, long messageId, String input, Instant at) {
                return insertOrFind("MATERIALISE_RUN", insertRun, workflowId, messageId, input, at);
            }

            @Override
            public RunRecord materialiseStarted(long workflowId, long messageId, String input, Instant at) {
                RunRecord run = insertOrFind("MATERIALISE_STARTED_RUN", insertStartedRun, workflowId, messageId, input, at);
                return run.status() == RunStatus.QUEUED ? start(run.id(), at).orElse(run) : run;
            }

            /** One statement when the run is new; the run another caller created first is read afterwards. */
            private RunRecord insertOrFind(String name, PlainStatement<RunRecord> insert, long workflowId, long messageId,
                                           String input, Instant at) {
                PlainStatement.Params params = new PlainStatement.Params().bind("workflowId", workflowId)
                        .bind("messageId", messageId).bind("input", input).bind("at", at);
                return runner.withHandle(name, true, h -> insert.findOne(h, params))
                        .or(() -> findByMessage(messageId)).orElseThrow();
            }

            @Override
            public Optional<StartedRun> startWithFirstStep(long workflowId, long messageId, String input,
                                                           String stepName, String output, Instant at) {
                PlainStatement.Params params = new PlainStatement.Params().bind("workflowId", workflowId)
                        .bind("messageId", messageId).bind("input", input).bind("name", stepName).bind("output", output)
                        .bind("at", at);
                if (startWithStep != null) {
                    return runner.withHandle("START_RUN_WITH_FIRST_STEP", true, h -> startWithStep.findOne(h, params));
                }
                // Without inserts in WITH: the run, and when this call created it, the step, in one transaction.
                return runner.atomically("START_RUN_WITH_FIRST_STEP", h -> insertStartedRun.findOne(h, params)
                        .map(run -> new StartedRun(run, insertStep.findOne(h, params.bind("runId", run.id())).orElseThrow())));
            }

            @Override
            public Optional<RunRecord> get(long id) {
                return runner.read("GET_RUN", WorkflowDao.class, d -> d.getRun(id));
            }

            @Override
            public Optional<RunRecord> findByMessage(long messageId) {
                PlainStatement.Params params = new PlainStatement.Params().bind("messageId", messageId);
                return runner.withHandle("GET_RUN_BY_MESSAGE", false, h -> runByMessage.findOne(h, params));
            }

            @Override
            public Optional<StepLookup> lookupStep(long id, String stepName) {
                PlainStatement.Params params = new PlainStatement.Params().bind("runId", id).bind("name", stepName);
                return runner.withHandle("LOOKUP_STEP", false, h -> lookup.findOne(h, params));
            }

            @Override
            public List<RunRecord> list(long workflowId, RunStatus status, int limit) {
                return status == null
                        ? runner.read("LIST_RUNS", WorkflowDao.class, d -> d.listRuns(workflowId, limit))
                        : runner.read("LIST_RUNS_BY_STATUS", WorkflowDao.class, d -> d.listRunsByStatus(workflowId, status.name(), limit));
            }

            @Override
            public Map<RunStatus, Long> countByStatus(long workflowId) {
                Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
                runner.read("COUNT_RUNS_BY_STATUS", WorkflowDao.class, d -> d.countRunsByStatus(workflowId))
                        .forEach((status, runs) -> counts.put(RunStatus.fromStorage(status), runs));
                return counts;
            }

            @Override
            public Optional<RunRecord> start(long id, Instant at) {
                return change("START_RUN", WorkflowUpdates.START, new Binds().bind("id", id).bind("at", at, Instant.class));
            }

            @Override
            public Optional<RunRecord> complete(long id, String output, Instant at) {
                return change("COMPLETE_RUN", WorkflowUpdates.COMPLETE, new Binds().bind("id", id)
                        .bind("output", output, String.class).bind("at", at, Instant.class));
            }

            @Override
            public Optional<RunRecord> fail(long id, String error, Instant at) {
                return change("FAIL_RUN", WorkflowUpdates.FAIL, new Binds().bind("id", id)
                        .bind("error", error, String.class).bind("at", at, Instant.class));
            }

            @Override
            public Optional<RunRecord> pause(long id, String reason, Instant at) {
                return change("PAUSE_RUN", WorkflowUpdates.PAUSE, new Binds().bind("id", id)
                        .bind("error", reason, String.class).bind("at", at, Instant.class));
            }

            @Override
            public Optional<RunRecord> cancel(long id, Instant at) {
                return change("CANCEL_RUN", WorkflowUpdates.CANCEL, new Binds().bind("id", id).bind("at", at, Instant.class));
            }

            @Override
            public Optional<RunRecord> completeCancel(long id, Instant at) {
                return change("COMPLETE_CANCEL_RUN", WorkflowUpdates.COMPLETE_CANCEL,
                        new Binds().bind("id", id).bind("at", at, Instant.class));
            }

            private Optional<RunRecord> change(String label, ReturningUpdate update, Binds binds) {
                return JdbiPorts.returningUpdate(runner, dialect, label, update, binds, RunRecord.class, RunRecord::id)
                        .stream().findFirst();
            }
        };
    }

    /**
     * @param dialect the dialect
     * @return {@link WorkflowDao#INSERT_SUCCEEDED_STEP_IF_MISSING}, mapped to the step it recorded
     */
    private static PlainStatement<RecordedStep> insertSucceededStep(SqlDialect dialect) {
        return new PlainStatement<>(WorkflowDao.INSERT_SUCCEEDED_STEP_IF_MISSING, dialect,
                rs -> RowMappers.recordedStep(rs, dialect, true));
    }

    /**
     * @param runner the statement runner
     * @param dialect the dialect
     * @return the step port
     */
    public static StepTable steps(StatementRunner runner, SqlDialect dialect) {
        PlainStatement<RecordedStep> insertSucceeded = insertSucceededStep(dialect);
        PlainStatement<RecordedStep> stepWithRun = new PlainStatement<>(WorkflowDao.STEP_WITH_RUN,
                dialect, rs -> RowMappers.recordedStep(rs, dialect, false));
        return new StepTable() {
            @Override
            public StepRecord acquire(long runId, String name, Instant at) {
                return runner.atomically("ACQUIRE_STEP", h -> {
                    WorkflowDao d = h.attach(WorkflowDao.class);
                    d.insertStepIfMissing(runId, name, at);
                    d.restartStep(runId, name, at);
                    return step(h, runId, name).orElseThrow();
                });
            }

            @Override
            public Optional<StepRecord> find(long runId, String name) {
                return runner.withHandle("GET_STEP", false, h -> step(h, runId, name));
            }

            @Override
            public RecordedStep recordSuccess(long runId, String name, String output, Instant at) {
                // One statement in the common case; the step another worker recorded first is read afterwards.
                PlainStatement.Params params = new PlainStatement.Params().bind("runId", runId).bind("name", name)
                        .bind("output", output).bind("at", at);
                return runner.withHandle("RECORD_STEP_SUCCESS", true, h -> insertSucceeded.findOne(h, params))
                        .or(() -> runner.withHandle("GET_STEP_WITH_RUN", false, h -> stepWithRun.findOne(h, params)))
                        .orElseThrow();
            }

            @Override
            public Optional<StepRecord> complete(long runId, String name, String output, Instant at) {
                return change("COMPLETE_STEP", WorkflowUpdates.COMPLETE_STEP, step(runId, name, at)
                        .bind("output", output, String.class));
            }

            @Override
            public Optional<StepRecord> fail(long runId, String name, String error, Instant retryAt, Instant at) {
                Binds binds = step(runId, name, at).bind("error", error, String.class);
                return retryAt == null
                        ? change("FAIL_STEP", WorkflowUpdates.FAIL_STEP, binds)
                        : change("RETRY_STEP", WorkflowUpdates.RETRY_STEP, binds.bind("retryAt", retryAt, Instant.class));
            }

            @Override
            public Optional<StepRecord> takeRetry(long runId, String name, Instant at) {
                return change("TAKE_STEP_RETRY", WorkflowUpdates.TAKE_RETRY, step(runId, name, at));
            }

            @Override
            public List<StepRecord> list(long runId) {
                return runner.read("LIST_STEPS", WorkflowDao.class, d -> d.listSteps(runId));
            }

            private Optional<StepRecord> step(Handle h, long runId, String name) {
                return h.createQuery(WorkflowDao.STEP).bind("runId", runId).bind("name", name).mapTo(StepRecord.class)
                        .findOne();
            }

            private Binds step(long runId, String name, Instant at) {
                return new Binds().bind("runId", runId).bind("name", name, String.class).bind("at", at, Instant.class);
            }

            private Optional<StepRecord> change(String label, ReturningUpdate update, Binds binds) {
                return JdbiPorts.returningUpdate(runner, dialect, label, update, binds, StepRecord.class, StepRecord::id)
                        .stream().findFirst();
            }
        };
    }
}
