package io.pgqrs.cli;

import io.pgqrs.Message;
import io.pgqrs.MessageFailure;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueRecord;
import io.pgqrs.SystemStats;
import io.pgqrs.WorkerHealthStats;
import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each record as an ordered row of snake_case field names, as the reference writes them; the one place where output fields are named.
 * {@link Output} renders rows as JSON or as a table. Optional fields that the reference omits when null are left out.
 */
final class Rows {
    private Rows() {
    }

    static Map<String, Object> queue(QueueRecord q) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", q.id());
        row.put("queue_name", q.name());
        row.put("created_at", q.createdAt());
        return row;
    }

    static Map<String, Object> message(Message m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", m.id());
        row.put("queue_id", m.queueId());
        row.put("payload", m.payload());
        row.put("vt", m.vt());
        row.put("enqueued_at", m.enqueuedAt());
        row.put("read_ct", m.readCt());
        putIfSet(row, "dequeued_at", m.dequeuedAt());
        putIfSet(row, "producer_worker_id", m.producerWorkerId());
        putIfSet(row, "consumer_worker_id", m.consumerWorkerId());
        putIfSet(row, "archived_at", m.archivedAt());
        return row;
    }

    static Map<String, Object> worker(WorkerRecord w) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", w.id());
        row.put("name", w.name());
        putIfSet(row, "queue_id", w.queueId());
        row.put("started_at", w.startedAt());
        row.put("heartbeat_at", w.heartbeatAt());
        row.put("shutdown_at", w.shutdownAt());
        row.put("status", w.status());
        return row;
    }

    static Map<String, Object> metrics(QueueMetrics m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", m.name());
        row.put("total_messages", m.totalMessages());
        row.put("pending_messages", m.pendingMessages());
        row.put("locked_messages", m.lockedMessages());
        row.put("archived_messages", m.archivedMessages());
        row.put("oldest_pending_message", m.oldestPendingMessage());
        row.put("newest_message", m.newestMessage());
        return row;
    }

    static Map<String, Object> systemStats(SystemStats s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("total_queues", s.totalQueues());
        row.put("total_workers", s.totalWorkers());
        row.put("active_workers", s.activeWorkers());
        row.put("total_messages", s.totalMessages());
        row.put("pending_messages", s.pendingMessages());
        row.put("locked_messages", s.lockedMessages());
        row.put("archived_messages", s.archivedMessages());
        row.put("schema_version", s.schemaVersion());
        return row;
    }

    static Map<String, Object> workerStats(WorkerStats s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("total_workers", s.totalWorkers());
        row.put("ready_workers", s.readyWorkers());
        row.put("polling_workers", s.pollingWorkers());
        row.put("interrupted_workers", s.interruptedWorkers());
        row.put("suspended_workers", s.suspendedWorkers());
        row.put("stopped_workers", s.stoppedWorkers());
        row.put("average_messages_per_worker", s.averageMessagesPerWorker());
        row.put("oldest_worker_age", s.oldestWorkerAge());
        row.put("newest_heartbeat_age", s.newestHeartbeatAge());
        return row;
    }

    static Map<String, Object> health(WorkerHealthStats h) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("queue_name", h.queueName());
        row.put("total_workers", h.totalWorkers());
        row.put("ready_workers", h.readyWorkers());
        row.put("polling_workers", h.pollingWorkers());
        row.put("interrupted_workers", h.interruptedWorkers());
        row.put("suspended_workers", h.suspendedWorkers());
        row.put("stopped_workers", h.stoppedWorkers());
        row.put("stale_workers", h.staleWorkers());
        return row;
    }

    /**
     * @param f one failed attempt
     * @param fullError the whole error text (for scripts), else its first line (for a table)
     */
    static Map<String, Object> failure(MessageFailure f, boolean fullError) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("attempt", f.attempt());
        row.put("failed_at", f.failedAt());
        row.put("error", fullError ? f.error() : firstLine(f.error()));
        return row;
    }

    /**
     * @param m a dead letter
     * @param lastError the error of its last failed attempt, or null when none was recorded
     * @param fullError the whole error text (for scripts), else its first line (for a table)
     */
    static Map<String, Object> deadLetter(Message m, String lastError, boolean fullError) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", m.id());
        row.put("read_ct", m.readCt());
        row.put("archived_at", m.archivedAt());
        row.put("last_error", lastError == null || fullError ? lastError : firstLine(lastError));
        return row;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    private static void putIfSet(Map<String, Object> row, String key, Object value) {
        if (value != null) {
            row.put(key, value);
        }
    }
}
