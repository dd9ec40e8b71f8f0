package io.pgqrs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueRecord;
import io.pgqrs.ScheduleOptions;
import io.pgqrs.ScheduleRecord;
import io.pgqrs.Schedules;
import io.pgqrs.dashboard.Rows;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pgqrs schedule …}: recurring schedules, UNIX cron expressions that enqueue a payload on a queue. These
 * commands define schedules; a process fires them ({@code Pgqrs.schedules().start()}, a worker built with
 * {@code runSchedules()}, or {@code pgqrs schedule run-due} from a system cron).
 */
@Command(name = "schedule", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Add, list, pause, resume and delete recurring schedules (UNIX cron expressions).",
        footer = {"", "Examples:", "  pgqrs schedule add nightly-report --cron '0 3 * * *' --zone Europe/Paris --queue reports '{\"kind\":\"daily\"}'",
                "  pgqrs schedule list", "  pgqrs schedule pause nightly-report"})
final class ScheduleCommand {
    @ParentCommand
    PgqrsCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every schedule, by name.",
            footer = {"", "Example:", "  pgqrs --format json schedule list"})
    int list() {
        return root.run(spec, (p, out) -> {
            Map<Long, String> queues = queueNames(p);
            out.list(p.schedules().list().stream().map(s -> Rows.schedule(s, queues.get(s.queueId()))).toList());
        });
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a schedule, or replace the one of that name (keeping its paused state, and its next tick "
                    + "unless the expression or zone changed).",
            footer = {"", "Examples:", "  pgqrs schedule add nightly-report --cron '0 3 * * *' --zone Europe/Paris --queue reports '{\"kind\":\"daily\"}'",
                    "  pgqrs schedule add every-5-min --cron '*/5 * * * *' --queue pings --catch-up 12 '{}'"})
    int add(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--cron", required = true, paramLabel = "EXPR",
                    description = "UNIX cron expression, five fields: minute hour day-of-month month day-of-week") String cron,
            @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE",
                    description = "Time zone the expression is read in, e.g. Europe/Paris (default: ${DEFAULT-VALUE})") String zone,
            @Option(names = "--queue", required = true, paramLabel = "QUEUE", description = "The queue its messages go to") String queue,
            @Parameters(paramLabel = "PAYLOAD", arity = "0..1", description = "JSON text; '-' or absent reads stdin") String payload,
            @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A header of its messages; repeat for more") List<String> headers,
            @Option(names = "--catch-up", paramLabel = "N", defaultValue = "1",
                    description = "Missed ticks one firing enqueues at most, the latest ones; 1 skips missed ticks but the "
                            + "latest (default: ${DEFAULT-VALUE})") int catchUp) {
        JsonNode body = PayloadText.argumentOrStdin(payload, spec, "add");
        Map<String, String> named = HeaderArguments.parse(headers, spec, "add");
        ZoneId[] zoneId = new ZoneId[1];
        ScheduleOptions[] options = new ScheduleOptions[1];
        UsageErrors.refuseAsUsage(spec, "add", () -> {
            zoneId[0] = Schedules.zone(zone);
            options[0] = ScheduleOptions.defaults().withHeaders(named).withCatchUp(catchUp);
        });
        return root.run(spec, (p, out) -> {
            ScheduleRecord s = p.schedules().upsert(name, cron, zoneId[0], queue, body, options[0]);
            out.item(Rows.schedule(s, queue));
        });
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one schedule.",
            footer = {"", "Example:", "  pgqrs schedule get nightly-report"})
    int get(@Parameters(paramLabel = "NAME") String name) {
        return root.run(spec, (p, out) -> out.item(row(p, p.schedules().get(name)
                .orElseThrow(() -> PgqrsException.scheduleNotFound(name)))));
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a schedule: it fires nothing until resumed.",
            footer = {"", "Example:", "  pgqrs schedule pause nightly-report"})
    int pause(@Parameters(paramLabel = "NAME") String name) {
        return root.run(spec, (p, out) -> out.item(row(p, p.schedules().pause(name))));
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume a paused schedule from its first tick after now (the ticks of the pause are not fired).",
            footer = {"", "Example:", "  pgqrs schedule resume nightly-report"})
    int resume(@Parameters(paramLabel = "NAME") String name) {
        return root.run(spec, (p, out) -> out.item(row(p, p.schedules().resume(name))));
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a schedule; the messages it enqueued stay.",
            footer = {"", "Example:", "  pgqrs schedule delete nightly-report"})
    int delete(@Parameters(paramLabel = "NAME") String name) {
        return root.run(spec, (p, out) -> {
            if (!p.schedules().delete(name)) {
                throw PgqrsException.scheduleNotFound(name);
            }
            out.status("Schedule '" + name + "' deleted", Map.of("schedule", name, "deleted", true));
        });
    }

    @Command(name = "run-due", mixinStandardHelpOptions = true,
            description = "Fire every due schedule once and exit: for a system cron or a one-off catch-up. Processes "
                    + "firing at the same time still enqueue each tick once.",
            footer = {"", "Example:", "  pgqrs schedule run-due"})
    int runDue() {
        return root.run(spec, (p, out) -> out.list(p.schedules().runDue().stream().map(f -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("schedule", f.schedule());
            row.put("tick", f.tick());
            row.put("message_id", f.message().id());
            return row;
        }).toList()));
    }

    private static Map<String, Object> row(Pgqrs p, ScheduleRecord s) {
        return Rows.schedule(s, queueNames(p).get(s.queueId()));
    }

    private static Map<Long, String> queueNames(Pgqrs p) {
        return p.admin().listQueues().stream().collect(Collectors.toMap(QueueRecord::id, QueueRecord::name));
    }
}
