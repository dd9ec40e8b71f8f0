package io.pgqrs.micrometer;

import static io.pgqrs.micrometer.PgqrsMetricsTest.logSamples;
import static io.pgqrs.micrometer.PgqrsMetricsTest.value;
import static io.pgqrs.micrometer.PgqrsMetricsTest.values;
import static io.pgqrs.tck.TestEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import io.pgqrs.QueueWorker;
import io.pgqrs.testsupport.PostgresServer;
import io.pgqrs.testsupport.S3Proxy;
import io.pgqrs.testsupport.S3Server;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The backend's meters, from real stores: S3 PUTs counted against the PUTs the S3 server received (through the test
 * proxy, which counts them), the message writes each published revision carried, the conflict and replay of a writer
 * whose copy another writer made stale, and failed PUTs (a 503, an answer lost after the server applied the PUT); on
 * PostgreSQL, a reconnect of the LISTEN connection after the server ended it.
 */
class BackendMetersTest {
    private static final int MESSAGES = 20;

    @TempDir
    Path dir;

    /**
     * A drain on S3, then a second writer on the same object. If the PUT counts differ from the proxy's, a PUT went
     * unreported (or was reported twice); if the message sum differs, an operation's message writes were miscounted
     * (an undone or replayed operation counted, a nested one missed).
     */
    @Test
    void s3PutsMessagesPerPutConflictsAndReplays() {
        S3Proxy proxy = S3Server.get().proxy();
        String key = S3Server.newKey("metrics");
        PrometheusMeterRegistry registryA = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PrometheusMeterRegistry registryB = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        long putsBefore = proxy.count("PUT", S3Proxy.STORE_SUFFIX);
        try (Pgqrs a = Pgqrs.connect(Config.builder(S3Server.dsn(key)).s3CacheDir(dir.resolve("a"))
                .pollInterval(Duration.ofMillis(20)).observer(PgqrsMetrics.of(registryA, Duration.ofHours(1))).build())) {
            a.admin().install();
            a.admin().createQueue("emails");
            a.producer("emails").enqueueBatch(IntStream.range(0, MESSAGES).mapToObj(i -> Map.of("n", i)).toList());
            try (QueueWorker worker = a.worker("emails").concurrency(2).handler(m -> { }).start()) {
                awaitTrue("the drain", Duration.ofSeconds(60), () -> worker.stats().succeeded() == MESSAGES);
            }

            String drained = registryA.scrape();
            logSamples("S3 drain, writer A", drained, "pgqrs_s3_");
            String s3 = "{backend=\"s3\"}";
            double puts = value(drained, "pgqrs_s3_puts_total" + s3);
            assertThat(puts).as("every PUT the server received, no more").isEqualTo(proxy.count("PUT", S3Proxy.STORE_SUFFIX) - putsBefore);
            double published = value(drained, "pgqrs_s3_put_latency_seconds_count{backend=\"s3\",outcome=\"published\"}");
            assertThat(published).as("no PUT lost or failed while A was alone").isEqualTo(puts);
            assertThat(value(drained, "pgqrs_s3_put_messages_count" + s3)).as("one report per published revision")
                    .isEqualTo(published);
            assertThat(value(drained, "pgqrs_s3_put_messages_sum" + s3))
                    .as("%d messages enqueued, leased and archived", MESSAGES).isEqualTo(3.0 * MESSAGES);
            assertThat(value(drained, "pgqrs_s3_put_messages_max" + s3)).as("the enqueue's PUT carried the batch")
                    .isBetween((double) MESSAGES, 3.0 * MESSAGES);
            assertThat(drained).as("no race yet").doesNotContain("pgqrs_s3_conflicts_total")
                    .doesNotContain("pgqrs_s3_replays_total").doesNotContain("outcome=\"conflict\"");

            long putsBeforeB = proxy.count("PUT", S3Proxy.STORE_SUFFIX);
            try (Pgqrs b = Pgqrs.connect(Config.builder(S3Server.dsn(key)).s3CacheDir(dir.resolve("b"))
                    .observer(PgqrsMetrics.of(registryB, Duration.ofHours(1))).build())) {
                b.producer("emails").enqueue(Map.of("from", "b"));
                String scrapeB = registryB.scrape();
                logSamples("S3 writer B", scrapeB, "pgqrs_s3_");
                double putsB = value(scrapeB, "pgqrs_s3_puts_total" + s3);
                assertThat(putsB).as("B fetched before it wrote: its registration and enqueue PUTs, both published")
                        .isEqualTo(proxy.count("PUT", S3Proxy.STORE_SUFFIX) - putsBeforeB)
                        .isEqualTo(value(scrapeB, "pgqrs_s3_put_latency_seconds_count{backend=\"s3\",outcome=\"published\"}"));
                assertThat(value(scrapeB, "pgqrs_s3_put_messages_sum" + s3)).isEqualTo(1.0);
                assertThat(scrapeB).doesNotContain("pgqrs_s3_conflicts_total");

                long putsBeforeRace = proxy.count("PUT", S3Proxy.STORE_SUFFIX);
                a.admin().createQueue("second");   // on A's copy, which B's PUTs made stale
                String raced = registryA.scrape();
                logSamples("S3 writer A after losing to B", raced, "pgqrs_s3_");
                assertThat(value(raced, "pgqrs_s3_conflicts_total" + s3)).as("A's PUT lost to B's revision").isEqualTo(1);
                assertThat(value(raced, "pgqrs_s3_put_latency_seconds_count{backend=\"s3\",outcome=\"conflict\"}"))
                        .isEqualTo(1);
                assertThat(value(raced, "pgqrs_s3_replays_total" + s3)).as("run again on B's revision").isEqualTo(1);
                assertThat(value(raced, "pgqrs_s3_puts_total" + s3) - puts).as("the lost PUT and the replayed one")
                        .isEqualTo(2).isEqualTo(proxy.count("PUT", S3Proxy.STORE_SUFFIX) - putsBeforeRace);
                assertThat(value(raced, "pgqrs_s3_put_messages_count" + s3) - published).isEqualTo(1);
                assertThat(a.admin().getQueue("second").name()).isEqualTo("second");
                assertThat(b.admin().queueMetrics("emails").totalMessages()).as("B's message kept by A's replay")
                        .isEqualTo(MESSAGES + 1);
            }

            // A PUT answered 503 is retried; a PUT whose answer is lost but which landed is recognised, not repeated.
            Producer producer = a.producer("emails");
            double revisions = value(registryA.scrape(), "pgqrs_s3_put_messages_count" + s3);
            double sent = value(registryA.scrape(), "pgqrs_s3_puts_total" + s3);
            long putsBeforeFaults = proxy.count("PUT", S3Proxy.STORE_SUFFIX);
            proxy.failNext("PUT", S3Proxy.Fault.SERVICE_UNAVAILABLE);
            producer.enqueue(Map.of("after", "503"));
            proxy.failNext("PUT", S3Proxy.Fault.DROP_AFTER_SERVER);
            producer.enqueue(Map.of("after", "lost answer"));
            String faulted = registryA.scrape();
            logSamples("S3 writer A after a 503 and a lost answer", faulted, "pgqrs_s3_");
            assertThat(value(faulted, "pgqrs_s3_put_latency_seconds_count{backend=\"s3\",outcome=\"failed\"}"))
                    .as("the 503 and the lost answer").isEqualTo(2);
            assertThat(value(faulted, "pgqrs_s3_puts_total" + s3) - sent).as("503, its retry, the PUT that landed")
                    .isEqualTo(3).isEqualTo(proxy.count("PUT", S3Proxy.STORE_SUFFIX) - putsBeforeFaults);
            assertThat(value(faulted, "pgqrs_s3_put_messages_count" + s3) - revisions).as("one revision per enqueue")
                    .isEqualTo(2);
            assertThat(a.admin().queueMetrics("emails").pendingMessages()).as("each enqueue stored once").isEqualTo(3);
        } finally {
            try (S3Client client = S3Server.get().client()) {
                client.deleteObject(o -> o.bucket(S3Server.BUCKET).key(key));
            }
        }
    }

