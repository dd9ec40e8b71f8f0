package io.pgqrs.sqlite;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a process writes one of a SQLite database's files (the database, its {@code -wal} or its
 * {@code -journal}), with the operating system's file notifications (inotify on Linux), so that a watcher sleeps
 * while nobody writes instead of waking every few milliseconds. Where the JDK has no native notifications (it then
 * polls the directory every few seconds) or they cannot be set up, {@link #notified()} is false and the caller keeps
 * its own short interval.
 */
final class FileTouches implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileTouches.class);

    private final WatchService watch;
    private final Set<Path> names;

    private FileTouches(WatchService watch, Set<Path> names) {
        this.watch = watch;
        this.names = names;
    }

    /** @param database the database file @return its watcher; without notifications when they cannot be set up */
    static FileTouches of(Path database) {
        Path name = database.getFileName();
        Set<Path> names = Set.of(name, Path.of(name + "-wal"), Path.of(name + "-journal"));
        WatchService watch = null;
        try {
            watch = FileSystems.getDefault().newWatchService();
            database.toAbsolutePath().getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("No file notifications for {} ({}); checking it on an interval", database, e.toString());
            closeQuietly(watch);
            watch = null;
        }
        return new FileTouches(watch, names);
    }

    /** @return whether the operating system tells of writes as they happen */
    boolean notified() {
        return watch != null && !watch.getClass().getName().contains("Polling");
    }

    /**
     * @param nanos how long to wait at most
     * @return whether one of the database's files was written (or events were lost) meanwhile
     */
    boolean await(long nanos) throws InterruptedException {
        if (watch == null) {
            LockSupport.parkNanos(nanos);
            return false;
        }
        WatchKey key;
        try {
            key = watch.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (ClosedWatchServiceException e) {
            return false;
        }
        if (key == null) {
            return false;
        }
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || names.contains((Path) event.context());
        }
        key.reset();
        return ours;
    }

    /** Stops the notifications; a thread waiting in {@link #await} returns. */
    @Override
    public void close() {
        closeQuietly(watch);
    }

    private static void closeQuietly(WatchService watch) {
        if (watch == null) {
            return;
        }
        try {
            watch.close();
        } catch (IOException e) {
            LOG.debug("Closing a file watch failed: {}", e.getMessage());
        }
    }
}
