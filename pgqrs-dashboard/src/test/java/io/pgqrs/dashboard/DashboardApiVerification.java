package io.pgqrs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The JSON API and the pages over real HTTP against one store; a backend's test supplies the store. One server per
 * class; each test uses queues of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardApiVerification {
    Pgqrs pgqrs;
    Dashboard dashboard;
    DashboardServer server;

    /** @return a connection to a fresh, installed store */
    abstract Pgqrs connect();

    /** @param dsn a store @return its connection without the producers' rate limit, which the fills would hit */
    static Pgqrs open(String dsn) {
        Config config = Config.fromDsn(dsn);
        Pgqrs pgqrs = Pgqrs.connect(config.toBuilder().validation(config.validation().withRateLimit(null, null)).build());
        pgqrs.admin().install();
        return pgqrs;
    }

    @BeforeAll
    void start() {
        pgqrs = connect();
        dashboard = Dashboard.builder(pgqrs).build();
        server = DashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    void stop() {
        server.close();
        dashboard.close();
        pgqrs.close();
    }

    Http http() {
        return new Http(server.port());
    }

    /** Enqueues n messages and makes the first `dead` of them dead letters. */
    List<Message> fill(String queue, int n, int dead) {
        pgqrs.admin().createQueue(queue);
        List<Object> payloads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            payloads.add(Map.of("n", i));
        }
        for (int from = 0; from < n; from += 100) {
            pgqrs.producer(queue).enqueueBatch(payloads.subList(from, Math.min(n, from + 100)));
        }
        Consumer c = pgqrs.consumer(queue);
        List<Message> got = dead == 0 ? List.of() : c.dequeue(dead);
        got.forEach(m -> c.deadLetter(m, "failure of " + m.id() + "\nsecond line"));
        return got;
    }

    @Test
    void overviewListsEveryQueueWithTheCliFieldNames() {
        fill("ov", 3, 1);
        JsonNode queue = find(http().get("/api/queues").json().get("data"), "name", "ov");
        assertThat(queue.get("pending_messages").asLong()).isEqualTo(2);
        assertThat(queue.get("locked_messages").asLong()).isZero();
        assertThat(queue.get("archived_messages").asLong()).isEqualTo(1);
        assertThat(queue.get("dead_messages").asLong()).isEqualTo(1);
        assertThat(queue.has("oldest_pending_message")).isTrue();
        assertThat(queue.get("oldest_pending_age").isNumber()).isTrue();
        Http.Answer page = http().get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/queues/ov\"").contains("/assets/dashboard.css");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
    }

    @Test
    void messagesArePagedByKeysetOnId() {
        fill("paged", 120, 0);
        JsonNode first = http().get("/api/queues/paged/messages?state=pending&limit=50").json();
        assertThat(first.get("data")).hasSize(50);
        long cursor = first.get("next_cursor").asLong();
        assertThat(first.get("data").get(49).get("id").asLong()).isEqualTo(cursor);
        JsonNode second = http().get("/api/queues/paged/messages?state=pending&limit=50&before=" + cursor).json();
        assertThat(second.get("data").get(0).get("id").asLong()).isLessThan(cursor);
        JsonNode third = http().get("/api/queues/paged/messages?limit=50&before=" + second.get("next_cursor").asLong()).json();
        assertThat(third.get("data")).hasSize(20);
        assertThat(third.get("next_cursor").isNull()).isTrue();
        assertThat(third.get("data").get(0).get("payload").get("n").asInt()).isEqualTo(19);
        assertThat(http().get("/api/queues/paged/messages?state=locked").json().get("data")).isEmpty();
    }

    @Test
    void deadLettersAreReplayedOneAndMany() {
        List<Message> dead = fill("dlq", 5, 3);
        Http http = http().withSession();
        JsonNode letters = http.get("/api/queues/dlq/dead-letters").json().get("data");
        assertThat(letters).hasSize(3);
        assertThat(letters.get(0).get("last_error").asText()).startsWith("failure of ").contains("second line");

        Http.Answer one = http.post("/api/messages/" + dead.get(0).id() + "/replay", "");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("data").get("read_ct").asInt()).isZero();
        Http.Answer many = http.post("/api/queues/dlq/replay", "id=" + dead.get(1).id() + "&id=" + dead.get(2).id());
        assertThat(many.json().get("data").get("replayed")).hasSize(2);
        JsonNode queue = http.get("/api/queues/dlq").json().get("data");
        assertThat(queue.get("dead_messages").asLong()).isZero();
        assertThat(queue.get("pending_messages").asLong()).isEqualTo(5);
        assertThat(http.post("/api/messages/" + dead.get(0).id() + "/replay", "").status()).isEqualTo(404);
    }

    @Test
    void workersAreShownAndChangedState() {
        pgqrs.admin().createQueue("wq");
        Consumer consumer = pgqrs.consumer("wq");
        long id = consumer.id();
        Http http = http().withSession();
        JsonNode worker = find(http.get("/api/workers").json().get("data"), "id", String.valueOf(id));
        assertThat(worker.get("status").asText()).isEqualTo("Ready");
        assertThat(worker.get("queue_name").asText()).isEqualTo("wq");
        assertThat(worker.get("stale").asBoolean()).isFalse();
        assertThat(http.post("/api/workers/" + id + "/suspend", "").json().get("data").get("status").asText()).isEqualTo("Suspended");
        assertThat(http.post("/api/workers/" + id + "/resume", "").json().get("data").get("status").asText()).isEqualTo("Ready");
        assertThat(http.get("/workers").body()).contains("data-id=\"" + id + "\"");
    }

    @Test
    void schedulesAreListedPausedAndResumed() {
        pgqrs.admin().createQueue("nightly");
        pgqrs.schedules().upsert("nightly-report", "0 3 * * *", ZoneId.of("Europe/Paris"), "nightly", Map.of("report", 1));
        Http http = http().withSession();
        JsonNode schedule = find(http.get("/api/schedules").json().get("data"), "name", "nightly-report");
        assertThat(schedule.get("queue").asText()).isEqualTo("nightly");
        assertThat(schedule.get("cron").asText()).isEqualTo("0 3 * * *");
        assertThat(schedule.get("zone").asText()).isEqualTo("Europe/Paris");
        assertThat(schedule.get("paused").asBoolean()).isFalse();
        assertThat(schedule.get("next_run_at").isTextual()).isTrue();
        assertThat(http.post("/api/schedules/nightly-report/pause", "").json().get("data").get("paused").asBoolean()).isTrue();
        assertThat(pgqrs.schedules().get("nightly-report").orElseThrow().paused()).isTrue();
        assertThat(http.get("/schedules").body()).contains("data-name=\"nightly-report\"").contains("paused");
        assertThat(http.post("/api/schedules/nightly-report/resume", "").json().get("data").get("paused").asBoolean()).isFalse();
        assertThat(http.post("/api/schedules/nope/pause", "").status()).isEqualTo(404);
    }

    @Test
    void purgeNeedsTheQueueNameTyped() {
        fill("purged", 4, 0);
        Http http = http().withSession();
        assertThat(http.post("/queues/purged/purge", "confirm=other").status()).isEqualTo(400);
        assertThat(pgqrs.admin().queueMetrics("purged").totalMessages()).isEqualTo(4);
        Http.Answer done = http.post("/queues/purged/purge", "confirm=purged");
        assertThat(done.status()).isEqualTo(303);
        assertThat(pgqrs.admin().queueMetrics("purged").totalMessages()).isZero();
    }

    @Test
    void unknownThingsAre404PagesWithoutStackTraces() {
        for (String path : List.of("/queues/nope", "/queues/nope/dead", "/messages/987654321", "/messages/abc", "/runs/987654321",
                "/workflows/nope", "/no/such/page")) {
            Http.Answer a = http().get(path);
            assertThat(a.status()).as(path).isEqualTo(404);
            assertThat(a.body()).as(path).contains("<h1>Not found</h1>").doesNotContain("Exception").doesNotContain("at io.pgqrs");
        }
        JsonNode error = http().get("/api/queues/nope/messages").json().get("error");
        assertThat(error.get("kind").asText()).isEqualTo("QUEUE_NOT_FOUND");
        assertThat(http().get("/api/queues/x/messages?state=sideways").status()).isEqualTo(400);
    }

    @Test
    void actionsWithoutCsrfTokenOrFromAnotherOriginAreRefused() {
        List<Message> dead = fill("csrf", 1, 1);
        String replay = "/api/messages/" + dead.get(0).id() + "/replay";
        assertThat(http().post(replay, "").status()).isEqualTo(403);
        assertThat(http().withSession().withoutCsrf().post(replay, "csrf=forged").status()).isEqualTo(403);
        Http foreign = http().withSession().header("Origin", "http://evil.example");
        assertThat(foreign.post(replay, "").status()).isEqualTo(403);
        assertThat(pgqrs.admin().queueMetrics("csrf").deadMessages()).isEqualTo(1);
        Http same = http().withSession().header("Origin", "http://127.0.0.1:" + server.port());
        assertThat(same.post(replay, "").status()).isEqualTo(200);
    }

    @Test
    void payloadsAreEscapedInPages() {
        pgqrs.admin().createQueue("xss");
        pgqrs.producer("xss").enqueue(Map.of("html", "<script>alert(1)</script>"),
                EnqueueOptions.none().withGroup("<img src=x onerror=alert(2)>").withPriority(7));
        String body = http().get("/queues/xss").body();
        assertThat(body).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        assertThat(body).as("the group key is text too").contains("&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<img src=x").contains("<td class=\"n\">7</td>");
    }

    static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (row.get(field).asText().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + "=" + value + " in " + rows);
    }
}
