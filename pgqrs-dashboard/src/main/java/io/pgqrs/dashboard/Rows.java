package io.pgqrs.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgqrs.Message;
import io.pgqrs.MessageFailure;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueRecord;
import io.pgqrs.RunRecord;
import io.pgqrs.ScheduleRecord;
import io.pgqrs.StepRecord;
import io.pgqrs.SystemStats;
import io.pgqrs.WorkerHealthStats;
import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStats;
import io.pgqrs.WorkerStatus;
import io.pgqrs.WorkflowRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each record as an ordered row of snake_case field names, as the reference writes them: the one place where the
 * output fields of the {@code pgqrs} command's JSON and of the dashboard's JSON API are named. Values stay Java
 * objects ({@link Instant}, {@link Duration}, {@link WorkerStatus}, {@link JsonNode}, numbers, strings) so that a
 * table can format them for people; {@link #json(Map)} writes a row as JSON for scripts. Optional fields that the
 * reference omits when null are left out.
 */
public final class Rows {
    /** Writes the plain values of a row: numbers, strings, booleans, enums. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private Rows() {
    }

    /**
     * @param q a queue
     * @return {@code id, queue_name, created_at}
     */
    public static Map<String, Object> queue(QueueRecord q) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", q.id());
        row.put("queue_name", q.name());
        row.put("created_at", q.createdAt());
        return row;
    }

    /**
     * @param m a message
     * @return {@code id, queue_id, payload, vt, enqueued_at, read_ct, priority}, then {@code group_key, dequeued_at,
     *         producer_worker_id, consumer_worker_id, archived_at} and {@code headers} (an object of strings) when set
     */
    public static Map<String, Object> message(Message m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", m.id());
        row.put("queue_id", m.queueId());
        row.put("payload", m.payload());
        row.put("vt", m.vt());
        row.put("enqueued_at", m.enqueuedAt());
        row.put("read_ct", m.readCt());
        row.put("priority", m.priority());
        putIfSet(row, "group_key", m.groupKey());
        putIfSet(row, "dequeued_at", m.dequeuedAt());
        putIfSet(row, "producer_worker_id", m.producerWorkerId());
        putIfSet(row, "consumer_worker_id", m.consumerWorkerId());
        putIfSet(row, "archived_at", m.archivedAt());
        if (!m.headers().isEmpty()) {
            ObjectNode headers = JsonNodeFactory.instance.objectNode();
            m.headers().forEach(headers::put);
            row.put("headers", headers);
        }
        return row;
    }

    /**
     * @param m a message as an enqueue returned it
     * @return its row and whether it was there already under the same key
     */
    public static Map<String, Object> enqueued(Message m) {
        Map<String, Object> row = message(m);
        row.put("duplicate", m.duplicate());
        return row;
    }

    /**
     * @param w a worker
     * @return {@code id, name, queue_id (when set), started_at, heartbeat_at, shutdown_at, status}
     */
    public static Map<String, Object> worker(WorkerRecord w) {
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

    /**
     * @param m a queue's counts
     * @return {@code name, total_messages, pending_messages, locked_messages, archived_messages, dead_messages,
     *         oldest_pending_message, newest_message}
     */
    public static Map<String, Object> metrics(QueueMetrics m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", m.name());
        row.put("total_messages", m.totalMessages());
        row.put("pending_messages", m.pendingMessages());
        row.put("locked_messages", m.lockedMessages());
        row.put("archived_messages", m.archivedMessages());
        row.put("dead_messages", m.deadMessages());
        row.put("oldest_pending_message", m.oldestPendingMessage());
        row.put("newest_message", m.newestMessage());
        return row;
    }

    /**
     * @param s store-wide counts
     * @return them, snake_case
     */
    public static Map<String, Object> systemStats(SystemStats s) {
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

    /**
     * @param s a queue's workers by state
     * @return them, snake_case; ages are {@link Duration}s
     */
    public static Map<String, Object> workerStats(WorkerStats s) {
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

    /**
     * @param h a health row
     * @return it, snake_case
     */
    public static Map<String, Object> health(WorkerHealthStats h) {
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
     * @return its row, fields named as in the CLI's JSON
     */
    public static Map<String, Object> failure(MessageFailure f, boolean fullError) {
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
     * @return its row, fields named as in the CLI's JSON
     */
    public static Map<String, Object> deadLetter(Message m, String lastError, boolean fullError) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", m.id());
        row.put("read_ct", m.readCt());
        row.put("archived_at", m.archivedAt());
        row.put("last_error", lastError == null || fullError ? lastError : firstLine(lastError));
        return row;
    }

    /**
     * @param w a workflow definition
     * @param queueName the name of its queue
     * @return its row, fields named as in the CLI's JSON
     */
    public static Map<String, Object> workflow(WorkflowRecord w, String queueName) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", w.id());
        row.put("name", w.name());
        row.put("queue", queueName);
        row.put("created_at", w.createdAt());
        return row;
    }

    /**
     * @param s a recurring schedule
     * @param queueName the name of its queue
     * @return {@code name, queue, cron, zone, paused, next_run_at, last_run_at, catch_up_ticks, payload}, then
     *         {@code headers} when set, {@code created_at, updated_at}; fields named as in the CLI's JSON
     */
    public static Map<String, Object> schedule(ScheduleRecord s, String queueName) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", s.name());
        row.put("queue", queueName);
        row.put("cron", s.cron());
        row.put("zone", s.zone().getId());
        row.put("paused", s.paused());
        row.put("next_run_at", s.nextRunAt());
        row.put("last_run_at", s.lastRunAt());
        row.put("catch_up_ticks", s.catchUpTicks());
        row.put("payload", s.payload());
        if (!s.headers().isEmpty()) {
            ObjectNode headers = JsonNodeFactory.instance.objectNode();
            s.headers().forEach(headers::put);
            row.put("headers", headers);
        }
        row.put("created_at", s.createdAt());
        row.put("updated_at", s.updatedAt());
        return row;
    }

    /**
     * @param r a run, as a line of a list: its error's message only
     * @param fullError the whole message (for scripts), else its first line (for a table)
     * @return its row, fields named as in the CLI's JSON
     */
    public static Map<String, Object> runLine(RunRecord r, boolean fullError) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run_id", r.messageId());
        row.put("status", r.status());
        row.put("created_at", r.createdAt());
        row.put("updated_at", r.updatedAt());
        row.put("error", errorMessage(r.error(), fullError));
        return row;
    }

    /**
     * @param r a run, in full
     * @param fullError the whole error object (for scripts), else its message's first line (for a table)
     * @return its row, fields named as in the CLI's JSON
     */
    public static Map<String, Object> run(RunRecord r, boolean fullError) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run_id", r.messageId());
        row.put("workflow_id", r.workflowId());
        row.put("status", r.status());
        row.put("input", r.input());
        row.put("output", r.output());
        row.put("error", fullError ? r.error() : errorMessage(r.error(), false));
        row.put("created_at", r.createdAt());
        row.put("updated_at", r.updatedAt());
        row.put("started_at", r.startedAt());
        row.put("paused_at", r.pausedAt());
        row.put("completed_at", r.completedAt());
        return row;
    }

    /**
     * @param s a step of a run, with its error's message only
     * @param fullError the whole message (for scripts), else its first line (for a table)
     * @return its row, fields named as in the CLI's JSON
     */
    public static Map<String, Object> step(StepRecord s, boolean fullError) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step_name", s.stepName());
        row.put("status", s.status());
        row.put("retry_count", s.retryCount());
        row.put("retry_at", s.retryAt());
        row.put("error", errorMessage(s.error(), fullError));
        return row;
    }

    /** A workflow error is {@code {"message": …, …}}: its message (the whole JSON when it has none), or null. */
    private static String errorMessage(JsonNode error, boolean full) {
        if (error == null || error.isNull()) {
            return null;
        }
        String message = error.hasNonNull("message") ? error.get("message").asText() : error.toString();
        return full ? message : firstLine(message);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /**
     * Writes a row as JSON: instants as RFC 3339 text in UTC, durations as {@code [seconds, nanoseconds]}, worker
     * states by name ({@code "Ready"}, {@code "Suspended"}, …), nested rows and lists of rows as objects and arrays.
     *
     * @param row a row of this class (or any map of such values)
     * @return the JSON object, fields in the row's order
     */
    public static ObjectNode json(Map<String, ?> row) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        row.forEach((k, v) -> node.set(k, jsonValue(v)));
        return node;
    }

    /**
     * @param rows rows of this class
     * @return them as a JSON array
     */
    public static ArrayNode json(List<? extends Map<String, ?>> rows) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        rows.forEach(r -> array.add(json(r)));
        return array;
    }

    @SuppressWarnings("unchecked")
    private static JsonNode jsonValue(Object v) {
        if (v == null) {
            return JsonNodeFactory.instance.nullNode();
        } else if (v instanceof JsonNode n) {
            return n;
        } else if (v instanceof Instant i) {
            return JsonNodeFactory.instance.textNode(i.toString());
        } else if (v instanceof Duration d) {
            return JsonNodeFactory.instance.arrayNode().add(d.getSeconds()).add(d.getNano());
        } else if (v instanceof WorkerStatus s) {
            String lower = s.storageName();
            return JsonNodeFactory.instance.textNode(Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
        } else if (v instanceof Map<?, ?> m) {
            return json((Map<String, ?>) m);
        } else if (v instanceof List<?> l) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            l.forEach(e -> array.add(jsonValue(e)));
            return array;
        }
        return PLAIN.valueToTree(v);
    }

    private static void putIfSet(Map<String, Object> row, String key, Object value) {
        if (value != null) {
            row.put(key, value);
        }
    }
}
