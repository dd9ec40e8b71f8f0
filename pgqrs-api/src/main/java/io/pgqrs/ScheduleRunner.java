package io.pgqrs;

import java.util.Optional;

/**
 * A thread of this process that fires due schedules ({@link Schedules#runDue()}) until closed, started by
 * {@link Schedules#start} or with a worker ({@link QueueWorkerBuilder#runSchedules}). Any number of processes may run
 * one against the same store: each tick is still enqueued once.
 */
public interface ScheduleRunner extends AutoCloseable {

    /** @return true until closed */
    boolean isRunning();

    /** @return how many messages this runner enqueued so far */
    long fired();

    /** @return the last error a round failed with (the runner logs it and tries again next round), if any */
    Optional<Throwable> lastFailure();

    /** Stops the thread and waits for a round in progress to end (its transaction commits or rolls back). Idempotent. */
    @Override
    void close();
}
