package io.pgqrs.dashboard;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every queue in the background for the pages and the throughput chart, on a daemon thread. A count that takes
 * long (a large store) spaces the samples out: the next one starts after the interval or ten times the count's
 * duration, whichever is longer, so counting never takes more than a tenth of the time. A store that does not answer
 * is logged once until it answers again.
 */
final class Sampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);
    /** A count may take at most this share of the time: the next sample waits this many times its duration. */
    private static final int DUTY = 10;

    private final Counts counts;
    private final Throughput throughput;
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pgqrs-dashboard-sampler");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch firstSample = new CountDownLatch(1);
    private boolean failing;

    /**
     * @param counts what is counted
     * @param throughput where each sample goes
     * @param interval time between samples when counting is quick
     */
    Sampler(Counts counts, Throughput throughput, Duration interval) {
        this.counts = counts;
        this.throughput = throughput;
        this.interval = interval;
    }

    /** Takes the first sample now, and the others after it. */
    void start() {
        thread.execute(this::sample);
    }

    private void sample() {
        Duration next = interval;
        try {
            Counts.Snapshot s = counts.fresh();
            throughput.record(s);
            firstSample.countDown();
            Duration spaced = s.took().multipliedBy(DUTY);
            if (spaced.compareTo(next) > 0) {
                LOG.debug("Dashboard sampler: counting took {} ms; next sample in {} ms", s.took().toMillis(), spaced.toMillis());
                next = spaced;
            }
            if (failing) {
                LOG.info("Dashboard sampler: the store answers again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Dashboard sampler: cannot read queue metrics ({}); retrying at the next sample", e.getMessage());
                failing = true;
            }
        }
        try {
            thread.schedule(this::sample, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("Dashboard sampler: stopped");
        }
    }

    /**
     * @param timeout how long to wait at most
     * @return true once a sample was taken, false when none was within the timeout (a store that does not answer)
     * @throws InterruptedException when interrupted while waiting
     */
    boolean awaitFirstSample(Duration timeout) throws InterruptedException {
        return firstSample.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sampling; a count in progress is interrupted. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
