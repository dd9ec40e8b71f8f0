package io.pgqrs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgqrs.testsupport.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The quick benchmark runs end to end on each backend: every point drains every message exactly once (the run fails
 * otherwise) and writes its JSON. Speed is not asserted here; figures come from real runs of {@code ./pgqrs bench}.
 */
class BenchSmokeTest {
    @TempDir
    Path out;

    private int bench(String... args) {
        return new CommandLine(BenchMain.class).execute(args);
    }

    private JsonNode onlyJson() throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return new ObjectMapper().readTree(all.get(0).toFile());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void quickDrainCountsEveryMessage(String backend) throws Exception {
        int exit = bench("drain", "--quick", "--backend", backend, "--postgres-dsn", PostgresServer.get().dsn(), "--out-dir", out.toString());
        assertThat(exit).isZero();
        JsonNode doc = onlyJson();
        assertThat(doc.get("machine").get("cores").asInt()).isPositive();
        assertThat(doc.get("points")).hasSize(4).allSatisfy(p -> {
            assertThat(p.get("library").get("messages").asLong()).isEqualTo(400);
            assertThat(p.get("ceiling").get("messages").asLong()).isEqualTo(400);
            assertThat(p.get("ratio").asDouble()).isPositive();
        });
    }

    /** Rounds alternate the two paths; the JSON keeps every round and the table's figures are their medians. */
    @Test
    void roundsAreAllKeptAndTheMedianReported() throws Exception {
        int exit = bench("drain", "--quick", "--backend", "sqlite", "--consumers", "1", "--batches", "10", "--rounds", "3",
                "--out-dir", out.toString());
        assertThat(exit).isZero();
        JsonNode doc = onlyJson();
        assertThat(doc.get("parameters").get("rounds").asInt()).isEqualTo(3);
        JsonNode point = doc.get("points").get(0);
        List<Double> library = new ArrayList<>();
        point.get("library_rounds_msgs_per_second").forEach(v -> library.add(v.asDouble()));
        assertThat(library).hasSize(3);
        assertThat(point.get("ceiling_rounds_msgs_per_second")).hasSize(3);
        library.sort(null);
        assertThat(point.get("library").get("msgsPerSecond").asDouble()).isEqualTo(library.get(1));
    }

    /** Ack-and-fetch: both paths archive a batch and lease the next in one transaction; every message counted. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void quickAckAndFetchDrainCountsEveryMessage(String backend) throws Exception {
        int exit = bench("drain", "--quick", "--ack-and-fetch", "--backend", backend, "--postgres-dsn", PostgresServer.get().dsn(),
                "--out-dir", out.toString());
        assertThat(exit).isZero();
        JsonNode doc = onlyJson();
        assertThat(doc.get("scenario").asText()).isEqualTo("drain-ack-and-fetch");
        assertThat(doc.get("parameters").get("ack_and_fetch").asBoolean()).isTrue();
        assertThat(doc.get("points")).hasSize(4).allSatisfy(p -> {
            assertThat(p.get("library").get("messages").asLong()).isEqualTo(400);
            assertThat(p.get("ceiling").get("messages").asLong()).isEqualTo(400);
        });
    }

    /** Delete instead of archive: both paths run their delete statement and count every message. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void quickDeleteDrainCountsEveryMessage(String backend) throws Exception {
        int exit = bench("drain", "--quick", "--delete", "--backend", backend, "--postgres-dsn", PostgresServer.get().dsn(),
                "--consumers", "2", "--batches", "10", "--out-dir", out.toString());
        assertThat(exit).isZero();
        JsonNode doc = onlyJson();
        assertThat(doc.get("scenario").asText()).isEqualTo("drain-delete");
        assertThat(doc.get("parameters").get("delete").asBoolean()).isTrue();
        assertThat(doc.get("points")).hasSize(1).allSatisfy(p -> {
            assertThat(p.get("library").get("messages").asLong()).isEqualTo(400);
            assertThat(p.get("ceiling").get("messages").asLong()).isEqualTo(400);
        });
    }

    /** Ack-and-fetch archives: asking for it together with delete is a usage error, and nothing runs. */
    @Test
    void ackAndFetchWithDeleteIsRefused() throws Exception {
        assertUsageErrorWritesNothing("drain", "--quick", "--ack-and-fetch", "--delete", "--backend", "sqlite");
    }

