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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Two JVMs enqueue the same 500 idempotency keys in the same order, started together: every key is stored once,
     * each enqueue of it got that row, and across both processes there are exactly 500 originals and 500 duplicates.
     */
    @Test
    void twoJvmsEnqueueingOneKeyStoreOneRow() throws Exception {
        int keys = 500;
        try (Pgqrs pgqrs = connect()) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("keyed");
        }
        Path go = dir.resolve("go");
        Path outA = dir.resolve("a.txt");
        Path outB = dir.resolve("b.txt");
        List<String> main = supportClassPath("io.pgqrs.testsupport.KeyedEnqueuer");
        var a = CliProcess.start(main, dsn(), "keyed", String.valueOf(keys), go.toString(), outA.toString());
        var b = CliProcess.start(main, dsn(), "keyed", String.valueOf(keys), go.toString(), outB.toString());
        TestEnvironment.awaitTrue("both enqueuers are connected", Duration.ofSeconds(60),
                () -> readyLine(a) && readyLine(b));
        Files.createFile(go);
        var ra = a.await(Duration.ofMinutes(3));
        var rb = b.await(Duration.ofMinutes(3));
        assertThat(ra.exit()).as(ra.err()).isZero();
        assertThat(rb.exit()).as(rb.err()).isZero();
        List<String[]> lines = new ArrayList<>();
        Files.readAllLines(outA).forEach(l -> lines.add(l.split(" ")));
        Files.readAllLines(outB).forEach(l -> lines.add(l.split(" ")));
        assertThat(lines).hasSize(2 * keys);
        Map<String, Set<String>> idsByKey = new HashMap<>();
        lines.forEach(l -> idsByKey.computeIfAbsent(l[0], k -> new HashSet<>()).add(l[1]));
        assertThat(idsByKey).hasSize(keys).allSatisfy((key, ids) -> assertThat(ids).as(key).hasSize(1));
        long originals = lines.stream().filter(l -> l[2].equals("false")).count();
        long duplicates = lines.stream().filter(l -> l[2].equals("true")).count();
        assertThat(originals).isEqualTo(keys);
        assertThat(duplicates).isEqualTo(keys);
        try (Pgqrs pgqrs = connect()) {
            assertThat(pgqrs.admin().queueMetrics("keyed").totalMessages()).isEqualTo(keys);
        }
    }

    private static boolean readyLine(CliProcess.Running process) {
        try {
            if (!process.process().isAlive() && process.process().exitValue() != 0) {
                throw new AssertionError("KeyedEnqueuer died: " + Files.readString(process.err()));
            }
            return Files.readString(process.out()).contains("ready");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
