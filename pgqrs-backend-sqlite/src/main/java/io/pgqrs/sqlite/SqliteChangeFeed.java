package io.pgqrs.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the poll loops of a file store that messages were enqueued by any connection on the file, of this process or
 * another, so that they need not wait out their poll interval. SQLite has no notifications; instead one connection
 * of its own, outside the pool, reads {@code PRAGMA data_version}, a number that changes when another connection
 * commits. After a change one indexed query finds the queues of messages newer than the newest seen (ids only grow),
 * and each such queue id goes to every listener.
 *
 * <p>When to read it: the thread sleeps until the operating system reports a write to one of the database's files
 * ({@link FileTouches}), then reads it every {@value #BURST_CHECK_MILLIS} ms for {@value #BURST_MILLIS} ms (a commit
 * becomes visible a moment after its last write), and in any case every {@value #IDLE_CHECK_MILLIS} ms. Without
 * native file notifications it reads it every {@value #FALLBACK_CHECK_MILLIS} ms.
 *
 * <p>The connection and its thread exist only while someone is subscribed: a store whose poll loops never waited
 * does no work. Subscribing reads the newest message id before it returns, so no enqueue committed after that is
 * missed. When the connection fails, poll loops fall back to their poll interval until it is reopened.
 */
final class SqliteChangeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteChangeFeed.class);
    static final int BURST_CHECK_MILLIS = 2;
    static final int BURST_MILLIS = 30;
    static final int IDLE_CHECK_MILLIS = 250;
    static final int FALLBACK_CHECK_MILLIS = 10;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final String NEW_MESSAGES =
            "SELECT queue_id, MAX(id) FROM pgqrs_messages WHERE id > ? GROUP BY queue_id";

    private final DataSource source;
    private final Path file;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private Watcher watcher;

    /**
     * @param source opens plain connections to the file (not the pool)
     * @param file the database file
     */
    SqliteChangeFeed(DataSource source, Path file) {
        this.source = source;
        this.file = file;
    }

    /**
     * @param listener called on the feed's thread with the id of each queue that has new messages; must not block
     * @return stops this listener; the last one stops the watching
     */
    synchronized AutoCloseable subscribe(LongConsumer listener) {
        listeners.add(listener);
        if (watcher == null) {
            watcher = new Watcher();
        }
        return () -> unsubscribe(listener);
    }

    private synchronized void unsubscribe(LongConsumer listener) {
        listeners.remove(listener);
        if (listeners.isEmpty() && watcher != null) {
            watcher.stop();
            watcher = null;
        }
    }

    /** One thread and one connection, from the first subscription to the last unsubscription. */
    private final class Watcher {
        private final Thread thread;
        private final FileTouches touches = FileTouches.of(file);
        private volatile boolean running = true;
        private Connection connection;
        private PreparedStatement dataVersion;
        private long version;
        private long newestId;

        Watcher() {
            try {
                open(id -> { });
            } catch (SQLException e) {
                LOG.warn("Cannot watch {} for new messages ({}); poll loops use their poll interval", file,
                        e.getMessage());
                close();
            }
            thread = new Thread(this::run, "pgqrs-sqlite-watch " + file);
            thread.setDaemon(true);
            thread.start();
        }

        /** @param missed told about the queues of messages that came while the connection was closed */
        private void open(LongConsumer missed) throws SQLException {
            connection = source.getConnection();
            dataVersion = connection.prepareStatement("PRAGMA data_version");
            version = dataVersion();
            newestId = newMessages(newestId, missed);
        }

        private void run() {
            long backoff = 100;
            long burstUntil = 0;
            while (running) {
                try {
                    if (touches.await(waitNanos(burstUntil))) {
                        burstUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BURST_MILLIS);
                    }
                } catch (InterruptedException e) {
                    break;
                }
                try {
                    if (connection == null) {
                        open(this::deliver);
                        backoff = 100;
                    }
                    check();
                } catch (SQLException e) {
                    if (!running) {
                        break;
                    }
                    LOG.warn("Watching {} for new messages failed ({}); poll loops use their poll interval until it "
                            + "is reopened in {} ms", file, e.getMessage(), backoff);
                    close();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            }
            close();
        }

        private long waitNanos(long burstUntil) {
            if (System.nanoTime() < burstUntil) {
                return TimeUnit.MILLISECONDS.toNanos(BURST_CHECK_MILLIS);
            }
            return TimeUnit.MILLISECONDS.toNanos(touches.notified() ? IDLE_CHECK_MILLIS : FALLBACK_CHECK_MILLIS);
        }

        private void check() throws SQLException {
            long now = dataVersion();
            if (now == version) {
                return;
            }
            version = now;
            newestId = newMessages(newestId, this::deliver);
        }

        private long dataVersion() throws SQLException {
            try (ResultSet r = dataVersion.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }

        /** @return the newest message id now; before install there are no messages and it stays {@code after} */
        private long newMessages(long after, LongConsumer queue) throws SQLException {
            long newest = after;
            try (PreparedStatement s = connection.prepareStatement(NEW_MESSAGES)) {
                s.setLong(1, after);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        queue.accept(r.getLong(1));
                        newest = Math.max(newest, r.getLong(2));
                    }
                }
            } catch (SQLException e) {
                if (e.getMessage() == null || !e.getMessage().contains("no such table")) {
                    throw e;
                }
            }
            return newest;
        }

        private void deliver(long queueId) {
            for (LongConsumer l : listeners) {
                l.accept(queueId);
            }
        }

        private void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.debug("Closing the watch connection of {} failed: {}", file, e.getMessage());
                }
                connection = null;
            }
        }

        void stop() {
            running = false;
            touches.close();
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
