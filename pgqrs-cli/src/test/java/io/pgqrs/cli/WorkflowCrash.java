package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueMetrics;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.StepRecord;
import io.pgqrs.ValidationConfig;
import io.pgqrs.testsupport.ThreeStepWorkflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import io.pgqrs.tck.TestEnvironment;

/**
 * The workflow guarantees with real processes on one store: {@code io.pgqrs.testsupport.WorkflowWorker} JVMs run the
 * three-step workflow ({@link ThreeStepWorkflow}) and log each step execution to a side-effect file; this JVM installs
 * the store, triggers the runs by name and reads them back through its own connection.
 */
final class WorkflowCrash {
    private static final String NAME = "crashflow";
    private static final List<String> STEPS = List.of("one", "two", "three");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int TRIGGER_THREADS = 8;
    /** The lease of the crash scenario's workers: the time B waits for the run after A was killed. */
    private static final Duration CRASH_LEASE = Duration.ofSeconds(2);

    private final Config.Builder own;
    private final String dsn;
    private final Map<String, String> env;
    private final Path dir;

    /**
     * @param own this JVM's configuration of the store, not installed yet (its DSN is the workers')
     * @param env extra environment of the worker JVMs (may be empty)
     * @param dir a directory of the test's own, for the side-effect file
     */
    WorkflowCrash(Config.Builder own, Map<String, String> env, Path dir) {
        this.own = own;
        this.dsn = own.build().dsn();
        this.env = env;
        this.dir = dir;
    }

    private Pgqrs connect() {
        Pgqrs pgqrs = Pgqrs.connect(own.validation(ValidationConfig.defaults().withRateLimit(null, null)).build());
        pgqrs.admin().install();
        return pgqrs;
    }

    /**
     * One run; worker JVM A is killed inside step two, worker JVM B finishes the run: step one's body ran once, step
     * two's twice (the killed start and B's), step three's once; the output is the function's and the trigger ends
     * archived.
     */
    void runSurvivesAKillInsideStepTwo() throws Exception {
        Path effects = dir.resolve("effects-crash.txt");
        try (Pgqrs pgqrs = connect();
             WorkflowWorkerJvm a = WorkflowWorkerJvm.start(env, dsn, NAME, 1, effects, "hang-in-two", CRASH_LEASE)) {
            long run = pgqrs.workflows().trigger(NAME, 7);
            TestEnvironment.awaitTrue("worker A to start step two of run " + run, WAIT, () -> StepLines.read(effects).count(run, "two", "start") == 1);
            // A step is stored once it has an outcome: step two, still running, is not there yet.
            assertThat(pgqrs.workflows().steps(run)).as("inside step two when killed")
                    .extracting(s -> s.stepName() + " " + s.status()).containsExactly("one SUCCESS");
            a.kill();

            try (WorkflowWorkerJvm b = WorkflowWorkerJvm.start(env, dsn, NAME, 1, effects, "normal", CRASH_LEASE)) {
                awaitEnded(pgqrs, List.of(run), b);
                StepLines lines = StepLines.read(effects);
                assertThat(counts(lines, run)).as("step bodies of run " + run + ": " + lines.all()).isEqualTo(Map.of(
                        "one start", 1L, "one end", 1L,
                        "two start", 2L, "two end", 1L,
                        "three start", 1L, "three end", 1L));
                assertThat(lines.all()).filteredOn(l -> l.event().equals("end") && l.step().equals("one"))
                        .singleElement().extracting(StepLines.Line::pid).as("step one ended in A").isEqualTo(a.pid());
                assertThat(lines.all()).filteredOn(l -> l.event().equals("end") && !l.step().equals("one"))
                        .extracting(StepLines.Line::pid).as("steps two and three ended in B").containsOnly(b.pid());
            }
            RunRecord done = pgqrs.workflows().run(run).orElseThrow();
            assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(done.output().asText()).isEqualTo(ThreeStepWorkflow.expectedOutput(7)).isEqualTo("done-16");
            assertThat(pgqrs.workflows().steps(run)).extracting(StepRecord::status).containsOnly(RunStatus.SUCCESS).hasSize(3);
            assertArchived(pgqrs, 1);
        }
    }

