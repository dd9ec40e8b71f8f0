package io.pgqrs.micrometer;

import static io.pgqrs.tck.TestEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pgqrs.Config;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueObserver;
import io.pgqrs.QueueWorker;
import io.pgqrs.RetryPolicy;
import io.pgqrs.testsupport.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drain with failures on a real store, then a Prometheus scrape: every counter, timer count and gauge equals what
 * was done, and the store's HikariCP pools report their own meters until the connection closes. On SQLite and on
 * PostgreSQL.
 */
class PgqrsMetricsTest {
    private static final Logger LOG = LoggerFactory.getLogger(PgqrsMetricsTest.class);
    private static final int MESSAGES = 50;
    private static final int FAILING = 5;

    @TempDir
    Path dir;

    @Test
    void scrapeAfterADrainOnSqlite() {
        scrapeAfterADrain(Config.builder("sqlite:" + dir.resolve("metrics.db")), "sqlite",
                Map.of("pgqrs-sqlite-read", 3, "pgqrs-sqlite-write", 1));
    }

    @Test
    void scrapeAfterADrainOnPostgres() {
        PostgresServer server = PostgresServer.get();
        String schema = server.newSchema("metrics");
        try {
            scrapeAfterADrain(Config.builder(server.dsn()).schema(schema).maxConnections(4), "postgres",
                    Map.of("pgqrs-postgres", 4));
        } finally {
            server.dropSchema(schema);
        }
    }

    /**
     * @param pools the store's pools: the start of each name (a number follows) and its size
     */
    private void scrapeAfterADrain(Config.Builder config, String backend, Map<String, Integer> pools) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PgqrsMetrics metrics = PgqrsMetrics.of(registry, Duration.ofHours(1));
        try (Pgqrs pgqrs = Pgqrs.connect(config.pollInterval(Duration.ofMillis(20)).observer(metrics).build())) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("emails");
            pgqrs.admin().createQueue("short_lived");
            pgqrs.producer("emails").enqueueBatch(IntStream.range(0, MESSAGES).mapToObj(i -> Map.of("n", i)).toList());
            try (QueueWorker worker = pgqrs.worker("emails").concurrency(2)
                    .retry(RetryPolicy.fixed(Duration.ofSeconds(1)).withMaxAttempts(1))
                    .handler(m -> {
                        if (m.payload().get("n").asInt() % 10 == 0) {
                            throw new IllegalStateException("bounced");
                        }
                    }).start()) {
                awaitTrue("the drain", Duration.ofSeconds(30), () -> worker.stats().succeeded() == MESSAGES - FAILING
                        && worker.stats().deadLettered() == FAILING);
            }
            pgqrs.producer("emails").enqueue(Map.of("n", "pending"));
            metrics.refresh();
            String scrape = registry.scrape();
            String tags = "{backend=\"" + backend + "\",queue=\"emails\"}";
            assertThat(value(scrape, "pgqrs_messages_enqueued_total" + tags)).isEqualTo(MESSAGES + 1);
            assertThat(value(scrape, "pgqrs_messages_dequeued_total" + tags)).isEqualTo(MESSAGES);
            assertThat(value(scrape, "pgqrs_messages_archived_total" + tags)).isEqualTo(MESSAGES - FAILING);
            assertThat(value(scrape, "pgqrs_messages_dead_lettered_total" + tags)).isEqualTo(FAILING);
            assertThat(value(scrape, "pgqrs_messages_deleted_total" + tags)).isZero();
            assertThat(value(scrape, "pgqrs_handler_failures_total" + tags)).isEqualTo(FAILING);
            assertThat(value(scrape, "pgqrs_handler_duration_seconds_count{backend=\"" + backend
                    + "\",outcome=\"success\",queue=\"emails\"}")).isEqualTo(MESSAGES - FAILING);
            assertThat(value(scrape, "pgqrs_handler_duration_seconds_count{backend=\"" + backend
                    + "\",outcome=\"failure\",queue=\"emails\"}")).isEqualTo(FAILING);
            assertThat(value(scrape, "pgqrs_messages_age_seconds_count" + tags)).isEqualTo(MESSAGES - FAILING);
            assertThat(value(scrape, "pgqrs_enqueue_duration_seconds_count" + tags)).isEqualTo(2);
            assertThat(value(scrape, "pgqrs_queue_pending_messages" + tags)).isEqualTo(1);
            assertThat(value(scrape, "pgqrs_queue_locked_messages" + tags)).isZero();
            assertThat(value(scrape, "pgqrs_queue_archived_messages" + tags)).isEqualTo(MESSAGES);
            assertThat(value(scrape, "pgqrs_queue_oldest_pending_age_seconds" + tags)).isGreaterThanOrEqualTo(0);

            String gone = "pgqrs_queue_pending_messages{backend=\"" + backend + "\",queue=\"short_lived\"}";
            assertThat(value(scrape, gone)).isZero();
            pgqrs.admin().deleteQueue("short_lived");
            metrics.refresh();
            assertThat(registry.scrape()).as("gauges of a queue that is gone").doesNotContain(gone);

            logSamples(backend, scrape, "hikaricp_connections");
            pools.forEach((pool, size) -> {
                String name = "\\{pool=\"" + Pattern.quote(pool) + "-\\d+\"\\}";
                assertThat(values(scrape, "hikaricp_connections_max" + name)).as("HikariCP pool %s", pool)
                        .singleElement().isEqualTo((double) size);
                assertThat(values(scrape, "hikaricp_connections_acquire_seconds_count" + name))
                        .as("connections taken from %s during the drain", pool).singleElement()
                        .satisfies(n -> assertThat(n).isPositive());
            });
        }
        assertThat(registry.scrape()).as("HikariCP's meters go with its pools").doesNotContain("hikaricp_");
        assertThatThrownBy(metrics::refresh).isInstanceOf(IllegalStateException.class).hasMessageContaining("open connection");
    }

    /** Logs the samples whose name starts with {@code prefix}, for the record (the README shows them). */
    static void logSamples(String what, String scrape, String prefix) {
        String lines = scrape.lines().filter(l -> l.startsWith(prefix)).sorted().reduce("", (a, b) -> a + "\n" + b);
        LOG.info("{} scrape, {}*:{}", what, prefix, lines);
    }

    /** @return the values of the samples whose name and tags match {@code regex}, in a Prometheus text scrape */
    static List<Double> values(String scrape, String regex) {
        Matcher m = Pattern.compile("(?m)^" + regex + " (\\S+)$").matcher(scrape);
        List<Double> found = new ArrayList<>();
        while (m.find()) {
            found.add(Double.parseDouble(m.group(1)));
        }
        return found;
    }

    /** @return the sample's value in a Prometheus text scrape */
    static double value(String scrape, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(sample + " in the scrape:\n" + scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aFailingObserverDoesNotFailTheCall() {
        QueueObserver broken = new QueueObserver() {
            @Override
            public void enqueued(String queue, List<Message> messages, Duration took) {
                throw new IllegalStateException("observer bug");
            }
        };
        try (Pgqrs pgqrs = Pgqrs.connect(Config.builder("sqlite:" + dir.resolve("broken.db")).observer(broken).build())) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("q");
            assertThat(pgqrs.producer("q").enqueue(Map.of("k", 1)).id()).isPositive();
            assertThat(pgqrs.admin().queueMetrics("q").pendingMessages()).isEqualTo(1);
        }
    }
}
