package io.pgqrs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueRecord;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.dashboard.Rows;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pgqrs workflow …}: inspect durable workflows and their runs, trigger a run by name, cancel or resume one. The
 * workflow functions live in applications, which define them and run their workers; the CLI only reads and changes the
 * stored state (a run's id is its trigger message's id).
 */
@Command(name = "workflow", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Inspect workflows and their runs; trigger, cancel and resume runs.",
        footer = {"", "Examples:", "  pgqrs workflow runs checkout --status paused", "  pgqrs workflow run 42",
                "  pgqrs workflow resume 42"})
final class WorkflowCommand {
    /** Runs listed when {@code --limit} is not given. */
    private static final int DEFAULT_LIMIT = 50;

    @ParentCommand
    PgqrsCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List workflow definitions, by name.",
            footer = {"", "Example:", "  pgqrs workflow list"})
    int list() {
        return root.run(spec, (p, out) -> {
            Map<Long, String> queues = p.admin().listQueues().stream().collect(Collectors.toMap(QueueRecord::id, QueueRecord::name));
            out.list(p.workflows().list().stream().map(w -> Rows.workflow(w, queues.get(w.queueId()))).toList());
        });
    }

    @Command(name = "runs", mixinStandardHelpOptions = true,
            description = "List runs of a workflow, newest first (table: each error's first line; json: the whole message).",
            footer = {"", "Example:", "  pgqrs workflow runs checkout --status paused --limit 10"})
    int runs(@Parameters(paramLabel = "NAME") String name,
             @Option(names = "--status", description = "Only runs in this state: ${COMPLETION-CANDIDATES} (any case)") RunStatus status,
             @Option(names = "--limit", defaultValue = "" + DEFAULT_LIMIT, description = "At most this many (default: ${DEFAULT-VALUE})") int limit) {
        if (limit < 1) {
            throw UsageErrors.of(spec, "runs", "--limit must be at least 1, got " + limit);
        }
        return root.run(spec, (p, out) -> out.list(p.workflows().runs(name, status, limit).stream()
                .map(r -> Rows.runLine(r, root.jsonOutput())).toList()));
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Show one run (input, output, error, times) and its steps in the order they first ran.",
            footer = {"", "Example:", "  pgqrs --format json workflow run 42"})
    int run(@Parameters(paramLabel = "ID", description = "The run id: its trigger message's id") long id) {
        return root.run(spec, (p, out) -> {
            RunRecord run = p.workflows().run(id).orElseThrow(() -> PgqrsException.workflowNotFound("Workflow run " + id));
            out.detail(Rows.run(run, root.jsonOutput()), "steps",
                    p.workflows().steps(id).stream().map(s -> Rows.step(s, root.jsonOutput())).toList());
        });
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Start a run of a workflow an application defined, with a JSON input from the argument or stdin; prints the run id.",
            footer = {"", "Examples:", "  pgqrs workflow trigger checkout '{\"order\":42}'", "  echo '{\"order\":42}' | pgqrs workflow trigger checkout -"})
    int trigger(@Parameters(paramLabel = "NAME") String name,
                @Parameters(paramLabel = "INPUT", arity = "0..1", description = "JSON text; '-' or absent reads stdin") String input) {
        JsonNode value = PayloadText.argumentOrStdin(input, spec, "trigger");
        return root.run(spec, (p, out) -> {
            long runId = p.workflows().trigger(name, value);
            out.status("Run " + runId + " of '" + name + "' triggered", Map.of("run_id", runId));
        });
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Ask a run to stop: CANCELLING now, CANCELLED when a worker next reaches it (at once for a sleeping or paused run).",
            footer = {"", "Example:", "  pgqrs workflow cancel 42"})
    int cancel(@Parameters(paramLabel = "ID") long id) {
        return change(id, r -> r.workflows().cancel(id), "is being cancelled");
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Let a paused run go on now; it stays PAUSED until a worker takes it.",
            footer = {"", "Example:", "  pgqrs workflow resume 42"})
    int resume(@Parameters(paramLabel = "ID") long id) {
        return change(id, r -> r.workflows().resume(id), "resumed");
    }

    private int change(long id, Function<Pgqrs, RunRecord> action, String done) {
        return root.run(spec, (p, out) -> {
            RunStatus status = action.apply(p).status();
            out.status("Run " + id + " " + done + ": " + status, Map.of("run_id", id, "status", status));
        });
    }
}
