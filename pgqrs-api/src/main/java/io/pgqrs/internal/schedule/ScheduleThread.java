package io.pgqrs.internal.schedule;

import io.pgqrs.ScheduleRunner;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A daemon thread that fires due schedules every check interval until closed. */
public final class ScheduleThread implements ScheduleRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleThread.class);

    private final ScheduleFirer firer;
    private final Duration interval;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopping = lock.newCondition();
    private final AtomicLong fired = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean running = true;
    private volatile Throwable lastFailure;

    private ScheduleThread(ScheduleFirer firer, Duration interval, String name) {
        this.firer = firer;
        this.interval = interval;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    /**
     * @param firer what fires the schedules
     * @param interval the pause between two rounds
     * @param name the thread's name
     * @return the started runner
     */
    public static ScheduleThread start(ScheduleFirer firer, Duration interval, String name) {
        ScheduleThread runner = new ScheduleThread(firer, interval, name);
        runner.thread.start();
        LOG.info("Schedule runner started (checks every {})", interval);
        return runner;
    }

    private void loop() {
        while (running) {
            try {
                fired.addAndGet(firer.runDue().size());
            } catch (RuntimeException e) {
                lastFailure = e;
                LOG.warn("Firing due schedules failed, trying again in {}: {}", interval, e.getMessage());
                LOG.debug("Firing due schedules failed", e);
            }
            lock.lock();
            try {
                if (running) {
                    stopping.await(interval.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                running = false;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    @Override
    public long fired() {
        return fired.get();
    }

    @Override
    public Optional<Throwable> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lock.lock();
        try {
            running = false;
            stopping.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("Schedule runner stopped ({} messages fired)", fired.get());
    }
}
