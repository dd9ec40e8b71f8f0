package io.pgqrs.cli;

import io.pgqrs.Message;
import io.pgqrs.MessageFailure;
import io.pgqrs.PgqrsException;
import io.pgqrs.Redrive;
import io.pgqrs.RedriveFilter;
import io.pgqrs.dashboard.Rows;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
        return root.run(spec, (p, out) -> {
            List<Message> dead = p.admin().listDeadLetters(name);
            Map<Long, MessageFailure> last = p.admin().lastFailures(dead.stream().map(Message::id).toList());
            out.list(dead.stream().map(m -> Rows.deadLetter(m, last.containsKey(m.id()) ? last.get(m.id()).error() : null,
                    root.jsonOutput())).toList());
        });
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Move a queue's dead letters back in line, newest first, at most --rate per second: each keeps "
                    + "its id, gets read_ct 0 and records the move in its headers (pgqrs-redriven-at, pgqrs-redriven-by). "
                    + "Shows a progress bar on a terminal; Ctrl-C stops after the batch in progress.",
            footer = {"", "Examples:", "  pgqrs queue redrive orders --limit 500 --rate 20",
                    "  pgqrs queue redrive orders --dead-after 2030-01-01T03:00:00Z"})
    int redrive(@Parameters(paramLabel = "NAME") String name,
                @Option(names = "--limit", defaultValue = "1000", paramLabel = "N",
                        description = "Move at most this many (default: ${DEFAULT-VALUE})") long limit,
                @Option(names = "--rate", defaultValue = "50", paramLabel = "PER_SECOND",
                        description = "Move at most this many per second (default: ${DEFAULT-VALUE})") int rate,
                @Option(names = "--dead-after", paramLabel = "INSTANT",
                        description = "Only dead letters archived at or after this ISO-8601 instant") String after,
                @Option(names = "--dead-before", paramLabel = "INSTANT",
                        description = "Only dead letters archived before this ISO-8601 instant") String before) {
        RedriveFilter filter = RedriveFilter.all();
        try {
            filter = new RedriveFilter(after == null ? null : Instant.parse(after), before == null ? null : Instant.parse(before));
        } catch (DateTimeParseException e) {
            throw UsageErrors.of(spec, "redrive", "--dead-after and --dead-before take an ISO-8601 instant such as "
                    + "2030-01-01T03:00:00Z, got '" + e.getParsedString() + "'");
        } catch (PgqrsException e) {
            throw UsageErrors.of(spec, "redrive", e.getMessage());
        }
        RedriveFilter chosen = filter;
        return root.run(spec, (p, out) -> {
            Redrive redrive = p.admin().redrive(name, limit, rate, chosen);
            Thread stopper = new Thread(redrive::close, "pgqrs-redrive-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                RedriveProgress.follow(redrive, spec.commandLine().getErr(), System.console() != null);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException shuttingDown) {
                    // The hook runs already: it stops the redrive.
                }
            }
            redrive.failure().ifPresent(f -> {
                throw f instanceof PgqrsException e ? e : new IllegalStateException(f);
            });
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("queue", name);
            fields.put("moved", redrive.moved());
            fields.put("stopped", redrive.stopped());
            out.status("Redrove " + redrive.moved() + " dead letters of queue '" + name + "'"
                    + (redrive.stopped() ? " (stopped)" : ""), fields);
        });
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
}
