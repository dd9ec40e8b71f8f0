package io.pgqrs;

import io.pgqrs.internal.Engine;
import io.pgqrs.internal.schedule.CronTimes;
import io.pgqrs.internal.schedule.ScheduleFirer;
import io.pgqrs.internal.schedule.ScheduleThread;
import io.pgqrs.internal.validation.NameRules;
import io.pgqrs.internal.validation.PayloadValidator;
import io.pgqrs.spi.NewSchedule;
import io.pgqrs.spi.PayloadCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recurring schedules of one store, from {@link Pgqrs#schedules()}: a named UNIX cron expression, read in a time zone,
 * that enqueues a fixed payload on a queue at every tick.
 *
 * <pre>{@code
 * pgqrs.schedules().upsert("nightly-report", "0 3 * * *", ZoneId.of("Europe/Paris"), "reports", Map.of("kind", "daily"));
 * try (ScheduleRunner runner = pgqrs.schedules().start()) {     // or pgqrs.worker("reports").runSchedules()...
 *     ...                                                        // each tick enqueues one message on "reports"
 * }
 * }</pre>
 *
 * <p><b>Expressions.</b> Five fields, as in a UNIX crontab: minute, hour, day of month, month, day of week
 * ({@code 0}–{@code 7}, both 0 and 7 Sunday, or {@code MON}…), with {@code *}, lists, ranges and steps
 * ({@code *}{@code /15}). Ticks are whole minutes, computed by the cron-utils library in the schedule's zone: across a
 * daylight-saving change a tick in the skipped hour fires at the first valid time after it, and a tick in the
 * repeated hour fires once.
 *
 * <p><b>Firing.</b> Schedules fire only where a process fires them: {@link #runDue()} once, a {@link ScheduleRunner}
 * from {@link #start}, or a queue worker built with {@link QueueWorkerBuilder#runSchedules()}. Run a runner in as many
 * processes as you like: each tick is enqueued exactly once across them. A firing moves the schedule's
 * {@code next_run_at} on with a compare-and-set in the same transaction as the enqueue, so of two processes firing one
 * tick only one commits; the message also carries the idempotency key {@code pgqrs-schedule:<name>@<tick>} and the
 * headers {@value #SCHEDULE_HEADER} (the schedule's name) and {@value #TICK_HEADER} (the tick, ISO-8601). Times are
 * the application clock of the firing process ({@link Config#clock()}, else the system clock), so keep the hosts'
 * clocks in sync.
 *
 * <p><b>Missed ticks</b> (every process down at a tick) follow {@link ScheduleOptions}: by default the next firing
 * enqueues the latest passed tick only; with {@link ScheduleOptions#withCatchUp(int)} up to that many of the latest
 * missed ticks, oldest first. A paused schedule fires nothing, and on resume starts with the first tick after the
 * resume: the ticks of the pause are not missed ticks.
 */
public final class Schedules {
    /** The header naming the schedule that enqueued a message. */
    public static final String SCHEDULE_HEADER = ScheduleFirer.SCHEDULE_HEADER;
    /** The header holding the tick a message stands for, as an ISO-8601 instant such as {@code 2030-01-01T02:00:00Z}. */
    public static final String TICK_HEADER = ScheduleFirer.TICK_HEADER;
    /** How often a {@link ScheduleRunner} looks for due schedules unless told otherwise: every second. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);

    private final Engine engine;
    private final ScheduleFirer firer;

    Schedules(Engine engine) {
        this.engine = engine;
        this.firer = new ScheduleFirer(engine);
    }

    /**
     * As {@link #upsert(String, String, ZoneId, String, Object, ScheduleOptions)} with no headers and missed ticks
     * skipped.
     *
     * @param name the schedule's unique name, 1 to 255 bytes in UTF-8, with the rules of queue names
     * @param cron a UNIX cron expression, e.g. {@code 0 3 * * *} for 03:00 every day
     * @param zone the time zone the expression is read in, e.g. {@code ZoneId.of("Europe/Paris")} or {@code ZoneOffset.UTC}
     * @param queue an existing queue the messages go to
     * @param payload the payload of every message: a JsonNode, Map, String, number or Jackson-bindable object
     * @return the schedule as stored
     * @throws PgqrsException as the longer form
     */
    public ScheduleRecord upsert(String name, String cron, ZoneId zone, String queue, Object payload) {
        return upsert(name, cron, zone, queue, payload, ScheduleOptions.defaults());
    }

    /**
     * Creates a schedule, or replaces the definition of the one of that name, so that a service can declare its
     * schedules at every start. Replacing keeps the schedule's paused state, and its next tick unless the expression
     * or the zone changed (then the next tick is the first after now): restarting a service neither skips nor
     * repeats a tick. Everything is checked before anything is written.
     *
     * @param name the schedule's unique name, 1 to 255 bytes in UTF-8, with the rules of queue names
     * @param cron a UNIX cron expression (five fields), e.g. {@code 0 3 * * *}
     * @param zone the time zone the expression is read in
     * @param queue an existing queue the messages go to
     * @param payload the payload of every message; the payload rules of {@link Config#validation()} apply, as on enqueue
     * @param options headers and the missed-ticks policy
     * @return the schedule as stored
     * @throws PgqrsException {@code VALIDATION_FAILED} for a bad name, or with {@link PgqrsException#field()}
     *         {@code cron} for an expression that does not parse or never fires, {@code zone} for a null zone;
     *         {@code QUEUE_NOT_FOUND}; {@code VALIDATION_FAILED}, {@code PAYLOAD_TOO_LARGE} or {@code SERIALIZATION}
     *         for a payload that an enqueue would refuse
     */
    public ScheduleRecord upsert(String name, String cron, ZoneId zone, String queue, Object payload,
                                 ScheduleOptions options) {
        NameRules.requireScheduleName(name);
        if (zone == null) {
            throw PgqrsException.invalidField("zone", "a time zone is required, e.g. ZoneId.of(\"Europe/Paris\") or ZoneOffset.UTC");
        }
        CronTimes times = CronTimes.parse(cron, zone);
        Objects.requireNonNull(options, "options");
        PayloadValidator validator = new PayloadValidator(engine.config().validation());
        String text = validator.requireStructure(payload, -1);
        validator.requireSize(text, -1);
        engine.schema().requireNotNewer();
        QueueRecord q = engine.requireQueue(queue);
        Instant next = times.nextAfter(engine.now()).orElseThrow();
        ScheduleRecord stored = engine.store().schedules().upsert(new NewSchedule(name, q.id(), cron.trim(), zone.getId(),
                text, PayloadCodec.writeHeaders(options.headers()), options.catchUpTicks()), next, engine.at());
        LOG.info("Schedule '{}' upserted: '{}' in {} on queue '{}', next tick {}", name, stored.cron(), zone.getId(),
                queue, stored.nextRunAt());
        return stored;
    }

    /**
     * Reads a zone id as an {@code upsert} wants it, with an error that names the field: for zones that come from
     * configuration or a command line.
     *
     * @param zoneId a region id such as {@code Europe/Paris}, {@code UTC}, or an offset such as {@code +02:00}
     * @return the zone
     * @throws PgqrsException {@code VALIDATION_FAILED} with {@link PgqrsException#field()} {@code zone} when it is
     *         empty or unknown
     */
    public static ZoneId zone(String zoneId) {
        return CronTimes.zone(zoneId);
    }

    /**
     * @param name a schedule name
     * @return the schedule, if it exists
     */
    public Optional<ScheduleRecord> get(String name) {
        return engine.store().schedules().get(name);
    }

    /** @return every schedule, by name */
    public List<ScheduleRecord> list() {
        return engine.store().schedules().list();
    }

    /**
     * Deletes a schedule; the messages it enqueued stay.
     *
     * @param name a schedule name
     * @return true when it existed
     */
    public boolean delete(String name) {
        boolean deleted = engine.store().schedules().delete(name);
        if (deleted) {
            LOG.info("Schedule '{}' deleted", name);
        }
        return deleted;
    }

    /**
     * Pauses a schedule: it fires nothing until resumed. Pausing a paused schedule changes nothing.
     *
     * @param name a schedule name
     * @return the schedule as stored
     * @throws PgqrsException {@code NOT_FOUND} when there is no such schedule
     */
    public ScheduleRecord pause(String name) {
        ScheduleRecord paused = engine.store().schedules().pause(name, engine.at())
                .orElseThrow(() -> PgqrsException.scheduleNotFound(name));
        LOG.info("Schedule '{}' paused", name);
        return paused;
    }

    /**
     * Resumes a paused schedule from the first tick after now; the ticks of the pause are not fired. Resuming a
     * schedule that is not paused changes nothing.
     *
     * @param name a schedule name
     * @return the schedule as stored
     * @throws PgqrsException {@code NOT_FOUND} when there is no such schedule
     */
    public ScheduleRecord resume(String name) {
        ScheduleRecord current = get(name).orElseThrow(() -> PgqrsException.scheduleNotFound(name));
        Instant next = CronTimes.parse(current.cron(), current.zone()).nextAfter(engine.now()).orElseThrow();
        ScheduleRecord resumed = engine.store().schedules().resume(name, next, engine.at())
                .orElseThrow(() -> PgqrsException.scheduleNotFound(name));
        LOG.info("Schedule '{}' resumed, next tick {}", name, resumed.nextRunAt());
        return resumed;
    }

    /**
     * Fires every due schedule once: each schedule whose next tick has passed (and is not paused) enqueues the
     * message(s) of its missed-ticks policy and moves on to its first tick after now. A tick another process fired
     * first is not fired again. Safe to call from any number of threads and processes at once.
     *
     * @return the messages enqueued by this call, by schedule; empty when nothing was due
     * @throws PgqrsException {@code QUERY_FAILED} or {@code CONNECTION_FAILED} when the store fails (a schedule whose
     *         transaction failed is fired by a later call)
     */
    public List<ScheduleFiring> runDue() {
        return firer.runDue();
    }

    /**
     * Starts a runner that fires due schedules every {@link #DEFAULT_CHECK_INTERVAL}.
     *
     * @return the runner; close it to stop
     */
    public ScheduleRunner start() {
        return start(DEFAULT_CHECK_INTERVAL);
    }

    /**
     * Starts a daemon thread that calls {@link #runDue()} now and then every {@code checkInterval} until closed. A
     * round that fails is logged and retried at the next one.
     *
     * @param checkInterval the pause between two rounds, at least 10 ms: how late after its tick a message may be
     *        enqueued at most (besides the round's own time)
     * @return the runner; close it to stop
     * @throws PgqrsException {@code VALIDATION_FAILED} (field {@code checkInterval}) for an interval under 10 ms
     */
    public ScheduleRunner start(Duration checkInterval) {
        Objects.requireNonNull(checkInterval, "checkInterval");
        if (checkInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw PgqrsException.invalidField("checkInterval", "check for due schedules at most every 10 ms, got "
                    + checkInterval);
        }
        return ScheduleThread.start(firer, checkInterval, "pgqrs-schedules");
    }
}
