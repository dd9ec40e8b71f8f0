package io.pgqrs.internal.schedule;

import io.pgqrs.Message;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueRecord;
import io.pgqrs.ScheduleFiring;
import io.pgqrs.ScheduleRecord;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.worker.EphemeralWorkers;
import io.pgqrs.spi.NewMessage;
import io.pgqrs.spi.PayloadCodec;
import io.pgqrs.spi.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due schedules: for each, one store transaction that moves {@code next_run_at} on by compare-and-set and
 * enqueues the tick's messages, so that one process enqueues each tick, whatever the number of processes.
 */
public final class ScheduleFirer {
    /** The header naming the schedule that enqueued a message. */
    public static final String SCHEDULE_HEADER = "pgqrs-schedule";
    /** The header holding the tick a message stands for, as an ISO-8601 instant. */
    public static final String TICK_HEADER = "pgqrs-schedule-tick";
    /** How long a tick's idempotency key stays taken after its message is archived. */
    static final Duration KEY_WINDOW = Duration.ofDays(1);
    /** Due schedules read per round. */
    private static final int DUE_PER_READ = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleFirer.class);

    private final Engine engine;
    private final Store store;

    /** @param engine the connection */
    public ScheduleFirer(Engine engine) {
        this.engine = engine;
        this.store = engine.store();
    }

    /**
     * Fires every schedule due at the connection's "now" once.
     *
     * @return the messages enqueued, by schedule, ticks oldest first
     */
    public List<ScheduleFiring> runDue() {
        engine.schema().requireNotNewer();
        Instant now = engine.now();
        List<ScheduleFiring> fired = new ArrayList<>();
        List<ScheduleRecord> due = store.schedules().listDue(now, DUE_PER_READ);
        for (ScheduleRecord schedule : due) {
            fired.addAll(fire(schedule, now));
        }
        return fired;
    }

    /**
     * @param schedule a name
     * @param tick a tick
     * @return the idempotency key of that schedule's message for that tick
     */
    public static String idempotencyKey(String schedule, Instant tick) {
        return "pgqrs-schedule:" + schedule + "@" + tick;
    }

    private List<ScheduleFiring> fire(ScheduleRecord schedule, Instant now) {
        CronTimes cron;
        try {
            cron = CronTimes.parse(schedule.cron(), schedule.zone());
        } catch (PgqrsException e) {
            LOG.error("Schedule '{}' cannot fire: {}; upsert it with a valid expression", schedule.name(), e.getMessage());
            return List.of();
        }
        Optional<QueueRecord> queue = store.queues().findById(schedule.queueId());
        if (queue.isEmpty()) {
            LOG.error("Schedule '{}' cannot fire: its queue (id {}) no longer exists; upsert it with another queue or "
                    + "delete it", schedule.name(), schedule.queueId());
            return List.of();
        }
        List<Instant> ticks = cron.dueTicks(schedule.nextRunAt(), now, schedule.catchUpTicks());
        Instant last = ticks.get(ticks.size() - 1);
        Instant next = cron.nextAfter(now.isBefore(last) ? last : now).orElse(null);
        if (next == null) {
            LOG.error("Schedule '{}' has no tick after {}: it stays due; upsert it with another expression", schedule.name(), now);
            return List.of();
        }
        long producerId = EphemeralWorkers.producer(engine, queue.get()).id();
        List<NewMessage> rows = rows(schedule, ticks);
        long started = System.nanoTime();
        List<Message> messages = store.inTransaction(() -> {
            if (!store.schedules().advance(schedule.name(), schedule.nextRunAt(), next, last, engine.at())) {
                return List.<Message>of();
            }
            return store.messages().insert(queue.get().id(), producerId, rows, 0, engine.at());
        });
        if (messages.isEmpty()) {
            LOG.debug("Schedule '{}' tick {} was fired by another process", schedule.name(), schedule.nextRunAt());
            return List.of();
        }
        if (!ticks.get(0).equals(schedule.nextRunAt())) {
            LOG.info("Schedule '{}' skipped the missed ticks from {} to before {} (it catches up on at most {})",
                    schedule.name(), schedule.nextRunAt(), ticks.get(0), schedule.catchUpTicks());
        }
        List<Message> stored = messages.stream().filter(m -> !m.duplicate()).toList();
        if (!stored.isEmpty()) {
            engine.signals().fire(queue.get().id());
            engine.observers().enqueued(queue.get().name(), stored, Duration.ofNanos(System.nanoTime() - started));
        }
        List<ScheduleFiring> fired = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).duplicate()) {
                fired.add(new ScheduleFiring(schedule.name(), ticks.get(i), messages.get(i)));
            }
        }
        LOG.debug("Schedule '{}' enqueued {} message(s) on '{}'", schedule.name(), fired.size(), queue.get().name());
        return fired;
    }

    private static List<NewMessage> rows(ScheduleRecord schedule, List<Instant> ticks) {
        String payload = PayloadCodec.write(schedule.payload());
        List<NewMessage> rows = new ArrayList<>(ticks.size());
        for (Instant tick : ticks) {
            Map<String, String> headers = new LinkedHashMap<>(schedule.headers());
            headers.put(SCHEDULE_HEADER, schedule.name());
            headers.put(TICK_HEADER, tick.toString());
            rows.add(new NewMessage(payload, PayloadCodec.writeHeaders(headers), idempotencyKey(schedule.name(), tick),
                    KEY_WINDOW.toSeconds()));
        }
        return rows;
    }
}
