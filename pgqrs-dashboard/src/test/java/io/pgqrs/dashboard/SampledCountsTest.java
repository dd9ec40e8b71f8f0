package io.pgqrs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose count is expensive (here: a live-count threshold of zero, as a million messages would make it): pages
 * show the sampler's counts with their time instead of counting per request, and an action makes the next page count
 * again. SQLite; the sampler samples once, at start.
 */
class SampledCountsTest {
    @TempDir
    static Path dir;
    static Pgqrs pgqrs;
    static Dashboard dashboard;
    static DashboardServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        pgqrs = Pgqrs.connect("sqlite:" + dir.resolve("sampled.db"));
        pgqrs.admin().install();
        pgqrs.admin().createQueue("sampled");
        pgqrs.producer("sampled").enqueueBatch(List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3)));
        dashboard = Dashboard.builder(pgqrs).liveCountsBelow(Duration.ZERO).sampleInterval(Duration.ofHours(1)).build();
        server = DashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0));
        assertThat(dashboard.awaitFirstSample(Duration.ofSeconds(30))).as("the sampler counted once").isTrue();
    }

    @AfterAll
    static void stop() {
        server.close();
        dashboard.close();
        pgqrs.close();
    }

    @Test
    void pagesShowTheSampledCountsUntilAnActionChangesThem() {
        Http http = new Http(server.port()).withSession();
        JsonNode first = http.get("/api/queues/sampled").json().get("data");
        assertThat(first.get("total_messages").asLong()).isEqualTo(3);
        String countedAt = first.get("counted_at").asText();

        Consumer consumer = pgqrs.consumer("sampled");
        Message failed = consumer.dequeue(1).get(0);
        consumer.deadLetter(failed, "boom");
        pgqrs.producer("sampled").enqueue(Map.of("n", 4));
        JsonNode sampled = http.get("/api/queues/sampled").json().get("data");
        assertThat(sampled.get("total_messages").asLong()).as("served from the sample, not counted again").isEqualTo(3);
        assertThat(sampled.get("dead_messages").asLong()).isZero();
        assertThat(sampled.get("counted_at").asText()).isEqualTo(countedAt);
        assertThat(http.get("/queues/sampled").body())
                .contains("Counts as of " + Pages.CLOCK_TIME.format(Instant.parse(countedAt)) + " UTC");

        assertThat(http.post("/api/messages/" + failed.id() + "/replay", "").status()).isEqualTo(200);
        JsonNode after = http.get("/api/queues/sampled").json().get("data");
        assertThat(after.get("total_messages").asLong()).as("counted again after the replay").isEqualTo(4);
        assertThat(after.get("pending_messages").asLong()).isEqualTo(4);
        assertThat(after.get("counted_at").asText()).isNotEqualTo(countedAt);
    }

    @Test
    void aQueueMadeAfterTheSampleIsCountedOnItsOwn() {
        pgqrs.admin().createQueue("newer");
        pgqrs.producer("newer").enqueue(Map.of("n", 1));
        JsonNode newer = DashboardApiVerification.find(new Http(server.port()).get("/api/queues").json().get("data"), "name", "newer");
        assertThat(newer.get("pending_messages").asLong()).isEqualTo(1);
        assertThat(new Http(server.port()).get("/api/queues/nope").status()).isEqualTo(404);
    }
}
