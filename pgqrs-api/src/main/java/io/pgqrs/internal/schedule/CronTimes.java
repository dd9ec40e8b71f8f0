package io.pgqrs.internal.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.pgqrs.PgqrsException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The tick times of one UNIX cron expression in one zone, from cron-utils (the library parses no cron itself). */
public final class CronTimes {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;

    private CronTimes(String expression, ZoneId zone, ExecutionTime times) {
        this.expression = expression;
        this.zone = zone;
        this.times = times;
    }

    /**
     * @param expression a UNIX cron expression: minute, hour, day of month, month, day of week
     * @param zone the zone it is read in
     * @return its tick times
     * @throws PgqrsException {@code VALIDATION_FAILED} with field {@code cron} when it does not parse or never fires
     */
    public static CronTimes parse(String expression, ZoneId zone) {
        if (expression == null || expression.isBlank()) {
            throw PgqrsException.invalidField("cron", "a cron expression is required, e.g. '0 3 * * *' (03:00 every day)");
        }
        ExecutionTime times;
        try {
            Cron cron = UNIX.parse(expression.trim());
            cron.validate();
            times = ExecutionTime.forCron(cron);
        } catch (IllegalArgumentException e) {
            throw PgqrsException.invalidField("cron", "'" + expression + "' is not a UNIX cron expression (" + e.getMessage()
                    + "): give five fields, minute hour day-of-month month day-of-week, e.g. '0 3 * * *'");
        }
        CronTimes parsed = new CronTimes(expression, zone, times);
        if (parsed.nextAfter(Instant.now()).isEmpty()) {
            throw PgqrsException.invalidField("cron", "'" + expression + "' never fires: give an expression with a future tick");
        }
        return parsed;
    }

    /**
     * @param zoneId a zone id such as {@code Europe/Paris}, {@code UTC} or {@code +02:00}
     * @return the zone
     * @throws PgqrsException {@code VALIDATION_FAILED} with field {@code zone} when it is unknown
     */
    public static ZoneId zone(String zoneId) {
        if (zoneId == null || zoneId.isBlank()) {
            throw PgqrsException.invalidField("zone", "a time zone is required, e.g. 'UTC' or 'Europe/Paris'");
        }
        try {
            return ZoneId.of(zoneId.trim());
        } catch (DateTimeException e) {
            throw PgqrsException.invalidField("zone", "unknown time zone '" + zoneId + "' (" + e.getMessage()
                    + "): give a region id such as 'Europe/Paris', 'UTC' or an offset such as '+02:00'");
        }
    }

    /** @return the expression as given */
    public String expression() {
        return expression;
    }

    /**
     * @param instant a time
     * @return the first tick strictly after it, or empty when there is none
     */
    public Optional<Instant> nextAfter(Instant instant) {
        return times.nextExecution(ZonedDateTime.ofInstant(instant, zone)).map(ZonedDateTime::toInstant);
    }

    /**
     * The ticks from {@code first} to {@code now} (both included) that a firing enqueues: the latest {@code max} of
     * them, oldest first. Walks back from {@code now}, so a long outage costs {@code max} steps, not one per missed tick.
     *
     * @param first the schedule's {@code next_run_at}, a tick
     * @param now the time of the firing, not before {@code first}
     * @param max at most this many, at least 1
     * @return the ticks, oldest first; {@code first} alone when no later tick has passed
     */
    public List<Instant> dueTicks(Instant first, Instant now, int max) {
        Deque<Instant> ticks = new ArrayDeque<>();
        ZonedDateTime cursor = ZonedDateTime.ofInstant(now.plusNanos(1), zone);
        while (ticks.size() < max) {
            Optional<ZonedDateTime> previous = times.lastExecution(cursor);
            if (previous.isEmpty() || previous.get().toInstant().isBefore(first)) {
                break;
            }
            ticks.addFirst(previous.get().toInstant());
            cursor = previous.get();
        }
        if (ticks.isEmpty()) {
            // next_run_at is not one of the expression's ticks (the row was written elsewhere): it is due all the same.
            ticks.add(first);
        }
        return new ArrayList<>(ticks);
    }
}
