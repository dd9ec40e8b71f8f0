package io.pgqrs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A recurring schedule: one row of {@code pgqrs_schedules}. Immutable snapshot of the row as it was when read.
 *
 * @param name unique name, e.g. {@code nightly-report}
 * @param queueId the queue its messages go to
 * @param cron the UNIX cron expression (five fields: minute, hour, day of month, month, day of week)
 * @param zone the time zone the expression is read in
 * @param payload the payload of every message it enqueues
 * @param headers the headers of every message it enqueues, besides the {@code pgqrs-schedule} ones; empty for none
 * @param catchUpTicks how many missed ticks one firing enqueues at most: 1 fires only the latest due tick and skips
 *        the earlier ones ({@link ScheduleOptions#skipMissedTicks()}), more catches up on that many
 * @param paused true while paused: it fires nothing, and resuming starts again from the next tick after the resume
 * @param nextRunAt the next tick it fires for
 * @param lastRunAt the latest tick it fired for, or null if it never fired
 * @param createdAt when it was first upserted
 * @param updatedAt when it was last changed (upserted, paused, resumed or fired)
 */
public record ScheduleRecord(String name, long queueId, String cron, ZoneId zone, JsonNode payload,
                             Map<String, String> headers, int catchUpTicks, boolean paused, Instant nextRunAt,
                             Instant lastRunAt, Instant createdAt, Instant updatedAt) {

    /**
     * Creates a snapshot of a schedule row; stores call it when they read one.
     *
     * @param name unique name; not null
     * @param queueId the queue its messages go to
     * @param cron the cron expression; not null
     * @param zone the time zone; not null
     * @param payload the payload; not null
     * @param headers the headers; null is taken as none. The record keeps an unmodifiable copy
     * @param catchUpTicks how many missed ticks one firing enqueues at most, at least 1
     * @param paused true while paused
     * @param nextRunAt the next tick; not null
     * @param lastRunAt the latest tick fired, or null
     * @param createdAt when it was created; not null
     * @param updatedAt when it was last changed; not null
     * @throws NullPointerException when a value that must be set is null
     */
    public ScheduleRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(nextRunAt, "nextRunAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
