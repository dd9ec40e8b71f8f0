package io.pgqrs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token guard and read-only mode, over real HTTP against SQLite. */
class SecurityTest {
    private static final String TOKEN = "s3cret-token";
    @TempDir
    static Path dir;
    static Pgqrs pgqrs;
    static Dashboard guarded;
    static Dashboard readOnly;
    static DashboardServer guardedServer;
    static DashboardServer readOnlyServer;
    static long deadId;

    @BeforeAll
    static void start() {
        pgqrs = Pgqrs.connect("sqlite:" + dir.resolve("security.db"));
        pgqrs.admin().install();
        pgqrs.admin().createQueue("q");
        pgqrs.producer("q").enqueue(Map.of("n", 1));
        var consumer = pgqrs.consumer("q");
        Message m = consumer.dequeue(1).get(0);
        consumer.deadLetter(m, "boom");
        deadId = m.id();
        guarded = Dashboard.builder(pgqrs).token(TOKEN).build();
        readOnly = Dashboard.builder(pgqrs).readOnly(true).build();
        guardedServer = DashboardServer.start(guarded, new InetSocketAddress("127.0.0.1", 0));
        readOnlyServer = DashboardServer.start(readOnly, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        guardedServer.close();
        readOnlyServer.close();
        guarded.close();
        readOnly.close();
        pgqrs.close();
    }

    @Test
    void withoutTheTokenEveryRequestIs401() {
        Http anonymous = new Http(guardedServer.port());
        assertThat(anonymous.get("/api/queues").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/queues?token=" + TOKEN).status()).as("never from the URL").isEqualTo(401);
        Http.Answer page = anonymous.get("/queues/q");
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.body()).contains("name=\"token\"");
        assertThat(anonymous.header("Authorization", "Bearer wrong").get("/api/queues").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/messages/" + deadId + "/replay", "").status()).isEqualTo(401);
    }

    @Test
    void theBearerTokenOrTheLoginCookieLetsIn() {
        assertThat(new Http(guardedServer.port()).header("Authorization", "Bearer " + TOKEN).get("/api/queues").status())
                .isEqualTo(200);
        Http browser = new Http(guardedServer.port());
        assertThat(browser.post("/login", "token=wrong").status()).isEqualTo(401);
        Http.Answer login = browser.post("/login", "token=" + TOKEN);
        assertThat(login.status()).isEqualTo(303);
        assertThat(login.header("Set-Cookie")).satisfies(c ->
                assertThat(c).contains("HttpOnly").contains("SameSite=Strict"));
        assertThat(browser.get("/queues/q").status()).isEqualTo(200);
    }

    @Test
    void readOnlyRefusesActionsWith403AndShowsNoButtons() {
        Http http = new Http(readOnlyServer.port()).withSession();
        assertThat(http.post("/api/messages/" + deadId + "/replay", "").status()).isEqualTo(403);
        assertThat(http.post("/queues/q/purge", "confirm=q").status()).isEqualTo(403);
        assertThat(pgqrs.admin().queueMetrics("q").deadMessages()).isEqualTo(1);
        String page = http.get("/queues/q/dead").body();
        assertThat(page).contains("read-only").doesNotContain("class=\"replay\"");
    }
}
