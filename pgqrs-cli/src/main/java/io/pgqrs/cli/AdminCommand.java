package io.pgqrs.cli;

import io.pgqrs.ErrorKind;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.SchemaVersion;
import io.pgqrs.dashboard.Rows;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pgqrs admin …}: install, migrate, verify and uninstall the schema; store-wide statistics; reclaim zombie workers. */
@Command(name = "admin", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Install, migrate, verify, uninstall; store statistics; reclaim zombies.",
        footer = {"", "Example:", "  pgqrs --dsn sqlite:jobs.db admin install"})
final class AdminCommand {
    @ParentCommand
    PgqrsCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Create the pgqrs tables or bring them up to date (idempotent); a store kept as one object (S3) is never overwritten.",
            footer = {"", "Example:", "  pgqrs admin install"})
    int install() {
        return root.runUnrefreshed(spec, (p, out) -> {
            try {
                installAndPublish(p);
            } catch (PgqrsException e) {
                if (e.kind() != ErrorKind.CONFLICT) {
                    throw e;
                }
                installIntoExisting(p, e);
            }
            out.status("pgqrs installed (" + p.backendName() + ")", Map.of("installed", true, "backend", p.backendName()));
        });
    }

    /**
     * The store refused the install because it exists already (a store kept as one object never overwrites it). An
     * existing store that holds no pgqrs tables yet (an empty one) is installed into; one that holds them is left as
     * it is, and the command fails saying so.
     */
    private static void installIntoExisting(Pgqrs p, PgqrsException conflict) {
        p.store().refresh();
        try {
            p.admin().verify();
        } catch (PgqrsException e) {
            if (e.kind() != ErrorKind.SCHEMA_VALIDATION) {
                throw e;
            }
            installAndPublish(p);
            return;
        }
        throw PgqrsException.of(ErrorKind.CONFLICT, "Not installed: the store already exists and was not overwritten; "
                + "use it as it is. " + conflict.getMessage(), conflict);
    }

    /** Installs and publishes at once, so that a store that publishes on request reports a conflict here. */
    private static void installAndPublish(Pgqrs p) {
        p.admin().install();
        p.store().publish();
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the tables exist, the schema version is this pgqrs's, and rows reference each other correctly.",
            footer = {"", "Example:", "  pgqrs admin verify"})
    int verify() {
        return root.run(spec, (p, out) -> {
            p.admin().verify();
            int version = p.admin().schemaVersion().installed();
            out.status("pgqrs schema is valid (version " + version + ")", Map.of("valid", true, "schema_version", version));
        });
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Bring the schema up to this pgqrs's version (as install does); --dry-run prints the statements instead.",
            footer = {"", "Examples:", "  pgqrs admin migrate --dry-run", "  pgqrs admin migrate"})
    int migrate(@Option(names = "--dry-run", description = "Print the statements that would run, and run nothing") boolean dryRun) {
        return root.run(spec, (p, out) -> {
            SchemaVersion before = p.admin().schemaVersion();
            if (dryRun) {
                MigrationPlanOutput.print(out, before, p.admin().migrationPlan());
                return;
            }
            installAndPublish(p);
            int after = p.admin().schemaVersion().installed();
            out.status("pgqrs schema " + (after == before.installed() ? "is up to date at version " + after
                            : "migrated from version " + before.installed() + " to " + after) + " (" + p.backendName() + ")",
                    Map.of("from_version", before.installed(), "schema_version", after, "backend", p.backendName()));
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
