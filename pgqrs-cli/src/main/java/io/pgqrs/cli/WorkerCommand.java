package io.pgqrs.cli;

import io.pgqrs.PgqrsException;
import io.pgqrs.Worker;
import io.pgqrs.dashboard.Rows;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pgqrs worker …}: inspect workers, change their state, release their messages, delete and purge them, and run
 * one that hands each message to a command ({@link WorkerRun}).
 */
@Command(name = "worker", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Inspect workers and change their state; run a worker that hands messages to a command.",
        footer = {"", "Example:", "  pgqrs worker list --queue emails"})
final class WorkerCommand {
    @ParentCommand
    PgqrsCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List workers, latest started first.",
            footer = {"", "Example:", "  pgqrs worker list --queue emails"})
    int list(@Option(names = {"-q", "--queue"}, description = "Only this queue's workers") String queue) {
        return root.run(spec, (p, out) -> out.list((queue == null ? p.admin().listWorkers() : p.admin().listWorkers(queue))
                .stream().map(Rows::worker).toList()));
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one worker.",
            footer = {"", "Example:", "  pgqrs worker get 3"})
    int get(@Parameters(paramLabel = "ID") long id) {
        return root.run(spec, (p, out) -> out.item(Rows.worker(p.admin().worker(id).record())));
    }

    @Command(name = "messages", mixinStandardHelpOptions = true, description = "Messages a consumer holds or last held.",
            footer = {"", "Example:", "  pgqrs worker messages 3"})
    int messages(@Parameters(paramLabel = "ID") long id) {
        return root.run(spec, (p, out) -> out.list(p.admin().workerMessages(id).stream().map(Rows::message).toList()));
    }

    @Command(name = "release-messages", mixinStandardHelpOptions = true, description = "Give back every live message a worker holds.",
            footer = {"", "Example:", "  pgqrs worker release-messages 3"})
    int releaseMessages(@Parameters(paramLabel = "ID") long id) {
        return root.run(spec, (p, out) -> {
            long n = p.admin().releaseWorkerMessages(id);
            out.status("Released " + n + " messages from worker " + id, Map.of("worker_id", id, "released", n));
        });
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true, description = "ready | polling | interrupted → suspended.",
            footer = {"", "Example:", "  pgqrs worker suspend 3"})
    int suspend(@Parameters(paramLabel = "ID") long id) {
        return transition(id, Worker::suspend, "suspended");
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "suspended → ready.",
            footer = {"", "Example:", "  pgqrs worker resume 3"})
    int resume(@Parameters(paramLabel = "ID") long id) {
        return transition(id, Worker::resume, "resumed");
    }

    @Command(name = "shutdown", mixinStandardHelpOptions = true, description = "suspended → stopped (a consumer must hold no messages).",
            footer = {"", "Example:", "  pgqrs worker shutdown 3"})
    int shutdown(@Parameters(paramLabel = "ID") long id) {
        return transition(id, Worker::shutdown, "shut down");
    }

    @Command(name = "heartbeat", mixinStandardHelpOptions = true, description = "Record a heartbeat for a worker.",
            footer = {"", "Example:", "  pgqrs worker heartbeat 3"})
    int heartbeat(@Parameters(paramLabel = "ID") long id) {
        return transition(id, Worker::heartbeat, "heartbeat updated");
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Workers of a queue by state.",
            footer = {"", "Example:", "  pgqrs worker stats emails"})
    int stats(@Parameters(paramLabel = "QUEUE") String queue) {
        return root.run(spec, (p, out) -> out.item(Rows.workerStats(p.admin().workerStats(queue))));
    }

    @Command(name = "health", mixinStandardHelpOptions = true, description = "Worker health: stale = ready or polling without a recent heartbeat.",
            footer = {"", "Example:", "  pgqrs worker health --timeout 60 --group-by-queue"})
    int health(@Option(names = "--timeout", defaultValue = "60", description = "Heartbeat age in seconds that makes a worker stale (default: ${DEFAULT-VALUE})") long timeoutSeconds,
               @Option(names = "--group-by-queue", description = "One row per queue instead of one global row") boolean grouped) {
        return root.run(spec, (p, out) -> out.list(p.admin().workerHealth(Duration.ofSeconds(timeoutSeconds), grouped)
                .stream().map(Rows::health).toList()));
    }

    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Delete stopped workers older than --older-than that no message references.",
            footer = {"", "Example:", "  pgqrs worker purge --older-than 7d"})
    int purge(@Option(names = "--older-than", defaultValue = "7d", description = "Heartbeat age (default: ${DEFAULT-VALUE})") Duration olderThan) {
        return root.run(spec, (p, out) -> {
            long n = p.admin().purgeOldWorkers(olderThan);
            out.status("Purged " + n + " old workers", Map.of("purged", n));
        });
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a worker that no message references.",
            footer = {"", "Example:", "  pgqrs worker delete 3"})
    int delete(@Parameters(paramLabel = "ID") long id) {
        return root.run(spec, (p, out) -> {
            if (!p.admin().deleteWorker(id)) {
                throw PgqrsException.workerNotFound(id);
            }
            out.status("Worker " + id + " deleted successfully", Map.of("worker_id", id, "deleted", true));
        });
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Consume a queue: run COMMAND once per message, the payload's JSON as one line on its stdin and "
                    + "PGQRS_MESSAGE_ID, PGQRS_QUEUE and PGQRS_READ_CT in its environment. Exit 0 archives the message; "
                    + "another exit is a failed attempt (retried with back-off, a dead letter after the last one) whose "
                    + "error is the exit code and the end of the command's stderr. The command's output goes to stderr.",
                    "Runs until SIGINT or SIGTERM, or --until-idle; then prints one summary line."},
            footer = {"", "Example:", "  pgqrs worker run emails --concurrency 8 --until-idle 10s -- ./send-email.sh"})
    int run(@Parameters(index = "0", paramLabel = "QUEUE") String queue,
            @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND", description = "The program and its arguments, after --") List<String> command,
            @Mixin WorkerRunOptions options) {
        if (command == null || command.isEmpty()) {
            throw UsageErrors.of(spec, "run", "No command to run: give it after --, e.g. pgqrs worker run " + queue + " -- ./handle.sh");
        }
        if (Executables.find(command.get(0)).isEmpty()) {
            throw UsageErrors.of(spec, "run", "Command '" + command.get(0) + "' is not an executable file"
                    + (command.get(0).contains("/") ? "" : " on PATH") + ": check its name and permissions");
        }
        return new WorkerRun(root, spec, queue, command, options).run();
    }

    private int transition(long id, Consumer<Worker> change, String done) {
        return root.run(spec, (p, out) -> {
            Worker w = p.admin().worker(id);
            change.accept(w);
            out.status("Worker " + id + " " + done, Map.of("worker_id", id, "status", w.status()));
        });
    }
}
