package io.pgqrs.cli;

import io.pgqrs.MessageFailure;
import io.pgqrs.dashboard.Rows;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pgqrs queue …}: create, list, inspect, purge and delete queues, their messages, metrics and dead letters. */
@Command(name = "queue", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Create, inspect, purge and delete queues.",
        footer = {"", "Example:", "  pgqrs queue create emails"})
final class QueueCommand {
    @ParentCommand
    PgqrsCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a queue.",
            footer = {"", "Example:", "  pgqrs queue create emails"})
    int create(@Parameters(paramLabel = "NAME") String name) {
        return root.run(spec, (p, out) -> out.item(Rows.queue(p.admin().createQueue(name))));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every queue, newest first.",
            footer = {"", "Example:", "  pgqrs --format json queue list"})
    int list() {
        return root.run(spec, (p, out) -> out.list(p.admin().listQueues().stream().map(Rows::queue).toList()));
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one queue.",
            footer = {"", "Example:", "  pgqrs queue get emails"})
    int get(@Parameters(paramLabel = "NAME") String name) {
        return root.run(spec, (p, out) -> out.item(Rows.queue(p.admin().getQueue(name))));
    }

    @Command(name = "messages", mixinStandardHelpOptions = true, description = "List up to 1000 live messages of a queue, newest first.",
            footer = {"", "Example:", "  pgqrs queue messages emails"})
    int messages(@Parameters(paramLabel = "NAME") String name) {
        return root.run(spec, (p, out) -> out.list(p.admin().listMessages(name).stream().map(Rows::message).toList()));
    }

    @Command(name = "metrics", mixinStandardHelpOptions = true, description = "Message counts of one queue, or of every queue.",
            footer = {"", "Examples:", "  pgqrs queue metrics emails", "  pgqrs queue metrics"})
    int metrics(@Parameters(paramLabel = "NAME", arity = "0..1") String name) {
        return root.run(spec, (p, out) -> {
            if (name == null) {
                out.list(p.admin().allQueueMetrics().stream().map(Rows::metrics).toList());
            } else {
                out.item(Rows.metrics(p.admin().queueMetrics(name)));
            }
        });
    }

    @Command(name = "archive-dlq", mixinStandardHelpOptions = true,
            description = "Archive every live message of every queue that reached max_read_ct (the dead letters).",
            footer = {"", "Example:", "  pgqrs queue archive-dlq"})
    int archiveDlq() {
        return root.run(spec, (p, out) -> {
            var ids = p.admin().archiveDeadLetters();
            out.status("Moved " + ids.size() + " messages to the dead letters: " + ids, Map.of("archived_ids", ids));
        });
    }

    @Command(name = "dlq", mixinStandardHelpOptions = true,
            description = "List a queue's dead letters, most recently archived first, with the last error "
                    + "(table: its first line; json: the whole text).",
            footer = {"", "Example:", "  pgqrs queue dlq emails"})
    int dlq(@Parameters(paramLabel = "NAME") String name) {
        return root.run(spec, (p, out) -> out.list(p.admin().listDeadLetters(name).stream()
                .map(m -> Rows.deadLetter(m, lastError(p.admin().failures(m.id())), root.jsonOutput())).toList()));
    }

    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Delete every message and worker of a queue; the queue stays.",
            footer = {"", "Example:", "  pgqrs queue purge emails"})
    int purge(@Parameters(paramLabel = "NAME") String name) {
        return root.run(spec, (p, out) -> {
            p.admin().purgeQueue(name);
            out.status("Queue '" + name + "' purged", Map.of("queue", name, "purged", true));
        });
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an empty queue without workers.",
            footer = {"", "Example:", "  pgqrs queue delete emails"})
    int delete(@Parameters(paramLabel = "NAME") String name) {
        return root.run(spec, (p, out) -> {
            p.admin().deleteQueue(name);
            out.status("Queue '" + name + "' deleted", Map.of("queue", name, "deleted", true));
        });
    }

    private static String lastError(List<MessageFailure> failures) {
        return failures.isEmpty() ? null : failures.get(failures.size() - 1).error();
    }
}