    /** Runs the bench with {@code args} and the output directory: a usage error, and no JSON written. */
    private void assertUsageErrorWritesNothing(String... args) throws Exception {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--out-dir", out.toString())).toArray(String[]::new);
        assertThat(bench(all)).isEqualTo(CommandLine.ExitCode.USAGE);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    /**
     * On S3 one consumer acknowledging and fetching in one call uploads once per batch: 60 messages in batches of 10
     * take the first claim, six acknowledge-and-fetch uploads and at most one more, where a dequeue and an archive
     * per batch take twelve.
     */
    @Test
    void quickS3AckAndFetchUploadsOncePerBatch() throws Exception {
        int exit = bench("drain", "--quick", "--ack-and-fetch", "--backend", "s3", "--rtt-ms", "4", "--consumers", "1",
                "--batches", "10", "--out-dir", out.toString());
        assertThat(exit).isZero();
        JsonNode point = onlyJson().get("points").get(0);
        assertThat(point.get("library").get("messages").asLong()).isEqualTo(60);
        assertThat(point.get("library").get("puts").asLong()).isBetween(6L, 8L);
    }

    /**
     * On S3 each point drains every message through the latency proxy, through the library and through the object
     * store's ceiling, and reports the PUTs of both.
     */
    @Test
    void quickS3DrainCountsEveryMessageAndPut() throws Exception {
        int exit = bench("drain", "--quick", "--backend", "s3", "--rtt-ms", "4", "--out-dir", out.toString());
        assertThat(exit).isZero();
        assertThat(onlyJson().get("points")).hasSize(4).allSatisfy(p -> {
            assertThat(p.get("library").get("messages").asLong()).isEqualTo(60);
            assertThat(p.get("library").get("puts").asLong()).isPositive();
            assertThat(p.get("messages_per_put").asDouble()).isPositive();
            assertThat(p.get("ceiling").get("messages").asLong()).isEqualTo(60);
            assertThat(p.get("ceiling").get("puts").asLong()).isPositive();
            assertThat(p.get("ratio").asDouble()).isPositive();
        });
    }

    /**
     * The S3 ceiling commits once per call that has work, as the store would: 60 messages in batches of 10
     * acknowledged and fetched by one client take the first claim and six acknowledge-and-fetch calls, the last of
     * which finds nothing more; a dequeue and an archive per batch take twelve.
     */
    @ParameterizedTest
    @CsvSource({"true, 7", "false, 12"})
    void quickS3CeilingPutsOncePerCommit(boolean ackAndFetch, long puts) throws Exception {
        List<String> args = new ArrayList<>(List.of("ceiling", "--quick", "--backend", "s3", "--rtt-ms", "4",
                "--consumers", "1", "--batches", "10", "--out-dir", out.toString()));
        if (ackAndFetch) {
            args.add("--ack-and-fetch");
        }
        assertThat(bench(args.toArray(String[]::new))).isZero();
        JsonNode ceiling = onlyJson().get("points").get(0).get("ceiling");
        assertThat(ceiling.get("messages").asLong()).isEqualTo(60);
        assertThat(ceiling.get("puts").asLong()).isEqualTo(puts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres", "s3"})
    void quickSteadyCompletesEveryMessage(String backend) throws Exception {
        int exit = bench("steady", "--quick", "--backend", backend, "--postgres-dsn", PostgresServer.get().dsn(),
                "--rtt-ms", "4", "--out-dir", out.toString());
        assertThat(exit).isZero();
        JsonNode doc = onlyJson();
        assertThat(doc.get("completed").asLong()).isPositive();
        assertThat(doc.get("latency_ms").get("p95").asDouble()).isPositive();
    }

    /** The runtime and the hand-written loop each settle every message; close() leaves the rest ready. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void quickRuntimeSettlesEveryMessage(String backend) throws Exception {
        int exit = bench("runtime", "--quick", "--backend", backend, "--postgres-dsn", PostgresServer.get().dsn(),
                "--out-dir", out.toString());
        assertThat(exit).isZero();
        JsonNode doc = onlyJson();
        assertThat(doc.get("runtime").get("messages").asInt()).isEqualTo(400);
        assertThat(doc.get("runtime").get("duplicates_while_alive").asInt()).isZero();
        assertThat(doc.get("runtime").get("lost").asInt()).isZero();
        assertThat(doc.get("shutdown").get("ready_for_others").asInt()).isPositive();
        assertThat(doc.get("runtime_to_loop").asDouble()).isPositive();
    }

    /** Every run of the no-op workflow ends SUCCESS and every plain message is archived. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres", "mariadb"})
    void quickWorkflowEndsEveryRun(String backend) throws Exception {
        int exit = bench("workflow", "--quick", "--backend", backend, "--postgres-dsn", PostgresServer.get().dsn(),
                "--out-dir", out.toString());
        assertThat(exit).isZero();
        JsonNode doc = onlyJson();
        assertThat(doc.get("runs_per_second").asDouble()).isPositive();
        assertThat(doc.get("runs_to_plain").asDouble()).isPositive();
    }

    /**
     * Four workers of one handler each, as four processes would drain: a plain message costs one write transaction (its
     * archive shares the next claim's; the workers' own rows add about 0.16 at 100 messages, and two per message would
     * mean separate archives), and each step of a run one more.
     */
    @Test
    void quickWorkflowStepCostsOneCommitPerStepAcrossWorkers() throws Exception {
        int exit = bench("workflow", "--quick", "--backend", "postgres", "--workers", "4", "--concurrency", "1",
                "--postgres-dsn", PostgresServer.get().dsn(), "--out-dir", out.toString());
        assertThat(exit).isZero();
        JsonNode doc = onlyJson();
        assertThat(doc.get("runs_per_second").asDouble()).isPositive();
        assertThat(doc.get("write_transactions_per_plain_message").asDouble()).isBetween(0.9, 1.5);
        assertThat(doc.get("write_transactions_per_step").asDouble()).isBetween(0.9, 1.1);
    }

    /** No workers is a usage error, and nothing runs. */
    @Test
    void workflowWithoutWorkersIsRefused() throws Exception {
        assertUsageErrorWritesNothing("workflow", "--quick", "--workers", "0", "--backend", "sqlite");
    }

    /** The dashboard on a small fill: every page answers 200 (the run fails otherwise) and is timed. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void quickDashboardTimesEveryPage(String backend) throws Exception {
        int exit = bench("dashboard", "--quick", "--backend", backend, "--postgres-dsn", PostgresServer.get().dsn(),
                "--out-dir", out.toString());
        assertThat(exit).isZero();
        JsonNode doc = onlyJson();
        assertThat(doc.get("messages").asLong()).isEqualTo(2_000);
        assertThat(doc.get("pages").get("overview").get("path").asText()).isEqualTo("/");
        assertThat(doc.get("pages")).hasSize(14).allSatisfy(p -> {
            assertThat(p.get("samples").asInt()).isEqualTo(3);
            assertThat(p.get("median_ms").asDouble()).isPositive();
        });
    }

    /** Both backends in one run, the producer in a process of its own: every sample arrives and is timed. */
    @Test
    void quickWakeUpTimesEverySample() throws Exception {
        int exit = bench("wakeup", "--quick", "--postgres-dsn", PostgresServer.get().dsn(), "--out-dir", out.toString());
        assertThat(exit).isZero();
        assertThat(onlyJson().get("points")).hasSize(2).allSatisfy(p -> {
            assertThat(p.get("latency_ms").get("p50").asDouble()).isPositive();
            assertThat(p.get("idle_cpu_percent_of_a_core").get("consumer_waiting").asDouble()).isNotNegative();
        });
    }

    /** Writers racing on one S3 object: every message is counted (the run fails otherwise) and none gets CONFLICT. */
    @Test
    void quickContendCountsEveryMessage() throws Exception {
        int exit = bench("contend", "--quick", "--writers", "2", "--rtt-ms", "4", "--out-dir", out.toString());
        assertThat(exit).isZero();
        assertThat(onlyJson().get("points")).hasSize(1).allSatisfy(p -> {
            assertThat(p.get("messages").asInt()).isEqualTo(20);
            assertThat(p.get("conflicts").asInt()).isZero();
        });
    }
}
