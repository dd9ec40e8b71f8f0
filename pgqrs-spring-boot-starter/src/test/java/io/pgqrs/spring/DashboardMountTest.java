package io.pgqrs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.dashboard.Dashboard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard mounted under {@code /pgqrs} of a real Spring Boot application on an embedded Tomcat, over real HTTP;
 * then the conditions that leave it out, in light contexts.
 */
class DashboardMountTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static ConfigurableApplicationContext app;
    static String base;
    static long deadId;
    final HttpClient http = HttpClient.newHttpClient();

    /** An application with nothing of its own: the starter's auto-configuration does the rest. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(Application.class).properties(Map.of(
                "server.port", "0",
                // The test path has spring-jdbc (for other tests); this application has no database of its own.
                "spring.autoconfigure.exclude", "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "pgqrs.dsn", "sqlite://" + dir.resolve("mounted.db"),
                "pgqrs.install-on-startup", "true",
                "pgqrs.dashboard.enabled", "true",
                "pgqrs.dashboard.path", "/ops/pgqrs/")).run();
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/ops/pgqrs";
        Pgqrs pgqrs = app.getBean(Pgqrs.class);
        pgqrs.admin().createQueue("mounted");
        pgqrs.producer("mounted").enqueue(Map.of("n", 1));
        Consumer consumer = pgqrs.consumer("mounted");
        Message m = consumer.dequeue(1).get(0);
        consumer.deadLetter(m, "boom");
        deadId = m.id();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private HttpResponse<String> post(String path, String cookie, String form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    @Test
    void theOverviewAndTheApiAnswerUnderThePath() throws Exception {
        HttpResponse<String> overview = get("/", null);
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("href=\"/ops/pgqrs/queues/mounted\"").contains("/ops/pgqrs/assets/dashboard.css");
        assertThat(get("", null).body()).as("the path without a slash").contains("<h1>Queues</h1>");
        assertThat(get("/assets/dashboard.js", null).statusCode()).isEqualTo(200);

        JsonNode queues = JSON.readTree(get("/api/queues", null).body()).get("data");
        assertThat(queues).anySatisfy(q -> {
            assertThat(q.get("name").asText()).isEqualTo("mounted");
            assertThat(q.get("total_messages").asLong()).isEqualTo(1);
        });
        assertThat(get("/queues/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndOneWithItIsServed() throws Exception {
        HttpResponse<String> refused = post("/api/messages/" + deadId + "/replay", null, "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("error").get("message").asText()).contains("CSRF");
        assertThat(app.getBean(Pgqrs.class).admin().queueMetrics("mounted").deadMessages()).isEqualTo(1);

        HttpResponse<String> session = get("/api/session", null);
        String cookie = session.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("Path=/ops/pgqrs;").contains("HttpOnly");
        String csrf = JSON.readTree(session.body()).get("csrf_token").asText();
        String sessionCookie = cookie.substring(0, cookie.indexOf(';'));
        assertThat(post("/api/messages/" + deadId + "/replay", sessionCookie, "csrf=forged").statusCode()).isEqualTo(403);
        HttpResponse<String> replayed = post("/api/messages/" + deadId + "/replay?from=test", sessionCookie, "csrf=" + csrf);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(app.getBean(Pgqrs.class).admin().queueMetrics("mounted").deadMessages()).isZero();
    }

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PgqrsAutoConfiguration.class, PgqrsDashboardAutoConfiguration.class))
            .withPropertyValues("pgqrs.dsn=sqlite://" + dir.resolve("conditions.db"), "pgqrs.install-on-startup=true");

    @Test
    void itIsMountedOnlyWhenEnabledAndOnTheClassPath() {
        web.run(context -> assertThat(context).hasSingleBean(Pgqrs.class).doesNotHaveBean(Dashboard.class));
        web.withPropertyValues("pgqrs.dashboard.enabled=true", "pgqrs.dashboard.read-only=true", "pgqrs.dashboard.token=t0ken")
                .run(context -> {
                    assertThat(context).hasSingleBean(Dashboard.class).hasBean("pgqrsDashboardServlet");
                    assertThat(context.getBean(Dashboard.class).readOnly()).isTrue();
                });
        web.withPropertyValues("pgqrs.dashboard.enabled=true").withClassLoader(new FilteredClassLoader(Dashboard.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("pgqrsDashboardServlet"));
    }

    @Test
    void aPathThatIsNotBelowTheRootFailsNamingTheProperty() {
        for (String path : new String[] {"/", "pgqrs", "/pgqrs/*"}) {
            web.withPropertyValues("pgqrs.dashboard.enabled=true", "pgqrs.dashboard.path=" + path).run(context ->
                    assertThat(context).as(path).hasFailed().getFailure().hasStackTraceContaining("pgqrs.dashboard.path"));
        }
    }
}
