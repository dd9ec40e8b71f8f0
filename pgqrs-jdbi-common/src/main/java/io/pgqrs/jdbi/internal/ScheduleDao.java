package io.pgqrs.jdbi.internal;

import io.pgqrs.ScheduleRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Statements on {@code pgqrs_schedules}. Dialect attributes: {@code <insertIgnore>}, {@code <onConflictIgnore>},
 * {@code <now>} (binds {@code :at}), {@code <json>}. {@code paused} is 0 or 1. In the SET lists, a column is assigned
 * after every expression that reads its old value, since MariaDB evaluates assignments left to right on the new row.
 */
public interface ScheduleDao {
    String COLUMNS = "id, name, queue_id, cron, zone, payload, headers, catch_up_ticks, paused, next_run_at, last_run_at, "
            + "created_at, updated_at";

    @SqlUpdate("UPDATE pgqrs_schedules SET queue_id = :queueId, payload = CAST(:payload AS <json>), "
            + "headers = CAST(:headers AS <json>), catch_up_ticks = :catchUpTicks, "
            + "next_run_at = CASE WHEN cron = :cron AND zone = :zone THEN next_run_at ELSE :nextRunAt END, "
            + "cron = :cron, zone = :zone, updated_at = <now> WHERE name = :name")
    int updateSchedule(String name, long queueId, String cron, String zone, String payload, String headers,
                       int catchUpTicks, Instant nextRunAt, Instant at);

    @SqlUpdate("<insertIgnore> INTO pgqrs_schedules (name, queue_id, cron, zone, payload, headers, catch_up_ticks, paused, "
            + "next_run_at, created_at, updated_at) VALUES (:name, :queueId, :cron, :zone, CAST(:payload AS <json>), "
            + "CAST(:headers AS <json>), :catchUpTicks, 0, :nextRunAt, <now>, <now>) <onConflictIgnore>")
    int insertSchedule(String name, long queueId, String cron, String zone, String payload, String headers,
                       int catchUpTicks, Instant nextRunAt, Instant at);

    @SqlQuery("SELECT " + COLUMNS + " FROM pgqrs_schedules WHERE name = :name")
    Optional<ScheduleRecord> getSchedule(String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM pgqrs_schedules ORDER BY name")
    List<ScheduleRecord> listSchedules();

    @SqlQuery("SELECT " + COLUMNS + " FROM pgqrs_schedules WHERE paused = 0 AND next_run_at <= :now "
            + "ORDER BY next_run_at, name LIMIT :limit")
    List<ScheduleRecord> listDueSchedules(Instant now, int limit);

    @SqlUpdate("UPDATE pgqrs_schedules SET last_run_at = :lastRunAt, updated_at = <now>, next_run_at = :nextRunAt "
            + "WHERE name = :name AND paused = 0 AND next_run_at = :expectedNextRunAt")
    int advanceSchedule(String name, Instant expectedNextRunAt, Instant nextRunAt, Instant lastRunAt, Instant at);

    @SqlUpdate("UPDATE pgqrs_schedules SET updated_at = CASE WHEN paused = 0 THEN <now> ELSE updated_at END, paused = 1 "
            + "WHERE name = :name")
    int pauseSchedule(String name, Instant at);

    @SqlUpdate("UPDATE pgqrs_schedules SET next_run_at = CASE WHEN paused = 1 THEN :nextRunAt ELSE next_run_at END, "
            + "updated_at = CASE WHEN paused = 1 THEN <now> ELSE updated_at END, paused = 0 WHERE name = :name")
    int resumeSchedule(String name, Instant nextRunAt, Instant at);

    @SqlUpdate("DELETE FROM pgqrs_schedules WHERE name = :name")
    int deleteSchedule(String name);

    @SqlQuery("SELECT COUNT(*) FROM pgqrs_schedules WHERE queue_id = :queueId")
    long countQueueSchedules(long queueId);
}
