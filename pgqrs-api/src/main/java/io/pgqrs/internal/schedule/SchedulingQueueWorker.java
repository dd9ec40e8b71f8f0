package io.pgqrs.internal.schedule;

import io.pgqrs.QueueWorker;
import io.pgqrs.QueueWorkerStats;
import io.pgqrs.ScheduleRunner;
import java.util.Optional;

/** A queue worker started with a schedule runner, which it stops first when closed. */
public final class SchedulingQueueWorker implements QueueWorker {
    private final QueueWorker worker;
    private final ScheduleRunner runner;

    /**
     * @param worker the started worker
     * @param runner the started runner, closed with it
     */
    public SchedulingQueueWorker(QueueWorker worker, ScheduleRunner runner) {
        this.worker = worker;
        this.runner = runner;
    }

    @Override
    public long workerId() {
        return worker.workerId();
    }

    @Override
    public String queue() {
        return worker.queue();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    @Override
    public QueueWorkerStats stats() {
        return worker.stats();
    }

    @Override
    public Optional<Throwable> failure() {
        return worker.failure();
    }

    @Override
    public void close() {
        try {
            runner.close();
        } finally {
            worker.close();
        }
    }
}
