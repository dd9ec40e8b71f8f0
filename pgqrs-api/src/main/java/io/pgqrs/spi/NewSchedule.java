package io.pgqrs.spi;

import java.util.Objects;

/**
 * A schedule's definition as {@link ScheduleTable#upsert} receives it: texts the library already validated (the
 * cron expression parses, the zone exists, the queue exists, the payload passed the payload rules), kept by the store
 * as they are.
 *
 * @param name the unique name, 1 to 255 bytes in UTF-8
 * @param queueId the queue its messages go to
 * @param cron the cron expression, as given
 * @param zone the zone id, e.g. {@code Europe/Paris} or {@code UTC}
 * @param payload the payload of its messages, compact JSON
 * @param headers the headers of its messages as a compact JSON object of strings, or null for none
 * @param catchUpTicks how many missed ticks one firing enqueues at most, at least 1
 */
public record NewSchedule(String name, long queueId, String cron, String zone, String payload, String headers,
                          int catchUpTicks) {

    /**
     * Creates a definition.
     *
     * @param name the unique name; not null
     * @param queueId the queue
     * @param cron the cron expression; not null
     * @param zone the zone id; not null
     * @param payload the payload JSON; not null
     * @param headers the headers JSON, or null
     * @param catchUpTicks at least 1
     * @throws NullPointerException when a text that must be set is null
     */
    public NewSchedule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(payload, "payload");
    }
}
