package io.pgqrs.internal.runtime;

import io.pgqrs.internal.consumer.DefaultConsumer;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper thread of a queue worker: writes the worker's heartbeat, extends the lease of messages whose handlers
 * run past half of it, and stops handlers that run past the handler timeout.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final DefaultConsumer consumer;
    private final RuntimeSettings settings;
    private final RuntimeCounters counters;
    private final Settlement settlement;
    private final Collection<Delivery> inFlight;
    private final ScheduledExecutorService timer;

    LeaseKeeper(DefaultConsumer consumer, RuntimeSettings settings, RuntimeCounters counters, Settlement settlement,
                Collection<Delivery> inFlight, Duration heartbeatInterval) {
        this.consumer = consumer;
        this.settings = settings;
        this.counters = counters;
        this.settlement = settlement;
        this.inFlight = inFlight;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pgqrs-" + settings.queue() + "-keeper");
            t.setDaemon(true);
            return t;
        });
        long tick = tickMillis(settings);
        timer.scheduleWithFixedDelay(this::keepLeases, tick, tick, TimeUnit.MILLISECONDS);
        long beat = heartbeatInterval.toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** A quarter of the lease, or a tenth of the handler timeout when that is shorter, and at least 50 ms. */
    static long tickMillis(RuntimeSettings settings) {
        long tick = settings.lease().toMillis() / 4;
        if (settings.handlerTimeout() != null) {
            tick = Math.min(tick, settings.handlerTimeout().toMillis() / 10);
        }
        return Math.max(tick, 50);
    }

    private void keepLeases() {
        try {
            long now = System.nanoTime();
            long half = settings.lease().toNanos() / 2;
            for (Delivery d : inFlight) {
                if (timedOut(d, now) && d.claimSettlement()) {
                    stop(d);
                } else if (d.holdsLease() && d.leaseEndNanos() - now < half) {
                    extend(d);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Keeping the leases of worker {} failed; trying again in {} ms", consumer.id(), tickMillis(settings), e);
        }
    }

    private boolean timedOut(Delivery d, long now) {
        long started = d.startedNanos();
        return settings.handlerTimeout() != null && started != 0 && now - started > settings.handlerTimeout().toNanos();
    }

    private void stop(Delivery d) {
        counters.timedOut.increment();
        LOG.warn("Handler of message(s) {} of queue '{}' ran past its timeout of {}; interrupting it and counting a "
                + "failed attempt", d.ids(), settings.queue(), settings.handlerTimeout());
        d.interrupt();
        settlement.failed(d, "Handler timed out after " + settings.handlerTimeout());
    }

    private void extend(Delivery d) {
        for (long id : d.ids()) {
            if (consumer.extend(id, settings.lease())) {
                counters.leaseExtensions.increment();
            } else if (d.holdsLease()) {
                settlement.leaseLost(id, "its lease was to be extended");
            }
        }
        d.leaseExtended(settings.lease());
    }

    private void heartbeat() {
        try {
            consumer.heartbeat();
        } catch (RuntimeException e) {
            LOG.warn("Heartbeat of worker {} failed; trying again at the next interval", consumer.id(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
