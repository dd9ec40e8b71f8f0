package io.pgqrs.cli;

import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pgqrs admin …}: schema and store-wide operations (SPEC CLI-11 … CLI-14). */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Install, verify, uninstall; store statistics; reclaim zombies.",
        footer = {"", "Example:", "  pgqrs --dsn sqlite:jobs.db admin install"})
final class AdminCommand {
    @ParentCommand
    PgqrsCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "install", mixinStandardHelpOptions = true, description = "Create the pgqrs tables (idempotent).",
            footer = {"", "Example:", "  pgqrs admin install"})
    int install() {
        return root.run(spec, (p, out) -> {
            p.admin().install();
            out.status("pgqrs installed (" + p.backendName() + ")", Map.of("installed", true, "backend", p.backendName()));
        });
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check the tables exist and reference each other correctly.",
            footer = {"", "Example:", "  pgqrs admin verify"})
    int verify() {
        return root.run(spec, (p, out) -> {
            p.admin().verify();
            out.status("pgqrs schema is valid", Map.of("valid", true));
        });
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Drop every pgqrs table and its data.",
            footer = {"", "Example:", "  pgqrs admin uninstall"})
    int uninstall() {
        return root.run(spec, (p, out) -> {
            p.admin().uninstall();
            out.status("pgqrs uninstalled", Map.of("uninstalled", true));
        });
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Store-wide counts of queues, workers and messages.",
            footer = {"", "Example:", "  pgqrs --format json admin stats"})
    int stats() {
        return root.run(spec, (p, out) -> out.item(Rows.systemStats(p.admin().systemStats())));
    }

    @Command(name = "reclaim", mixinStandardHelpOptions = true,
            description = "Release the messages of a queue's zombie workers (no heartbeat for --older-than) and stop them.",
            footer = {"", "Example:", "  pgqrs admin reclaim --queue emails --older-than 5m"})
    int reclaim(@Option(names = {"-q", "--queue"}, required = true, description = "Queue name") String queue,
                @Option(names = "--older-than", description = "Heartbeat age, e.g. 30s, 5m (default: heartbeat_interval)") Duration olderThan) {
        return root.run(spec, (p, out) -> {
            long released = p.admin().reclaimMessages(queue, olderThan);
            out.status("Reclaimed " + released + " messages from zombie workers", Map.of("queue", queue, "reclaimed", released));
        });
    }
}
