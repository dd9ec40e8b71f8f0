package io.pgqrs.jdbi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.Message;
import io.pgqrs.MessageFailure;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueRecord;
import io.pgqrs.SystemStats;
import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStatus;
import io.pgqrs.jdbi.SqlDialect;
import io.pgqrs.spi.PayloadCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;

/** Maps the pgqrs rows, reading times through the dialect. */
final class RowMappers {

    private RowMappers() {
    }

    static void register(Jdbi jdbi, SqlDialect d) {
        jdbi.registerRowMapper(QueueRecord.class, (rs, ctx) ->
                new QueueRecord(rs.getLong("id"), rs.getString("queue_name"), d.instantFromDb(rs, "created_at")));
        jdbi.registerRowMapper(Message.class, (rs, ctx) -> new Message(
                rs.getLong("id"), rs.getLong("queue_id"), json(rs, "payload"),
                d.instantFromDb(rs, "vt"), d.instantFromDb(rs, "enqueued_at"), rs.getInt("read_ct"),
                d.instantFromDb(rs, "dequeued_at"), nullableLong(rs, "producer_worker_id"),
                nullableLong(rs, "consumer_worker_id"), d.instantFromDb(rs, "archived_at")));
        jdbi.registerRowMapper(MessageFailure.class, (rs, ctx) -> new MessageFailure(
                rs.getLong("message_id"), rs.getInt("attempt"), rs.getString("error"), d.instantFromDb(rs, "failed_at")));
        jdbi.registerRowMapper(WorkerRecord.class, (rs, ctx) -> new WorkerRecord(
                rs.getLong("id"), rs.getString("name"), nullableLong(rs, "queue_id"), d.instantFromDb(rs, "started_at"),
                d.instantFromDb(rs, "heartbeat_at"), d.instantFromDb(rs, "shutdown_at"),
                WorkerStatus.fromStorage(rs.getString("status"))));
        jdbi.registerRowMapper(QueueMetrics.class, (rs, ctx) -> new QueueMetrics(
                rs.getString("name"), rs.getLong("total_messages"), rs.getLong("pending_messages"),
                rs.getLong("locked_messages"), rs.getLong("archived_messages"),
                d.instantFromDb(rs, "oldest_pending_message"), d.instantFromDb(rs, "newest_message")));
        jdbi.registerRowMapper(SystemStats.class, (rs, ctx) -> new SystemStats(
                rs.getLong("total_queues"), rs.getLong("total_workers"), rs.getLong("active_workers"),
                rs.getLong("total_messages"), rs.getLong("pending_messages"), rs.getLong("locked_messages"),
                rs.getLong("archived_messages"), "0.5.0"));
    }

    private static JsonNode json(ResultSet rs, String column) throws SQLException {
        return PayloadCodec.read(rs.getString(column), rs.getLong("id"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
