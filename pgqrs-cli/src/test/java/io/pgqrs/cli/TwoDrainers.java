package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import io.pgqrs.ValidationConfig;
import io.pgqrs.testsupport.Backlog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Two consumer JVMs draining one queue: every message must be archived exactly once, by one of them. */
final class TwoDrainers {
    private TwoDrainers() {
    }

    /**
     * @param dsn the store, not installed yet
     * @param total how many messages to fill and drain
     * @param workDir where the drainers write the ids they archived
     * @param backendJars jars added to the drainers' class path (a backend the CLI jar does not hold)
     */
    static void drainAndCount(String dsn, int total, Path workDir, Path... backendJars) throws Exception {
        Config config = Config.builder(dsn).validation(ValidationConfig.defaults().withRateLimit(null, null)).build();
        try (Pgqrs pgqrs = Pgqrs.connect(config)) {
            Backlog.fill(pgqrs, "shared", total);
        }
        List<String> jars = new ArrayList<>(List.of(CliProcess.FAT_JAR.toString(), CliProcess.TEST_SUPPORT.toString()));
        Arrays.stream(backendJars).map(Path::toString).forEach(jars::add);
        List<String> classPath = List.of("-cp", String.join(File.pathSeparator, jars), "io.pgqrs.testsupport.DrainWorker");
        Path outA = workDir.resolve("a.txt");
        Path outB = workDir.resolve("b.txt");
        var a = CliProcess.start(classPath, dsn, "shared", outA.toString());
        var b = CliProcess.start(classPath, dsn, "shared", outB.toString());
        var ra = a.await(Duration.ofMinutes(3));
        var rb = b.await(Duration.ofMinutes(3));
        assertThat(ra.exit()).as(ra.err()).isZero();
        assertThat(rb.exit()).as(rb.err()).isZero();
        assertThat(ra.err() + rb.err()).as("no lock error reaches a caller").doesNotContain("locked");
        List<String> idsA = Files.readAllLines(outA);
        List<String> idsB = Files.readAllLines(outB);
        assertThat(idsA).as("both processes made progress").isNotEmpty();
        assertThat(idsB).as("both processes made progress").isNotEmpty();
        Set<String> all = new HashSet<>(idsA);
        all.addAll(idsB);
        assertThat(idsA.size() + idsB.size()).as("archived once in total").isEqualTo(total);
        assertThat(all).as("every message archived").hasSize(total);
        try (Pgqrs pgqrs = Pgqrs.connect(dsn)) {
            assertThat(pgqrs.admin().queueMetrics("shared").archivedMessages()).isEqualTo(total);
        }
    }
}
