package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.Workflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.pgqrs.tck.TestEnvironment;

/**
 * {@code pgqrs workflow …} from the jar as separate processes, on one SQLite file per test. The CLI cannot define a
 * workflow (the function belongs to an application), so this JVM plays the application: it defines the workflow
 * "review" (step "check", a one-day pause "approval", step "ship") and runs its worker, while CLI processes trigger,
 * inspect, resume and cancel its runs. Waits read the runs through this JVM's own connection.
 */
class WorkflowCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "review";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** A run triggered by the CLI pauses, is listed and shown paused, is resumed by the CLI and ends with its output. */
    @Test
    void pausedRunIsResumedAndCompletes() throws Exception {
        try (Pgqrs app = application(); QueueWorker worker = define(app).worker().concurrency(1).start()) {
            long runId = json("workflow", "trigger", NAME, "{\"id\": 5}").get("run_id").asLong();
            awaitStatus(app, runId, RunStatus.PAUSED);

            JsonNode paused = json("workflow", "runs", NAME, "--status", "paused");
            assertThat(paused).extracting(r -> r.get("run_id").asLong()).containsExactly(runId);
            assertThat(paused.get(0).get("status").asText()).isEqualTo("PAUSED");
            assertThat(paused.get(0).get("error").asText()).isEqualTo("waiting for a person");

            JsonNode shown = json("workflow", "run", Long.toString(runId));
            assertThat(shown.get("status").asText()).isEqualTo("PAUSED");
            assertThat(shown.get("input").get("id").asInt()).isEqualTo(5);
            assertThat(shown.get("error").get("resume_after").asLong()).isEqualTo(86_400);
            assertThat(shown.get("steps")).extracting(WorkflowCliIT::nameAndStatus).containsExactly("check SUCCESS", "approval SUCCESS");

            assertThat(json("workflow", "resume", Long.toString(runId)).get("status").asText())
                    .as("the status when resumed; a worker then takes it").isEqualTo("PAUSED");
            awaitStatus(app, runId, RunStatus.SUCCESS);

            JsonNode done = json("workflow", "run", Long.toString(runId));
            assertThat(done.get("output").asText()).isEqualTo("shipped 5");
            assertThat(done.get("completed_at").asText()).isNotEmpty();
            assertThat(done.get("steps")).extracting(WorkflowCliIT::nameAndStatus)
                    .containsExactly("check SUCCESS", "approval SUCCESS", "ship SUCCESS");
            assertThat(json("workflow", "runs", NAME, "--status", "PAUSED")).isEmpty();
            CliProcess.Result table = pgqrs("workflow", "run", Long.toString(runId));
            assertThat(table.out()).contains("| run_id ").contains("| SUCCESS").contains("steps:").contains("| step_name ")
                    .contains("| ship ");

            assertFailure(pgqrs("workflow", "resume", Long.toString(runId)), "only a PAUSED run can be resumed");
            assertFailure(pgqrs("workflow", "cancel", Long.toString(runId)), "SUCCESS state and cannot be cancelled");
        }
    }

    /** A paused run cancelled by the CLI ends CANCELLED; runs are listed newest first, filtered and limited. */
    @Test
    void cancelledRunAndTheDefinitions() throws Exception {
        try (Pgqrs app = application(); QueueWorker worker = define(app).worker().concurrency(1).start()) {
            long first = json("workflow", "trigger", NAME, "{\"id\": 1}").get("run_id").asLong();
            CliProcess.Result fromStdin = CliProcess.fatJarWith(Map.of(), dir, "{\"id\": 2}",
                    "--dsn", dsn(), "--format", "json", "workflow", "trigger", NAME, "-");
            assertThat(fromStdin.exit()).as(fromStdin.err()).isZero();
            long second = JSON.readTree(fromStdin.out()).get("run_id").asLong();
            awaitStatus(app, first, RunStatus.PAUSED);
            awaitStatus(app, second, RunStatus.PAUSED);

            assertThat(json("workflow", "cancel", Long.toString(second)).get("status").asText()).isEqualTo("CANCELLING");
            awaitStatus(app, second, RunStatus.CANCELLED);

            assertThat(json("workflow", "runs", NAME)).extracting(r -> r.get("run_id").asLong()).containsExactly(second, first);
            assertThat(json("workflow", "runs", NAME, "--limit", "1")).extracting(r -> r.get("run_id").asLong()).containsExactly(second);
            assertThat(json("workflow", "runs", NAME, "--status", "Cancelled")).extracting(r -> r.get("run_id").asLong())
                    .containsExactly(second);
            assertThat(json("workflow", "run", Long.toString(second)).get("steps")).extracting(WorkflowCliIT::nameAndStatus)
                    .as("nothing ran after the pause").containsExactly("check SUCCESS", "approval SUCCESS");
            assertFailure(pgqrs("workflow", "cancel", Long.toString(second)), "CANCELLED state and cannot be cancelled");

            JsonNode list = json("workflow", "list");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("name").asText()).isEqualTo(NAME);
            assertThat(list.get(0).get("queue").asText()).isEqualTo(NAME);
            assertThat(list.get(0).get("id").isIntegralNumber()).isTrue();
            assertThat(list.get(0).get("created_at").asText()).endsWith("Z");
            assertThat(pgqrs("workflow", "list").out()).contains("| name ").contains("| " + NAME + " ");
        }
    }

    /** Unknown workflows and runs fail (exit 1); a bad status, limit or input is a usage error (exit 2); one line each. */
    @Test
    void badInputIsRefusedClearly() throws Exception {
        try (Pgqrs app = application()) {
            define(app);
            assertFailure(pgqrs("workflow", "runs", "nope"), "Workflow 'nope' not found");
            assertFailure(pgqrs("workflow", "trigger", "nope", "{}"), "Workflow 'nope' not found");
            assertFailure(pgqrs("workflow", "run", "987654"), "Workflow run 987654 not found");
            assertFailure(pgqrs("workflow", "resume", "987654"), "Workflow run 987654 not found");
            assertUsageError(pgqrs("workflow", "runs", NAME, "--status", "done"), "--status");
            assertUsageError(pgqrs("workflow", "runs", NAME, "--limit", "0"), "--limit must be at least 1, got 0");
            assertUsageError(pgqrs("workflow", "trigger", NAME, "{\"id\": "), "payload is not valid JSON");
            assertUsageError(pgqrs("workflow", "trigger", NAME, "{} {}"), "content after its JSON value");
            assertUsageError(pgqrs("workflow", "run", "first"), "'first'");
            assertThat(app.admin().listMessages(NAME)).as("nothing triggered").isEmpty();
        }
    }

    /** The application's connection, on the store the CLI processes use, polling often so that waits are short. */
    private Pgqrs application() {
        Pgqrs app = Pgqrs.connect(Config.builder(dsn()).pollInterval(Duration.ofMillis(50)).build());
        app.admin().install();
        return app;
    }

    private static Workflow<JsonNode, String> define(Pgqrs app) {
        return app.workflows().define(NAME, JsonNode.class, String.class, (ctx, input) -> {
            int id = ctx.step("check", Integer.class, () -> input.get("id").asInt());
            ctx.pause("approval", "waiting for a person", Duration.ofDays(1));
            return ctx.step("ship", String.class, () -> "shipped " + id);
        });
    }

    private static void awaitStatus(Pgqrs app, long runId, RunStatus status) throws InterruptedException {
        TestEnvironment.awaitTrue("run " + runId + " " + status, WAIT, () -> app.workflows().run(runId).map(RunRecord::status).orElse(null) == status);
    }

    private static String nameAndStatus(JsonNode step) {
        return step.get("step_name").asText() + " " + step.get("status").asText();
    }

    private String dsn() {
        return "sqlite:" + dir.resolve("workflows.db");
    }

    private StoreCli cli() {
        return new StoreCli(dsn(), Map.of(), dir);
    }

    private CliProcess.Result pgqrs(String... args) throws Exception {
        return cli().run(args);
    }

    private JsonNode json(String... args) throws Exception {
        return cli().json(args);
    }

    private static void assertFailure(CliProcess.Result r, String expected) {
        assertOneLine(r, 1, expected);
    }

    private static void assertUsageError(CliProcess.Result r, String expected) {
        assertOneLine(r, 2, expected);
    }

    private static void assertOneLine(CliProcess.Result r, int exit, String expected) {
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        assertThat(r.err().strip()).startsWith("pgqrs: ").contains(expected).doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }
}
