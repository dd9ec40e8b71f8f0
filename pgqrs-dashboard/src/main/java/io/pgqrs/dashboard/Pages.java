package io.pgqrs.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pgqrs.MessageState;
import io.pgqrs.RunStatus;
import io.pgqrs.WorkerStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTML pages, server-rendered from the rows of {@link Views}; every value goes through {@link Html#text}. */
final class Pages {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final boolean readOnly;

    Pages(boolean readOnly) {
        this.readOnly = readOnly;
    }

    private Html start(DashboardRequest r, String title) {
        String base = r.basePath();
        Html h = new Html();
        h.tag("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").text(title).tag(" · pgqrs</title>")
                .tagf("<link rel=\"stylesheet\" href=\"%s/assets/dashboard.css\">", base)
                .tagf("<script src=\"%s/assets/dashboard.js\" defer></script></head>", base)
                .tagf("<body data-base=\"%s\"><header><a class=\"brand\" href=\"%s/\">pgqrs</a>", base, base)
                .tagf("<nav><a href=\"%s/\">Queues</a><a href=\"%s/workers\">Workers</a><a href=\"%s/workflows\">Workflows</a>"
                        + "<a href=\"%s/schedules\">Schedules</a></nav>", base, base, base, base);
        if (readOnly) {
            h.tag("<span class=\"badge\">read-only</span>");
        }
        h.tag("</header><div id=\"store-status\" class=\"banner\" hidden>The store is not answering; this page retries every 5 s.</div><main>")
                .tag("<h1>").text(title).tag("</h1>");
        return h;
    }

    private static String end(Html h) {
        return h.tag("</main></body></html>").toString();
    }

    String overview(DashboardRequest r, List<Map<String, Object>> queues, List<Map<String, Object>> points) {
        Html h = start(r, "Queues");
        h.tag("<section class=\"chart\"><h2>Throughput</h2>");
        chart(h, points);
        h.tag("</section><table id=\"queues\"><thead><tr><th>queue</th><th>pending</th><th>locked</th><th>archived</th>"
                + "<th>dead</th><th>oldest pending</th></tr></thead><tbody>");
        for (Map<String, Object> q : queues) {
            String name = (String) q.get("name");
            String link = r.basePath() + "/queues/" + Dashboard.encode(name);
            h.tagf("<tr data-queue=\"%s\"><td><a href=\"%s\">", name, link).text(name).tag("</a></td>")
                    .tag("<td class=\"n pending\">").text(q.get("pending_messages")).tag("</td>")
                    .tag("<td class=\"n locked\">").text(q.get("locked_messages")).tag("</td>")
                    .tag("<td class=\"n archived\">").text(q.get("archived_messages")).tag("</td>")
                    .tagf("<td class=\"n dead\"><a href=\"%s/dead\">", link).text(q.get("dead_messages")).tag("</a></td>")
                    .tag("<td class=\"n\">").text(age(q.get("oldest_pending_age"))).tag("</td></tr>");
        }
        if (queues.isEmpty()) {
            h.tag("<tr><td colspan=\"6\">No queues yet.</td></tr>");
        }
        h.tag("</tbody></table>");
        queues.stream().map(q -> (Instant) q.get("counted_at")).min(Comparator.naturalOrder()).ifPresent(at -> countedAt(h, at));
        return end(h);
    }

    /** An inline SVG line of archived and enqueued messages per second, one point per sample interval. */
    private static void chart(Html h, List<Map<String, Object>> points) {
        if (points.isEmpty()) {
            h.tag("<p class=\"muted\">Sampling; the chart appears after the next sample.</p>");
            return;
        }
        double max = 1;
        for (Map<String, Object> p : points) {
            double seconds = (Double) p.get("seconds");
            max = Math.max(max, Math.max((Long) p.get("archived"), (Long) p.get("enqueued")) / seconds);
        }
        int width = 600;
        int height = 120;
        h.tagf("<svg class=\"spark\" viewBox=\"0 0 %s %s\" role=\"img\" aria-label=\"messages per second\">", width, height + 10);
        for (String series : List.of("enqueued", "archived")) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                Map<String, Object> p = points.get(i);
                double rate = (Long) p.get(series) / (Double) p.get("seconds");
                double x = points.size() == 1 ? width : i * (double) width / (points.size() - 1);
                double y = height - rate / max * height + 5;
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            h.tagf("<polyline class=\"%s\" fill=\"none\" points=\"%s\"/>", series, line.toString().strip());
        }
        h.tag("</svg><p class=\"legend\"><span class=\"enqueued\">enqueued</span> <span class=\"archived\">archived</span> "
                + "per second; peak ").text(String.format(Locale.ROOT, "%.1f", max)).tag("/s</p>");
    }

    private Html counts(Html h, Map<String, Object> q) {
        return h.tag("<dl class=\"counts\">")
                .tag("<dt>pending</dt><dd class=\"pending\">").text(q.get("pending_messages")).tag("</dd>")
                .tag("<dt>locked</dt><dd class=\"locked\">").text(q.get("locked_messages")).tag("</dd>")
                .tag("<dt>archived</dt><dd class=\"archived\">").text(q.get("archived_messages")).tag("</dd>")
                .tag("<dt>dead</dt><dd class=\"dead\">").text(q.get("dead_messages")).tag("</dd>")
                .tag("<dt>oldest pending</dt><dd>").text(age(q.get("oldest_pending_age"))).tag("</dd></dl>");
    }

    /** Says when the counts were taken: on a large store they come from the last sample, not from this request. */
    private static void countedAt(Html h, Instant at) {
        h.tag("<p class=\"muted counted\">Counts as of ").text(CLOCK_TIME.format(at)).tag(" UTC</p>");
    }

    String queue(DashboardRequest r, Map<String, Object> q, List<Map<String, Object>> points, MessageState state,
                 Views.Page page, String csrf) {
        String name = (String) q.get("name");
        String link = r.basePath() + "/queues/" + Dashboard.encode(name);
        Html h = start(r, "Queue " + name);
        counts(h, q);
        countedAt(h, (Instant) q.get("counted_at"));
        h.tag("<section class=\"chart\"><h2>Throughput</h2>");
        chart(h, points);
        h.tag("</section><nav class=\"tabs\">");
        for (MessageState s : MessageState.values()) {
            String lower = s.name().toLowerCase(Locale.ROOT);
            h.tagf("<a class=\"%s\" href=\"%s?state=%s\">%s</a>", s == state ? "on" : "", link, lower, lower);
        }
        h.tagf("<a href=\"%s/dead\">dead letters ›</a></nav>", link);
        h.tag("<table id=\"messages\"><thead><tr><th>id</th><th>enqueued</th><th>visible at</th><th>reads</th>"
                + "<th>priority</th><th>group</th><th>headers</th><th>payload</th></tr></thead><tbody>");
        for (Map<String, Object> m : page.rows()) {
            h.tagf("<tr data-id=\"%s\"><td><a href=\"%s/messages/%s\">", m.get("id"), r.basePath(), m.get("id")).text(m.get("id"))
                    .tag("</a></td><td>").text(m.get("enqueued_at")).tag("</td><td>").text(m.get("vt"))
                    .tag("</td><td class=\"n\">").text(m.get("read_ct")).tag("</td><td class=\"n\">").text(m.get("priority"))
                    .tag("</td><td>").text(m.getOrDefault("group_key", "")).tag("</td><td><pre>").text(json(m.get("headers")))
                    .tag("</pre></td><td><pre class=\"payload\">").text(json(m.get("payload"))).tag("</pre></td></tr>");
        }
        if (page.rows().isEmpty()) {
            h.tag("<tr><td colspan=\"8\">No messages in this state.</td></tr>");
        }
        h.tag("</tbody></table>");
        if (page.nextCursor() != null) {
            h.tagf("<p><a class=\"next\" href=\"%s?state=%s&amp;before=%s\">Older messages ›</a></p>", link,
                    state.name().toLowerCase(Locale.ROOT), page.nextCursor());
        }
        if (!readOnly) {
            h.tagf("<form class=\"danger\" method=\"post\" action=\"%s/purge\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">", link, csrf)
                    .tag("<label>Purge every message and worker of this queue: type its name to confirm ")
                    .tag("<input name=\"confirm\" autocomplete=\"off\" required></label> <button>Purge</button></form>");
        }
        return end(h);
    }

    String deadLetters(DashboardRequest r, Map<String, Object> q, Views.Page page, String csrf) {
        String name = (String) q.get("name");
        String link = r.basePath() + "/queues/" + Dashboard.encode(name);
        Html h = start(r, "Dead letters of " + name);
        counts(h, q);
        countedAt(h, (Instant) q.get("counted_at"));
        h.tagf("<p><a href=\"%s\">‹ queue</a></p><form method=\"post\" action=\"%s/replay\">", link, link)
                .tagf("<input type=\"hidden\" name=\"csrf\" value=\"%s\">", csrf)
                .tag("<table id=\"dead\"><thead><tr><th><input type=\"checkbox\" class=\"all\" aria-label=\"all\"></th>"
                        + "<th>id</th><th>reads</th><th>archived</th><th>last error</th><th>payload</th><th></th></tr></thead><tbody>");
        for (Map<String, Object> m : page.rows()) {
            Object id = m.get("id");
            h.tagf("<tr data-id=\"%s\"><td><input type=\"checkbox\" name=\"id\" value=\"%s\"></td>", id, id)
                    .tagf("<td><a href=\"%s/messages/%s\">", r.basePath(), id).text(id).tag("</a></td><td class=\"n\">")
                    .text(m.get("read_ct")).tag("</td><td>").text(m.get("archived_at")).tag("</td><td><pre class=\"error\">")
                    .text(m.get("last_error")).tag("</pre></td><td><pre class=\"payload\">").text(json(m.get("payload")))
                    .tag("</pre></td><td>");
            if (!readOnly) {
                h.tagf("<button class=\"replay\" name=\"one\" value=\"%s\">Replay</button>", id);
            }
            h.tag("</td></tr>");
        }
        if (page.rows().isEmpty()) {
            h.tag("<tr><td colspan=\"7\">No dead letters.</td></tr>");
        }
        h.tag("</tbody></table>");
        if (!readOnly && !page.rows().isEmpty()) {
            h.tag("<button class=\"replay-selected\">Replay selected</button>");
        }
        h.tag("</form>");
        if (page.nextCursor() != null) {
            h.tagf("<p><a class=\"next\" href=\"%s/dead?before=%s\">Older dead letters ›</a></p>", link, page.nextCursor());
        }
        return end(h);
    }

    String message(DashboardRequest r, Map<String, Object> m, String queue) {
        Html h = start(r, "Message " + m.get("id"));
        if (queue != null) {
            h.tagf("<p><a href=\"%s/queues/%s\">‹ queue ", r.basePath(), Dashboard.encode(queue)).text(queue).tag("</a></p>");
        }
        h.tag("<dl class=\"fields\">");
        m.forEach((k, v) -> {
            if (!k.equals("failures")) {
                h.tag("<dt>").text(k).tag("</dt><dd><pre>").text(json(v)).tag("</pre></dd>");
            }
        });
        h.tag("</dl><h2>Failed attempts</h2><table><thead><tr><th>attempt</th><th>failed at</th><th>error</th></tr></thead><tbody>");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failures = (List<Map<String, Object>>) m.get("failures");
        for (Map<String, Object> f : failures) {
            h.tag("<tr><td class=\"n\">").text(f.get("attempt")).tag("</td><td>").text(f.get("failed_at"))
                    .tag("</td><td><pre class=\"error\">").text(f.get("error")).tag("</pre></td></tr>");
        }
        return end(h.tag("</tbody></table>"));
    }

    String workers(DashboardRequest r, List<Map<String, Object>> workers, String csrf) {
        Html h = start(r, "Workers");
        h.tag("<table id=\"workers\"><thead><tr><th>id</th><th>name</th><th>queue</th><th>status</th><th>heartbeat</th>"
                + "<th></th></tr></thead><tbody>");
        for (Map<String, Object> w : workers) {
            Object id = w.get("id");
            boolean stale = (Boolean) w.get("stale");
            WorkerStatus status = (WorkerStatus) w.get("status");
            h.tagf("<tr data-id=\"%s\" class=\"%s\"><td class=\"n\">", id, stale ? "stale" : "").text(id).tag("</td><td>")
                    .text(w.get("name")).tag("</td><td>").text(w.get("queue_name")).tag("</td><td>")
                    .text(Rows.json(Map.of("s", status)).get("s").asText()).tag("</td><td>").text(age(w.get("heartbeat_age")) + " ago");
            if (stale) {
                h.tag(" <span class=\"badge stale\">stale</span>");
            }
            h.tag("</td><td>");
            if (!readOnly && status != WorkerStatus.STOPPED) {
                for (String action : List.of("suspend", "resume", "shutdown")) {
                    h.tagf("<form class=\"inline\" method=\"post\" action=\"%s/workers/%s/%s\">", r.basePath(), id, action)
                            .tagf("<input type=\"hidden\" name=\"csrf\" value=\"%s\"><button>%s</button></form>", csrf, action);
                }
            }
            h.tag("</td></tr>");
        }
        if (workers.isEmpty()) {
            h.tag("<tr><td colspan=\"6\">No workers.</td></tr>");
        }
        return end(h.tag("</tbody></table>"));
    }

    String schedules(DashboardRequest r, List<Map<String, Object>> schedules, String csrf) {
        Html h = start(r, "Schedules");
        h.tag("<table id=\"schedules\"><thead><tr><th>name</th><th>queue</th><th>cron</th><th>zone</th><th>next run</th>"
                + "<th>last run</th><th>state</th><th></th></tr></thead><tbody>");
        for (Map<String, Object> s : schedules) {
            boolean paused = (Boolean) s.get("paused");
            String name = (String) s.get("name");
            h.tag("<tr data-name=\"").text(name).tag("\"><td>").text(name).tag("</td><td>").text(s.get("queue"))
                    .tag("</td><td><code>").text(s.get("cron")).tag("</code></td><td>").text(s.get("zone")).tag("</td><td>")
                    .text(paused ? "" : s.get("next_run_at")).tag("</td><td>").text(s.get("last_run_at") == null ? "never"
                            : s.get("last_run_at")).tag("</td><td class=\"state\">").text(paused ? "paused" : "active")
                    .tag("</td><td>");
            if (!readOnly) {
                String action = paused ? "resume" : "pause";
                h.tagf("<form class=\"inline\" method=\"post\" action=\"%s/schedules/%s/%s\">", r.basePath(),
                                Dashboard.encode(name), action)
                        .tagf("<input type=\"hidden\" name=\"csrf\" value=\"%s\"><button>%s</button></form>", csrf, action);
            }
            h.tag("</td></tr>");
        }
        if (schedules.isEmpty()) {
            h.tag("<tr><td colspan=\"8\">No schedules.</td></tr>");
        }
        return end(h.tag("</tbody></table>"));
    }

    String workflows(DashboardRequest r, List<Map<String, Object>> workflows) {
        Html h = start(r, "Workflows");
        h.tag("<table id=\"workflows\"><thead><tr><th>name</th><th>queue</th><th>runs</th><th>created</th></tr></thead>"
                + "<tbody>");
        for (Map<String, Object> w : workflows) {
            String link = r.basePath() + "/workflows/" + Dashboard.encode((String) w.get("name"));
            h.tagf("<tr><td><a href=\"%s\">", link).text(w.get("name")).tag("</a></td><td>").text(w.get("queue"))
                    .tag("</td><td class=\"run-counts\">");
            @SuppressWarnings("unchecked")
            Map<String, Long> counts = (Map<String, Long>) w.get("run_counts");
            counts.forEach((status, runs) -> {
                if (runs > 0) {
                    h.tagf("<a class=\"status %s\" href=\"%s?status=%s\">", status, link, status).text(status + " " + runs)
                            .tag("</a> ");
                }
            });
            h.tag("</td><td>").text(w.get("created_at")).tag("</td></tr>");
        }
        if (workflows.isEmpty()) {
            h.tag("<tr><td colspan=\"4\">No workflows.</td></tr>");
        }
        return end(h.tag("</tbody></table>"));
    }

    String runs(DashboardRequest r, String workflow, RunStatus status, List<Map<String, Object>> runs) {
        String link = r.basePath() + "/workflows/" + Dashboard.encode(workflow);
        Html h = start(r, "Runs of " + workflow);
        h.tagf("<nav class=\"tabs\"><a class=\"%s\" href=\"%s\">all</a>", status == null ? "on" : "", link);
        for (RunStatus s : RunStatus.values()) {
            h.tagf("<a class=\"%s\" href=\"%s?status=%s\">%s</a>", s == status ? "on" : "", link, s.name(), s.name());
        }
        h.tag("</nav><table id=\"runs\"><thead><tr><th>run</th><th>status</th><th>created</th><th>updated</th><th>error</th>"
                + "</tr></thead><tbody>");
        for (Map<String, Object> run : runs) {
            h.tagf("<tr><td><a href=\"%s/runs/%s\">", r.basePath(), run.get("run_id")).text(run.get("run_id"))
                    .tagf("</a></td><td><span class=\"status %s\">", run.get("status")).text(run.get("status"))
                    .tag("</span></td><td>").text(run.get("created_at")).tag("</td><td>").text(run.get("updated_at"))
                    .tag("</td><td><pre class=\"error\">").text(run.get("error")).tag("</pre></td></tr>");
        }
        if (runs.isEmpty()) {
            h.tag("<tr><td colspan=\"5\">No runs.</td></tr>");
        }
        return end(h.tag("</tbody></table>"));
    }

    String run(DashboardRequest r, Map<String, Object> run) {
        Html h = start(r, "Run " + run.get("run_id"));
        if (run.get("workflow_name") != null) {
            h.tagf("<p><a href=\"%s/workflows/%s\">‹ ", r.basePath(), Dashboard.encode((String) run.get("workflow_name")))
                    .text(run.get("workflow_name")).tag("</a></p>");
        }
        h.tag("<dl class=\"fields\">");
        for (String k : List.of("status", "input", "output", "error", "created_at", "started_at", "paused_at", "completed_at")) {
            h.tag("<dt>").text(k).tag("</dt><dd><pre>").text(json(run.get(k))).tag("</pre></dd>");
        }
        h.tag("</dl><h2>Steps</h2><ol class=\"timeline\">");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) run.get("steps");
        for (Map<String, Object> s : steps) {
            h.tagf("<li class=\"status %s\"><strong>", s.get("status")).text(s.get("step_name")).tag("</strong> ")
                    .tagf("<span class=\"status %s\">", s.get("status")).text(s.get("status")).tag("</span> <span class=\"muted\">")
                    .text(s.get("started_at")).tag(" → ").text(s.get("completed_at")).tag(", retries ").text(s.get("retry_count"));
            if (s.get("retry_at") != null) {
                h.tag(", next retry ").text(s.get("retry_at"));
            }
            h.tag("</span>");
            if (s.get("error") != null) {
                h.tag("<pre class=\"error\">").text(s.get("error")).tag("</pre>");
            }
            h.tag("</li>");
        }
        if (steps.isEmpty()) {
            h.tag("<li>No steps yet.</li>");
        }
        return end(h.tag("</ol>"));
    }

    String login(DashboardRequest r, boolean wrong) {
        Html h = start(r, "Log in");
        if (wrong) {
            h.tag("<p class=\"banner\">Wrong token.</p>");
        }
        h.tagf("<form method=\"post\" action=\"%s/login\"><label>Token <input type=\"password\" name=\"token\" "
                + "autocomplete=\"current-password\" required autofocus></label> <button>Log in</button></form>", r.basePath());
        return end(h);
    }

    String error(DashboardRequest r, int status, String message) {
        Html h = start(r, status == 404 ? "Not found" : status == 503 ? "Store unavailable" : "Error " + status);
        h.tagf("<p class=\"banner error\" data-status=\"%s\">", status).text(message).tag("</p>");
        return end(h);
    }

    private static String age(Object seconds) {
        if (seconds == null) {
            return "—";
        }
        long s = ((Number) seconds).longValue();
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }

    private static String json(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof JsonNode node) {
            try {
                return PRETTY.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                return node.toString();
            }
        }
        return value.toString();
    }
}