    /**
     * The server ends the LISTEN session; the listener connects again and the counter says so. If it stays at 0, the
     * listener did not come back (look at {@code NotificationListener}) or did not report it.
     */
    @Test
    void postgresListenerReconnectIsCounted() throws Exception {
        PostgresServer server = PostgresServer.get();
        String schema = server.newSchema("listen");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        String reconnects = "pgqrs_postgres_listener_reconnects_total{backend=\"postgres\"}";
        try (Pgqrs pgqrs = Pgqrs.connect(Config.builder(server.dsn()).schema(schema).maxConnections(2)
                .observer(PgqrsMetrics.of(registry, Duration.ofHours(1))).build());
             Connection admin = PostgresServer.connect(server.dsn())) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("wake");
            try (QueueWorker worker = pgqrs.worker("wake").concurrency(1).handler(m -> { }).start()) {
                awaitTrue("LISTEN active", Duration.ofSeconds(30), () -> listeners(admin, schema).size() == 1);
                int first = listeners(admin, schema).get(0);
                assertThat(registry.scrape()).as("no reconnect yet").doesNotContain("pgqrs_postgres_listener_reconnects");

                try (PreparedStatement end = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    end.setInt(1, first);
                    end.execute();
                }
                awaitTrue("the reconnect counted", Duration.ofSeconds(30),
                        () -> values(registry.scrape(), Pattern.quote(reconnects)).equals(List.of(1.0)));
                assertThat(listeners(admin, schema)).as("listening on a new session").singleElement()
                        .isNotEqualTo(first);

                pgqrs.producer("wake").enqueue(Map.of("after", "reconnect"));
                awaitTrue("a message handled after the reconnect", Duration.ofSeconds(30),
                        () -> worker.stats().succeeded() == 1);
            }
            logSamples("PostgreSQL", registry.scrape(), "pgqrs_postgres_");
            assertThat(value(registry.scrape(), reconnects)).isEqualTo(1);
        } finally {
            server.dropSchema(schema);
        }
    }

    /** @return the process ids of the sessions listening on the schema's channel */
    private static List<Integer> listeners(Connection admin, String schema) {
        try (PreparedStatement s = admin.prepareStatement("SELECT pid FROM pg_stat_activity WHERE query = ?")) {
            s.setString(1, "LISTEN \"pgqrs_" + schema + "\"");
            List<Integer> pids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
            return pids;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_activity", e);
        }
    }
}
