package io.pgqrs.jdbi.internal;

import io.pgqrs.ScheduleRecord;
import io.pgqrs.spi.NewSchedule;
import io.pgqrs.spi.ScheduleTable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The schedule port over its SQL object: one method, one labelled statement or one transaction. */
public final class JdbiSchedulePorts {
    private JdbiSchedulePorts() {
    }

    /** @param runner the statement runner @return the schedule port */
    public static ScheduleTable schedules(StatementRunner runner) {
        return new ScheduleTable() {
            @Override
            public ScheduleRecord upsert(NewSchedule s, Instant nextRunAt, Instant at) {
                // Update first; a name no row holds is inserted, and an insert that lost a race updates the winner's row.
                return runner.atomically("UPSERT_SCHEDULE", h -> {
                    ScheduleDao d = h.attach(ScheduleDao.class);
                    if (update(d, s, nextRunAt, at) == 0
                            && d.insertSchedule(s.name(), s.queueId(), s.cron(), s.zone(), s.payload(), s.headers(),
                                    s.catchUpTicks(), nextRunAt, at) == 0) {
                        update(d, s, nextRunAt, at);
                    }
                    return d.getSchedule(s.name()).orElseThrow();
                });
            }

            private int update(ScheduleDao d, NewSchedule s, Instant nextRunAt, Instant at) {
                return d.updateSchedule(s.name(), s.queueId(), s.cron(), s.zone(), s.payload(), s.headers(),
                        s.catchUpTicks(), nextRunAt, at);
            }

            @Override
            public Optional<ScheduleRecord> get(String name) {
                return runner.read("GET_SCHEDULE", ScheduleDao.class, d -> d.getSchedule(name));
            }

            @Override
            public List<ScheduleRecord> list() {
                return runner.read("LIST_SCHEDULES", ScheduleDao.class, ScheduleDao::listSchedules);
            }

            @Override
            public List<ScheduleRecord> listDue(Instant now, int limit) {
                return runner.read("LIST_DUE_SCHEDULES", ScheduleDao.class, d -> d.listDueSchedules(now, limit));
            }

            @Override
            public boolean advance(String name, Instant expectedNextRunAt, Instant nextRunAt, Instant lastRunAt, Instant at) {
                return runner.write("ADVANCE_SCHEDULE", ScheduleDao.class,
                        d -> d.advanceSchedule(name, expectedNextRunAt, nextRunAt, lastRunAt, at)) > 0;
            }

            @Override
            public Optional<ScheduleRecord> pause(String name, Instant at) {
                return runner.atomically("PAUSE_SCHEDULE", h -> {
                    ScheduleDao d = h.attach(ScheduleDao.class);
                    d.pauseSchedule(name, at);
                    return d.getSchedule(name);
                });
            }

            @Override
            public Optional<ScheduleRecord> resume(String name, Instant nextRunAt, Instant at) {
                return runner.atomically("RESUME_SCHEDULE", h -> {
                    ScheduleDao d = h.attach(ScheduleDao.class);
                    d.resumeSchedule(name, nextRunAt, at);
                    return d.getSchedule(name);
                });
            }

            @Override
            public boolean delete(String name) {
                return runner.write("DELETE_SCHEDULE", ScheduleDao.class, d -> d.deleteSchedule(name)) > 0;
            }

            @Override
            public long countByQueue(long queueId) {
                return runner.read("COUNT_QUEUE_SCHEDULES", ScheduleDao.class, d -> d.countQueueSchedules(queueId));
            }
        };
    }
}