    /**
     * Two worker JVMs in normal mode share {@code runs} runs: every run ends SUCCESS with its output, and every step of
     * every run ran its body to the end exactly once; none is lost.
     *
     * @param runs how many runs
     * @param lease the workers' lease: long enough that no lease runs out while a step runs (a run whose lease ran
     *        out is delivered again while its step may still be running, which may then run twice)
     */
    void twoWorkersRunEveryStepOnce(int runs, Duration lease) throws Exception {
        Path effects = dir.resolve("effects-two.txt");
        try (Pgqrs pgqrs = connect();
             WorkflowWorkerJvm a = WorkflowWorkerJvm.start(env, dsn, NAME, 4, effects, "normal", lease);
             WorkflowWorkerJvm b = WorkflowWorkerJvm.start(env, dsn, NAME, 4, effects, "normal", lease)) {
            Map<Long, Integer> inputs = triggerConcurrently(pgqrs, runs);
            awaitEnded(pgqrs, new ArrayList<>(inputs.keySet()), a, b);

            StepLines lines = StepLines.read(effects);
            List<String> wrong = new ArrayList<>();
            inputs.forEach((run, input) -> {
                RunRecord record = pgqrs.workflows().run(run).orElseThrow();
                if (record.status() != RunStatus.SUCCESS || !record.output().asText().equals(ThreeStepWorkflow.expectedOutput(input))) {
                    wrong.add("run " + run + " " + record.status() + " " + record.output());
                }
                for (String step : STEPS) {
                    long ends = lines.count(run, step, "end");
                    if (ends != 1) {
                        wrong.add("run " + run + " step " + step + " ended " + ends + " times");
                    }
                }
            });
            assertThat(wrong).as("runs not SUCCESS with their output, or steps not ended exactly once").isEmpty();
            assertThat(lines.runs()).as("no line of an unknown run").isEqualTo(inputs.keySet());
            assertThat(lines.all()).filteredOn(l -> l.event().equals("end")).as("one end per step of every run").hasSize(3 * runs);
            assertThat(lines.pids()).as("both worker JVMs ran steps").containsExactlyInAnyOrder(a.pid(), b.pid());
            assertArchived(pgqrs, runs);
        }
    }

    /**
     * Triggers runs with inputs 0 to {@code runs - 1} from several threads, as an application's request threads would:
     * on S3 the store's committer then puts several triggers in one PUT instead of taking turns with the workers once
     * per trigger.
     *
     * @return each run id with its input
     */
    private static Map<Long, Integer> triggerConcurrently(Pgqrs pgqrs, int runs) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(TRIGGER_THREADS);
        try {
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int input = i;
                ids.add(threads.submit(() -> pgqrs.workflows().trigger(NAME, input)));
            }
            Map<Long, Integer> inputs = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                inputs.put(ids.get(i).get(), i);
            }
            return inputs;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Waits until every run is SUCCESS and its trigger archived, failing early when a run failed or a worker died. */
    private static void awaitEnded(Pgqrs pgqrs, List<Long> runs, WorkflowWorkerJvm... workers) throws InterruptedException {
        try {
            TestEnvironment.awaitTrue(runs.size() + " runs to end SUCCESS with their triggers archived", WAIT, () -> {
                for (WorkflowWorkerJvm w : workers) {
                    if (!w.isAlive()) {
                        throw new AssertionError("worker " + w.pid() + " died: " + w.stderr());
                    }
                }
                List<RunRecord> all = pgqrs.workflows().runs(NAME, null, runs.size() + 10);
                Optional<RunRecord> failed = all.stream().filter(r -> r.status() == RunStatus.ERROR).findFirst();
                if (failed.isPresent()) {
                    throw new AssertionError("run " + failed.get().messageId() + " failed: " + failed.get().error());
                }
                return all.stream().filter(r -> r.status() == RunStatus.SUCCESS).count() == runs.size()
                        && pgqrs.admin().queueMetrics(NAME).archivedMessages() == runs.size();
            });
        } catch (AssertionError e) {
            Map<RunStatus, Long> statuses = pgqrs.workflows().runs(NAME, null, runs.size() + 10).stream()
                    .collect(Collectors.groupingBy(RunRecord::status, Collectors.counting()));
            throw new AssertionError(e.getMessage() + "; runs by status: " + statuses + "; metrics: "
                    + pgqrs.admin().queueMetrics(NAME), e);
        }
    }

    private static Map<String, Long> counts(StepLines lines, long run) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String step : STEPS) {
            for (String event : List.of("start", "end")) {
                counts.put(step + " " + event, lines.count(run, step, event));
            }
        }
        return counts;
    }

    private static void assertArchived(Pgqrs pgqrs, int runs) {
        QueueMetrics metrics = pgqrs.admin().queueMetrics(NAME);
        assertThat(metrics.archivedMessages()).as("every trigger archived").isEqualTo(runs);
        assertThat(metrics.pendingMessages() + metrics.lockedMessages()).as("no trigger left in the queue").isZero();
        assertThat(pgqrs.admin().listDeadLetters(NAME)).as("no trigger dead-lettered").isEmpty();
    }
}
