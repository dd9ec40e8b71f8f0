package io.pgqrs;

import java.time.Instant;

/**
 * One message a schedule enqueued for one tick, as {@link Schedules#runDue()} reports it.
 *
 * @param schedule the schedule's name
 * @param tick the tick the message stands for
 * @param message the enqueued message (its headers carry {@value Schedules#SCHEDULE_HEADER} and
 *        {@value Schedules#TICK_HEADER})
 */
public record ScheduleFiring(String schedule, Instant tick, Message message) {
}
