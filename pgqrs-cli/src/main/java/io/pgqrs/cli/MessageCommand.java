package io.pgqrs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.Consumer;
import io.pgqrs.DequeueBuilder;
import io.pgqrs.EnqueueBuilder;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.dashboard.Rows;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pgqrs message …}: exercise a queue from a shell. Enqueue and dequeue are one-shot calls that leave no worker
 * row per call: an enqueue writes as the queue's shared producer, a dequeue's consumer is stopped when the command ends
 * but keeps its leases (and is deleted when it got nothing). Archive and delete act as the message's current holder
 * unless {@code --worker} names one; {@code failures} shows what a message's failed attempts recorded.
 */
@Command(name = "message", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Enqueue, get, dequeue, archive and delete messages; show their failures.",
        footer = {"", "Examples:", "  pgqrs message enqueue emails '{\"to\":\"a@b.c\"}' --header content-type=application/json", "  echo '{\"n\":1}' | pgqrs message enqueue emails -",
                "  pgqrs --format json message dequeue emails --batch 10 --vt 60s", "  pgqrs message archive 42"})
final class MessageCommand {
    @ParentCommand
    PgqrsCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "enqueue", mixinStandardHelpOptions = true, description = "Enqueue one JSON payload, from the argument or from stdin ('-' or no argument).",
            footer = {"", "Example:", "  pgqrs message enqueue emails '{\"to\":\"a@b.c\"}' --delay 30s --header tenant=acme",
                    "  pgqrs message enqueue orders '{\"id\":42}' --key order-42 --key-window 5m",
                    "  pgqrs message enqueue invoices '{\"id\":7}' --priority 10 --group customer-42"})
    int enqueue(@Parameters(paramLabel = "QUEUE") String queue,
                @Parameters(paramLabel = "PAYLOAD", arity = "0..1", description = "JSON text; '-' or absent reads stdin") String payload,
                @Option(names = "--delay", defaultValue = "0s", description = "Invisible for this long, e.g. 30s (default: ${DEFAULT-VALUE})") Duration delay,
                @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A header of the message; repeat for more") List<String> headers,
                @Option(names = "--key", paramLabel = "KEY", description = "Idempotency key: while a message with it is live on the queue, enqueue nothing and show that message (duplicate: true)") String key,
                @Option(names = "--key-window", paramLabel = "DURATION", description = "Keep the key taken this long after the archive, e.g. 5m (needs --key)") Duration keyWindow,
                @Option(names = "--priority", defaultValue = "0", description = "Claimed before lower priorities, " + EnqueueOptions.MIN_PRIORITY + " to " + EnqueueOptions.MAX_PRIORITY + " (default: ${DEFAULT-VALUE})") int priority,
                @Option(names = "--group", paramLabel = "KEY", description = "Ordered group: its messages are delivered one at a time, in enqueue order") String group) {
        JsonNode body = PayloadText.argumentOrStdin(payload, spec, "enqueue");
        Map<String, String> named = HeaderArguments.parse(headers, spec, "enqueue");
        Duration window = keyWindow == null ? Duration.ZERO : keyWindow;
        return root.run(spec, (p, out) -> {
            UsageErrors.refuseAsUsage(spec, "enqueue", () -> {
                p.checkEnqueue(body, delay);
                EnqueueOptions.none().withHeaders(named);
                if (keyWindow != null && key == null) {
                    throw PgqrsException.validationFailed("--key-window needs --key");
                }
                if (key != null) {
                    EnqueueOptions.idempotencyKey(key).withIdempotencyWindow(window);
                }
                EnqueueOptions.none().withPriority(priority);
                if (group != null) {
                    EnqueueOptions.none().withGroup(group);
                }
            });
            EnqueueBuilder enqueue = Pgqrs.enqueue().message(body).to(queue).delay(delay).priority(priority);
            if (group != null) {
                enqueue.group(group);
            }
            named.forEach(enqueue::header);
            if (key != null) {
                enqueue.idempotencyKey(key).idempotencyWindow(window);
            }
            out.item(Rows.enqueued(enqueue.execute(p).get(0)));
        });
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one message in any state, with its headers.",
            footer = {"", "Example:", "  pgqrs --format json message get 42"})
    int get(@Parameters(paramLabel = "ID") long id) {
        return root.run(spec, (p, out) -> out.item(Rows.message(p.admin().getMessage(id))));
    }

    @Command(name = "dequeue", mixinStandardHelpOptions = true, description = "Lease up to --batch messages; settle them later with archive or delete.",
            footer = {"", "Example:", "  pgqrs --format json message dequeue emails --batch 10 --vt 60s"})
    int dequeue(@Parameters(paramLabel = "QUEUE") String queue,
                @Option(names = "--batch", defaultValue = "1", description = "At most this many (default: ${DEFAULT-VALUE})") int batch,
                @Option(names = "--vt", description = "Lease length, e.g. 60s (default: default_lock_time, 30s)") Duration lease) {
        return root.run(spec, (p, out) -> {
            UsageErrors.refuseAsUsage(spec, "dequeue", () -> p.checkDequeue(batch, lease));
            DequeueBuilder dequeue = Pgqrs.dequeue().from(queue).batch(batch);
            if (lease != null) {
                dequeue.lease(lease);
            }
            out.list(dequeue.fetchAll(p).stream().map(Rows::message).toList());
        });
    }

    @Command(name = "archive", mixinStandardHelpOptions = true, description = "Archive a leased message.",
            footer = {"", "Example:", "  pgqrs message archive 42"})
    int archive(@Parameters(paramLabel = "ID") long id,
                @Option(names = "--worker", description = "The holding consumer's worker id (default: the message's current holder)") Long worker) {
        return root.run(spec, (p, out) -> settle(p, out, id, worker, "archived", Consumer::archive));
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a leased message.",
            footer = {"", "Example:", "  pgqrs message delete 42"})
    int delete(@Parameters(paramLabel = "ID") long id,
               @Option(names = "--worker", description = "The holding consumer's worker id (default: the message's current holder)") Long worker) {
        return root.run(spec, (p, out) -> settle(p, out, id, worker, "deleted", Consumer::delete));
    }

    @Command(name = "failures", mixinStandardHelpOptions = true,
            description = "The recorded failures of a message, oldest first (table: each error's first line; json: the whole text).",
            footer = {"", "Example:", "  pgqrs message failures 42"})
    int failures(@Parameters(paramLabel = "ID") long id) {
        return root.run(spec, (p, out) -> {
            p.admin().getMessage(id);
            out.list(p.admin().failures(id).stream().map(f -> Rows.failure(f, root.jsonOutput())).toList());
        });
    }

    private interface Settle {
        boolean apply(Consumer consumer, long id);
    }

    private static void settle(Pgqrs p, Output out, long id, Long worker, String done, Settle action) {
        Message m = p.admin().getMessage(id);
        Long holder = worker != null ? worker : m.consumerWorkerId();
        if (holder == null) {
            throw PgqrsException.validationFailed("Message " + id + " is not leased by any consumer: dequeue it first");
        }
        if (!action.apply(p.attachConsumer(holder), id)) {
            throw PgqrsException.validationFailed("Message " + id + " was not " + done + ": worker " + holder
                    + " does not hold it, or it is archived already");
        }
        out.status("Message " + id + " " + done, Map.of("id", id, done, true, "worker_id", holder));
    }
}
