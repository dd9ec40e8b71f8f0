package io.pgqrs.dashboard;

import io.pgqrs.Message;
import io.pgqrs.MessageFailure;
import io.pgqrs.MessageState;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueRecord;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStatus;
import io.pgqrs.WorkflowRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What each page and each API call shows, as rows of {@link Rows} (the CLI's field names) plus the few fields only
 * the dashboard adds; the pages render these rows and the API writes them as JSON, so both always agree.
 */
final class Views {
    /** Rows per page of messages, dead letters or runs. */
    static final int PAGE = 50;

    /** A page of rows and where the next one starts ({@code null} at the end). */
    record Page(List<Map<String, Object>> rows, Long nextCursor) {
    }

    private final Pgqrs pgqrs;
    private final Counts counts;
    private final Clock clock;
    private final Duration staleAfter;

    Views(Pgqrs pgqrs, Counts counts, Clock clock, Duration staleAfter) {
        this.pgqrs = pgqrs;
        this.counts = counts;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /**
     * Every queue (listed live, by name) with its counts from {@link Counts}, {@code oldest_pending_age} in seconds and
     * {@code counted_at}; a queue made since the last count is counted on its own.
     */
    List<Map<String, Object>> queues() {
        Counts.Snapshot counts = this.counts.current();
        return pgqrs.admin().listQueues().stream().map(QueueRecord::name).sorted()
                .map(name -> metrics(name, counts)).toList();
    }

    /**
     * @param name a queue
     * @return its counts as in {@link #queues()}
     * @throws io.pgqrs.PgqrsException {@code QUEUE_NOT_FOUND}
     */
    Map<String, Object> queue(String name) {
        pgqrs.admin().getQueue(name);
        return metrics(name, counts.current());
    }

    private Map<String, Object> metrics(String name, Counts.Snapshot counts) {
        Optional<QueueMetrics> counted = counts.queue(name);
        Instant at = counted.isPresent() ? counts.at() : clock.instant();
        QueueMetrics m = counted.orElseGet(() -> pgqrs.admin().queueMetrics(name));
        Map<String, Object> row = Rows.metrics(m);
        row.put("oldest_pending_age", m.oldestPendingMessage() == null ? null
                : Math.max(0, Duration.between(m.oldestPendingMessage(), clock.instant()).toSeconds()));
        row.put("counted_at", at);
        return row;
    }

    Page messages(String queue, MessageState state, long before, int limit) {
        List<Message> page = pgqrs.admin().browseMessages(queue, state, before, limit);
        return new Page(page.stream().map(Rows::message).toList(), nextCursor(page, limit));
    }

    /** Dead letters with their last error, whole; the last errors of the page are read in one call. */
    Page deadLetters(String queue, long before, int limit) {
        List<Message> page = pgqrs.admin().browseMessages(queue, MessageState.DEAD, before, limit);
        Map<Long, MessageFailure> last = pgqrs.admin().lastFailures(page.stream().map(Message::id).toList());
        List<Map<String, Object>> rows = page.stream().map(m -> {
            MessageFailure failure = last.get(m.id());
            Map<String, Object> row = Rows.deadLetter(m, failure == null ? null : failure.error(), true);
            row.put("payload", m.payload());
            return row;
        }).toList();
        return new Page(rows, nextCursor(page, limit));
    }

    private static Long nextCursor(List<Message> page, int limit) {
        return page.size() < limit ? null : page.get(page.size() - 1).id();
    }

    Map<String, Object> message(long id) {
        Map<String, Object> row = Rows.message(pgqrs.admin().getMessage(id));
        row.put("failures", pgqrs.admin().failures(id).stream().map(f -> Rows.failure(f, true)).toList());
        return row;
    }

    /** Workers with {@code queue_name}, {@code heartbeat_age} in seconds and {@code stale}. */
    List<Map<String, Object>> workers() {
        Map<Long, String> queues = queueNames();
        Instant now = clock.instant();
        return pgqrs.admin().listWorkers().stream().map(w -> {
            Map<String, Object> row = Rows.worker(w);
            Duration age = Duration.between(w.heartbeatAt(), now);
            row.put("queue_name", w.queueId() == null ? null : queues.get(w.queueId()));
            row.put("heartbeat_age", Math.max(0, age.toSeconds()));
            row.put("stale", live(w) && age.compareTo(staleAfter) > 0);
            return row;
        }).toList();
    }

    private static boolean live(WorkerRecord w) {
        return w.status() == WorkerStatus.READY || w.status() == WorkerStatus.POLLING;
    }

    Map<Long, String> queueNames() {
        return pgqrs.admin().listQueues().stream().collect(Collectors.toMap(QueueRecord::id, QueueRecord::name));
    }

    /** Recurring schedules, by name, with their queue's name. */
    List<Map<String, Object>> schedules() {
        Map<Long, String> queues = queueNames();
        return pgqrs.schedules().list().stream().map(s -> Rows.schedule(s, queues.get(s.queueId()))).toList();
    }

    /** Workflows, each with {@code run_counts}: its number of runs per state, every state named. */
    List<Map<String, Object>> workflows() {
        Map<Long, String> queues = queueNames();
        return pgqrs.workflows().list().stream().map(w -> {
            Map<String, Object> row = Rows.workflow(w, queues.get(w.queueId()));
            Map<String, Long> counts = new LinkedHashMap<>();
            pgqrs.workflows().runCounts(w.name()).forEach((status, runs) -> counts.put(status.name(), runs));
            row.put("run_counts", counts);
            return row;
        }).toList();
    }

    List<Map<String, Object>> runs(String workflow, RunStatus status, int limit) {
        return pgqrs.workflows().runs(workflow, status, limit).stream().map(r -> Rows.runLine(r, true)).toList();
    }

    /** A run in full, with its workflow's {@code workflow_name} and its {@code steps}. */
    Map<String, Object> run(long runId) {
        RunRecord run = pgqrs.workflows().run(runId).orElseThrow(() -> HttpError.notFound("Workflow run " + runId));
        Map<String, Object> row = Rows.run(run, true);
        row.put("workflow_name", pgqrs.workflows().list().stream().filter(w -> w.id() == run.workflowId())
                .map(WorkflowRecord::name).findFirst().orElse(null));
        row.put("steps", pgqrs.workflows().steps(runId).stream().map(s -> {
            Map<String, Object> step = Rows.step(s, true);
            step.put("started_at", s.startedAt());
            step.put("completed_at", s.completedAt());
            return step;
        }).toList());
        return row;
    }

    /** @return the message's queue name, for the pages that link back to it, or null when the queue is gone */
    String queueOf(Map<String, Object> message) {
        return queueNames().get((Long) message.get("queue_id"));
    }
}
