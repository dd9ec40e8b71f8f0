package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.ValidationConfig;
import io.pgqrs.WorkerHealthStats;
import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStatus;
import io.pgqrs.tck.TestEnvironment;
import io.pgqrs.testsupport.Backlog;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL with real processes: the CLI demo, two consumer JVMs on one queue, and a consumer JVM killed mid-lease. */
class PostgresProcessesIT {
    @RegisterExtension
    final PostgresSchema postgres = new PostgresSchema();

    @TempDir
    Path dir;

    private String dsn() {
        return postgres.dsn();
    }

    private Pgqrs connect() {
        return Pgqrs.connect(Config.builder(dsn()).validation(ValidationConfig.defaults().withRateLimit(null, null)).build());
    }

    private static List<String> supportClassPath(String mainClass) {
        return List.of("-cp", CliProcess.FAT_JAR + File.pathSeparator + CliProcess.TEST_SUPPORT, mainClass);
    }

    /** The demo runs on PostgreSQL from the jar. */
    @Test
    void demoOnPostgres() throws Exception {
        var r = CliProcess.fatJar("--dsn", dsn(), "demo", "--messages", "2000");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("backend=postgres").contains("lost=0 duplicates=0");
    }

    /** DG-3: two JVMs drain one queue of 20 000: every message archived once, by one of them. */
    @Test
    void twoJvmsDrainOneQueue() throws Exception {
        TwoDrainers.drainAndCount(dsn(), 20_000, dir);
    }

    /**
     * W-15, D-1: a consumer JVM killed while holding messages: after the lease another consumer gets them with
     * read_ct 2; the dead worker shows as stale, and reclaim releases what it still holds and stops it.
     */
    @Test
    void killedConsumerLosesItsMessages() throws Exception {
        try (Pgqrs pgqrs = connect()) {
            Backlog.fill(pgqrs, "crash", 10);
            var holder = CliProcess.start(supportClassPath("io.pgqrs.testsupport.HoldWorker"), dsn(), "crash", "10", "3");
            long deadWorker;
            List<Long> held;
            try (var out = new BufferedReader(new InputStreamReader(Files.newInputStream(holder.out()), StandardCharsets.UTF_8))) {
                String line = awaitLine(out, holder);
                String[] parts = line.split(" ");
                deadWorker = Long.parseLong(parts[1]);
                held = Arrays.stream(parts[2].split(",")).map(Long::valueOf).toList();
            }
            assertThat(held).hasSize(10);
            holder.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            Consumer survivor = pgqrs.consumer("crash");
            List<Message> retaken = new ArrayList<>();
            TestEnvironment.awaitTrue("the lease of the dead consumer to end", Duration.ofSeconds(30),
                    () -> retaken.addAll(survivor.dequeue(5)));
            assertThat(retaken).hasSize(5).allSatisfy(m -> {
                assertThat(m.readCt()).isEqualTo(2);
                assertThat(held).contains(m.id());
            });

            TestEnvironment.awaitTrue("the dead worker to go stale", Duration.ofSeconds(30),
                    () -> pgqrs.admin().listZombies("crash", Duration.ofSeconds(1)).stream().anyMatch(w -> w.id() == deadWorker));
            WorkerHealthStats health = pgqrs.admin().workerHealth(Duration.ofSeconds(1), false).get(0);
            assertThat(health.staleWorkers()).isGreaterThanOrEqualTo(1);
            survivor.heartbeat();
            assertThat(pgqrs.admin().reclaimMessages("crash", Duration.ofSeconds(1))).isEqualTo(5);
            assertThat(pgqrs.admin().listWorkers("crash")).filteredOn(w -> w.id() == deadWorker)
                    .extracting(WorkerRecord::status).containsExactly(WorkerStatus.STOPPED);
            List<Message> rest = survivor.dequeue(10);
            assertThat(rest).hasSize(5).allSatisfy(m -> assertThat(m.readCt()).isEqualTo(2));
        }
    }

    private static String awaitLine(BufferedReader out, CliProcess.Running holder) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String line = out.readLine();
            if (line != null && line.startsWith("held ")) {
                return line;
            }
            if (line == null) {
                if (!holder.process().isAlive()) {
                    throw new AssertionError("HoldWorker died: " + Files.readString(holder.err()));
                }
                holder.process().waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("HoldWorker did not report its messages within 60 s");
    }
}
