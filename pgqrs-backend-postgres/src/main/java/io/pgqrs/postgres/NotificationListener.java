package io.pgqrs.postgres;

import io.pgqrs.StoreObserver;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one connection outside the pool that {@code LISTEN}s on the schema's channel and hands each
 * notified queue id to the poll loops. When the connection breaks it reconnects with back-off; until
 * then poll loops fall back to their poll interval, so a lost notification only delays a message. Each time it
 * listens again after a failure it tells the store observers ({@link StoreObserver#listenerReconnected}).
 */
final class NotificationListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final DataSource dataSource;
    private final String channel;
    private final LongConsumer listener;
    private final StoreObserver observer;
    private final Thread thread;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Connection current;

    /**
     * @param dataSource connections outside the pool, for the LISTEN session
     * @param channel the schema's channel
     * @param listener told each notified queue id
     * @param observer told when LISTEN is active again after the connection failed
     */
    NotificationListener(DataSource dataSource, String channel, LongConsumer listener, StoreObserver observer) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.listener = listener;
        this.observer = observer;
        this.thread = new Thread(this::run, "pgqrs-listen-" + channel);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        long backoff = 100;
        long failedAt = 0;
        boolean failed = false;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                current = c;
                if (!running) {
                    return;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN \"" + channel + "\"");
                }
                LOG.debug("Listening on channel {}", channel);
                listening.countDown();
                backoff = 100;
                if (failed) {
                    failed = false;
                    Duration down = Duration.ofNanos(System.nanoTime() - failedAt);
                    LOG.info("LISTEN on channel {} is active again after {} ms", channel, down.toMillis());
                    observer.listenerReconnected(down);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(WAIT_MILLIS);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                if (!failed) {
                    failed = true;
                    failedAt = System.nanoTime();
                }
                LOG.warn("LISTEN connection on channel {} failed ({}); poll loops use their poll interval until it "
                        + "reconnects in {} ms", channel, e.getMessage(), backoff);
                if (!pause(backoff)) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /**
     * @param max how long to wait
     * @return whether LISTEN is active, so every later enqueue will be notified
     */
    boolean awaitListening(Duration max) {
        try {
            return listening.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void deliver(String payload) {
        try {
            listener.accept(Long.parseLong(payload));
        } catch (NumberFormatException e) {
            LOG.debug("Ignoring notification '{}' on channel {}", payload, channel);
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops listening; closing the connection ends a wait in {@code getNotifications} at once. */
    @Override
    public void close() {
        running = false;
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing the LISTEN connection on {} failed: {}", channel, e.getMessage());
            }
        }
        thread.interrupt();
        try {
            thread.join(WAIT_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
