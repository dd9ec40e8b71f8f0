package io.pgqrs.cli;

import io.pgqrs.PgqrsException;
import io.pgqrs.Worker;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pgqrs worker …}: inspect workers, change their state, release their messages, delete and purge them. */
@Command(name = "worker", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Inspect workers and change their state.",
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

    private int transition(long id, Consumer<Worker> change, String done) {
        return root.run(spec, (p, out) -> {
            Worker w = p.admin().worker(id);
            change.accept(w);
            out.status("Worker " + id + " " + done, Map.of("worker_id", id, "status", w.status()));
        });
    }
}
