package io.pgqrs.jdbi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.Message;
import io.pgqrs.MessageFailure;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueRecord;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.ScheduleRecord;
import io.pgqrs.StepRecord;
import io.pgqrs.SystemStats;
import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStatus;
import io.pgqrs.WorkflowRecord;
import io.pgqrs.jdbi.SqlDialect;
import io.pgqrs.spi.PayloadCodec;
import io.pgqrs.spi.RecordedStep;
import io.pgqrs.spi.StepLookup;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Maps the pgqrs rows, reading times through the dialect. */
final class RowMappers {

    private RowMappers() {
    }

    /** @return the message on the current row of {@link MessageDao#COLUMNS} */
    static Message message(ResultSet rs, SqlDialect d) throws SQLException {
        return new Message(
                rs.getLong("id"), rs.getLong("queue_id"), json(rs, "payload"),
                d.instantFromDb(rs, "vt"), d.instantFromDb(rs, "enqueued_at"), rs.getInt("read_ct"),
                d.instantFromDb(rs, "dequeued_at"), nullableLong(rs, "producer_worker_id"),
                nullableLong(rs, "consumer_worker_id"), d.instantFromDb(rs, "archived_at"),
                PayloadCodec.readHeaders(rs.getString("headers"), rs.getLong("id")), rs.getInt("priority"),
                rs.getString("group_key"), false);
    }

    static void register(Jdbi jdbi, SqlDialect d) {
        jdbi.registerRowMapper(QueueRecord.class, (rs, ctx) ->
                new QueueRecord(rs.getLong("id"), rs.getString("queue_name"), d.instantFromDb(rs, "created_at")));
        jdbi.registerRowMapper(Message.class, (rs, ctx) -> message(rs, d));
        jdbi.registerRowMapper(MessageFailure.class, (rs, ctx) -> new MessageFailure(
                rs.getLong("message_id"), rs.getInt("attempt"), rs.getString("error"), d.instantFromDb(rs, "failed_at")));
        jdbi.registerRowMapper(WorkflowRecord.class, (rs, ctx) -> new WorkflowRecord(
                rs.getLong("id"), rs.getString("name"), rs.getLong("queue_id"), d.instantFromDb(rs, "created_at")));
        jdbi.registerRowMapper(RunRecord.class, (rs, ctx) -> run(rs, d));
        jdbi.registerRowMapper(StepRecord.class, (rs, ctx) -> step(rs, d));
        jdbi.registerRowMapper(ScheduleRecord.class, (rs, ctx) -> new ScheduleRecord(
                rs.getString("name"), rs.getLong("queue_id"), rs.getString("cron"), ZoneId.of(rs.getString("zone")),
                json(rs, "payload"), PayloadCodec.readHeaders(rs.getString("headers"), rs.getLong("id")),
                rs.getInt("catch_up_ticks"), rs.getInt("paused") != 0, d.instantFromDb(rs, "next_run_at"),
                d.instantFromDb(rs, "last_run_at"), d.instantFromDb(rs, "created_at"), d.instantFromDb(rs, "updated_at")));
        jdbi.registerRowMapper(StepLookup.class, (rs, ctx) -> stepLookup(rs, d));
        jdbi.registerRowMapper(WorkerRecord.class, (rs, ctx) -> new WorkerRecord(
                rs.getLong("id"), rs.getString("name"), nullableLong(rs, "queue_id"), d.instantFromDb(rs, "started_at"),
                d.instantFromDb(rs, "heartbeat_at"), d.instantFromDb(rs, "shutdown_at"),
                WorkerStatus.fromStorage(rs.getString("status"))));
        jdbi.registerRowMapper(QueueMetrics.class, (rs, ctx) -> new QueueMetrics(
                rs.getString("name"), rs.getLong("total_messages"), rs.getLong("pending_messages"),
                rs.getLong("locked_messages"), rs.getLong("archived_messages"),
                d.instantFromDb(rs, "oldest_pending_message"), d.instantFromDb(rs, "newest_message"),
                rs.getLong("dead_messages")));
        jdbi.registerRowMapper(SystemStats.class, (rs, ctx) -> new SystemStats(
                rs.getLong("total_queues"), rs.getLong("total_workers"), rs.getLong("active_workers"),
                rs.getLong("total_messages"), rs.getLong("pending_messages"), rs.getLong("locked_messages"),
                rs.getLong("archived_messages"), "0.5.0"));
    }

    static RunRecord run(ResultSet rs, SqlDialect d) throws SQLException {
        return run(rs, d, "");
    }

    /** @param p what the run's column names begin with in this row */
    static RunRecord run(ResultSet rs, SqlDialect d, String p) throws SQLException {
        return new RunRecord(
                rs.getLong(p + "id"), rs.getLong(p + "workflow_id"), rs.getLong(p + "message_id"),
                RunStatus.fromStorage(rs.getString(p + "status")), jsonOrNull(rs, p + "input"), jsonOrNull(rs, p + "output"),
                jsonOrNull(rs, p + "error"), d.instantFromDb(rs, p + "created_at"), d.instantFromDb(rs, p + "updated_at"),
                d.instantFromDb(rs, p + "started_at"), d.instantFromDb(rs, p + "paused_at"),
                d.instantFromDb(rs, p + "completed_at"));
    }

    static StepLookup stepLookup(ResultSet rs, SqlDialect d) throws SQLException {
        return new StepLookup(RunStatus.fromStorage(rs.getString("run_status")),
                nullableLong(rs, "id") == null ? Optional.empty() : Optional.of(step(rs, d)));
    }

    static RecordedStep recordedStep(ResultSet rs, SqlDialect d, boolean written) throws SQLException {
        return new RecordedStep(step(rs, d), written, RunStatus.fromStorage(rs.getString("run_status")),
                rs.getInt("other_steps"));
    }

    static StepRecord step(ResultSet rs, SqlDialect d) throws SQLException {
        return new StepRecord(rs.getLong("id"), rs.getLong("run_id"), rs.getString("step_name"),
                RunStatus.fromStorage(rs.getString("status")), jsonOrNull(rs, "output"), jsonOrNull(rs, "error"),
                d.instantFromDb(rs, "created_at"), d.instantFromDb(rs, "updated_at"), d.instantFromDb(rs, "started_at"),
                d.instantFromDb(rs, "completed_at"), rs.getInt("retry_count"), d.instantFromDb(rs, "retry_at"));
    }

    private static JsonNode json(ResultSet rs, String column) throws SQLException {
        return PayloadCodec.read(rs.getString(column), rs.getLong("id"));
    }

    private static JsonNode jsonOrNull(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : PayloadCodec.read(text, rs.getLong("id"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
