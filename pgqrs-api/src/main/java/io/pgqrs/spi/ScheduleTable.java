package io.pgqrs.spi;

import io.pgqrs.ScheduleRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage steps on {@code pgqrs_schedules}, the recurring schedules; each method is one atomic step. A schedule is
 * known by its unique {@code name}. "Now" for {@code created_at} and {@code updated_at} is {@code at} or, when it is
 * null, the store's clock; the tick times ({@code next_run_at}, {@code last_run_at}) are always given by the library,
 * which computes them from the cron expression, and must be stored and compared exactly as given: the library
 * compares a {@code next_run_at} it read with one it passes back ({@link #advance}), so the store must return the
 * same instant it was given (ticks are whole minutes).
 *
 * <p>The columns: {@code name}, {@code queue_id}, {@code cron}, {@code zone}, {@code payload} (JSON), {@code headers}
 * (JSON object of strings, or null), {@code catch_up_ticks}, {@code paused}, {@code next_run_at},
 * {@code last_run_at} (null until the first firing), {@code created_at}, {@code updated_at}.
 *
 * <p>Exactly one enqueue per tick, across processes, rests on {@link #advance}: the library calls it inside
 * {@link Store#inTransaction} together with the insert of the tick's messages, and enqueues only when it returned
 * true; so {@link #advance} must change the row only when its {@code next_run_at} still equals the value the caller
 * read, decided by the database at the write (a compare-and-set), never by a read before it.
 */
public interface ScheduleTable {

    /**
     * Creates the schedule, or replaces the definition of the one of that name. A new schedule is not paused, has
     * {@code next_run_at = nextRunAt} and no {@code last_run_at}. An existing one takes every field of
     * {@code schedule}, keeps its {@code paused}, {@code last_run_at} and {@code created_at}, and keeps its
     * {@code next_run_at} when neither {@code cron} nor {@code zone} changed (so that a process upserting its
     * schedules at every start neither loses nor repeats a tick), else takes {@code nextRunAt}. Racing upserts of one
     * name leave one row, with one of the definitions.
     *
     * @param schedule the definition
     * @param nextRunAt the first tick after now, for a new schedule or a changed expression or zone
     * @param at the time, or null
     * @return the row after the change
     */
    ScheduleRecord upsert(NewSchedule schedule, Instant nextRunAt, Instant at);

    /**
     * Reads one schedule.
     *
     * @param name a schedule name
     * @return the schedule, if it exists
     */
    Optional<ScheduleRecord> get(String name);

    /** @return every schedule, by name */
    List<ScheduleRecord> list();

    /**
     * Lists the schedules that have a tick to fire: not paused and {@code next_run_at <= now}.
     *
     * @param now the instant to compare with (not the store clock: tick times are the library's)
     * @param limit at most this many
     * @return those schedules, earliest {@code next_run_at} first, ties by name
     */
    List<ScheduleRecord> listDue(Instant now, int limit);

    /**
     * Moves a schedule on past the ticks it fires, as a compare-and-set: sets {@code next_run_at = nextRunAt},
     * {@code last_run_at = lastRunAt} and {@code updated_at = now} only when the row exists, is not paused and its
     * {@code next_run_at} equals {@code expectedNextRunAt}. Of any number of concurrent calls with the same expected
     * value, at most one returns true.
     *
     * @param name the schedule
     * @param expectedNextRunAt the {@code next_run_at} the caller read
     * @param nextRunAt the next tick after the ones fired
     * @param lastRunAt the latest tick fired
     * @param at the time, or null
     * @return true when this call changed the row
     */
    boolean advance(String name, Instant expectedNextRunAt, Instant nextRunAt, Instant lastRunAt, Instant at);

    /**
     * Pauses a schedule: {@code paused} set, nothing else changed but {@code updated_at} (when it was not paused).
     *
     * @param name the schedule
     * @param at the time, or null
     * @return the row after the change, or empty when it does not exist
     */
    Optional<ScheduleRecord> pause(String name, Instant at);

    /**
     * Resumes a paused schedule: {@code paused} cleared and {@code next_run_at = nextRunAt}, so that the ticks of the
     * pause are not fired. A schedule that is not paused is left as it is.
     *
     * @param name the schedule
     * @param nextRunAt the first tick after now
     * @param at the time, or null
     * @return the row after the change (or unchanged), or empty when it does not exist
     */
    Optional<ScheduleRecord> resume(String name, Instant nextRunAt, Instant at);

    /**
     * Deletes a schedule; the messages it enqueued stay.
     *
     * @param name the schedule
     * @return true when it existed
     */
    boolean delete(String name);

    /**
     * Counts the schedules that enqueue on a queue; a queue they target may not be deleted.
     *
     * @param queueId a queue
     * @return how many schedules name it
     */
    long countByQueue(long queueId);
}
