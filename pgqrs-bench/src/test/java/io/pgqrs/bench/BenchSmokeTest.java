package io.pgqrs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgqrs.testsupport.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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

    /** S3 has no raw ceiling: each point drains every message through the latency proxy and reports its PUTs. */
    @Test
    void quickS3DrainCountsEveryMessageAndPut() throws Exception {
        int exit = bench("drain", "--quick", "--backend", "s3", "--rtt-ms", "4", "--out-dir", out.toString());
        assertThat(exit).isZero();
        assertThat(onlyJson().get("points")).hasSize(4).allSatisfy(p -> {
            assertThat(p.get("library").get("messages").asLong()).isEqualTo(60);
            assertThat(p.get("library").get("puts").asLong()).isPositive();
            assertThat(p.get("messages_per_put").asDouble()).isPositive();
        });
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
}
