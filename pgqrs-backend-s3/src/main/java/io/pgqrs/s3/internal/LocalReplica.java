package io.pgqrs.s3.internal;

import io.pgqrs.Config;
import io.pgqrs.DurabilityMode;
import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.s3.internal.CacheDirectory.SavedState;
import io.pgqrs.spi.Store;
import io.pgqrs.sqlite.SqliteStoreProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local copy of the object: a SQLite file in the cache directory, opened as an ordinary SQLite store (so no SQL
 * is written twice), plus the revision it descends from.
 *
 * <p>Whether the copy has unpublished writes is read from the file itself: SQLite increments the change counter in
 * the database header (bytes 24–27) on every transaction that changes the file, in the rollback-journal mode the
 * copy always uses, since the unit of transfer is the single file. The copy is dirty when the counter differs from the one saved with the revision,
 * which also holds across a restart. Not thread-safe: the store's gate serializes every call.
 *
 * <p>Files: in local mode each revision has its own file, named {@code cache_<ETag with characters outside [A-Za-z0-9._-] replaced by _>.sqlite}, and the previous one is
 * deleted
 * when the copy moves on. In durable mode the copy moves on at every commit, so it keeps one file,
 * {@code cache.sqlite}, and its SQLite store stays open across commits; the revision is in the state file.
 *
 * <p>In durable mode the copy is only a cache of the object, which holds every acknowledged write, and a copy with
 * unpublished writes is dropped at start-up: SQLite does not wait for the disk ({@code synchronous=off}). In local
 * mode the copy is the only home of unpublished writes and keeps SQLite's default.
 */
final class LocalReplica implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalReplica.class);
    private static final int CHANGE_COUNTER_OFFSET = 24;
    private static final int PAGE_COUNT_OFFSET = 28;
    private static final int FREELIST_COUNT_OFFSET = 36;
    private static final long MIN_FREE_PAGES_TO_COMPACT = 64;

    private final CacheDirectory dir;
    private final S3Location location;
    private final Config sqliteConfig;
    private final boolean fileNamedAfterRevision;
    private final AtomicLong unpublishedMessages = new AtomicLong();
    private String etag;
    private long baseline;
    private Store store;

    LocalReplica(CacheDirectory dir, S3Location location, Config config) {
        this.dir = dir;
        this.location = location;
        this.sqliteConfig = config.toBuilder().sqliteUseWal(false).build();
        this.fileNamedAfterRevision = config.s3Mode() == DurabilityMode.LOCAL;
        Optional<SavedState> saved = dir.loadState(location);
        if (saved.isEmpty()) {
            // Files left by a handle of another object (or with no state at all) are not a copy of this one.
            dir.revisionFiles().forEach(LocalReplica::deleteQuietly);
        }
        this.etag = saved.map(SavedState::etag).orElse(null);
        this.baseline = saved.map(SavedState::baseline).orElse(0L);
        deleteOtherRevisions();
    }

    /** @return the revision the copy descends from, or null when there is none */
    String etag() {
        return etag;
    }

    /** @return the current revision file */
    Path file() {
        return dir.revisionFile(fileNamedAfterRevision ? etag : null);
    }

    boolean fileExists() {
        return Files.exists(file());
    }

    /** @return the SQLite store on the current revision file, opened on first use */
    synchronized Store store() {
        if (store == null) {
            Config c = sqliteConfig.toBuilder().dsn("sqlite://" + file().toAbsolutePath() + "?mode=rwc"
                    + (sqliteConfig.s3Mode() == DurabilityMode.DURABLE ? "&synchronous=off" : "")).build();
            store = new SqliteStoreProvider().open(c);
        }
        return store;
    }

    /** @return whether the file holds writes that the revision it descends from does not */
    boolean dirty() {
        return changeCounter() != baseline;
    }

    /**
     * Adds message writes that reached the copy (committed there, not yet published).
     *
     * @param messages how many ({@link WriteTally})
     */
    void wroteMessages(long messages) {
        unpublishedMessages.addAndGet(messages);
    }

    /**
     * @return the message writes that reached the copy through this handle since it last became a revision (was
     *     published, fetched or discarded)
     */
    int unpublishedMessages() {
        return (int) Math.min(Integer.MAX_VALUE, unpublishedMessages.get());
    }

    /**
     * Reads the header with a file handle of its own. Closing a handle drops every POSIX lock this process holds on
     * the file, so this is called only while no transaction runs on it: between batches, or under the exclusive gate.
     *
     * @return the file's change counter; 0 for a missing or empty file
     */
    long changeCounter() {
        return headerInt(CHANGE_COUNTER_OFFSET);
    }

    /** @return a 4-byte big-endian header field, unsigned; 0 for a missing or empty file */
    private long headerInt(int offset) {
        Path f = file();
        if (!Files.exists(f)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4);
            if (ch.read(b, offset) < 4) {
                return 0;
            }
            return Integer.toUnsignedLong(b.flip().getInt());
        } catch (IOException e) {
            throw PgqrsException.of(ErrorKind.INTERNAL, "cannot read the S3 cache file " + f + ": " + e, e);
        }
    }

    /**
     * Makes a downloaded revision the local copy; the previous revision file is deleted.
     *
     * @param downloaded the downloaded file (moved)
     * @param newEtag its ETag
     */
    void adopt(Path downloaded, String newEtag) {
        closeStore();
        move(downloaded, dir.revisionFile(fileNamedAfterRevision ? newEtag : null));
        becomeRevision(newEtag);
        deleteOtherRevisions();
    }

    /**
     * Records that the local copy was published as {@code newEtag}: the file is renamed after it.
     *
     * @param newEtag the ETag the PUT returned
     */
    void published(String newEtag) {
        if (!fileNamedAfterRevision) {
            becomeRevision(newEtag);
            return;
        }
        closeStore();
        move(file(), dir.revisionFile(newEtag));
        becomeRevision(newEtag);
        deleteOtherRevisions();
    }

    /** Drops the local copy and every unpublished write in it: the copy becomes empty, descending from nothing. */
    void discard() {
        closeStore();
        deleteQuietly(file());
        deleteQuietly(dir.revisionFile(null));
        etag = null;
        baseline = 0;
        unpublishedMessages.set(0);
        dir.saveState(location, new SavedState(null, 0));
    }

    /** @return where a download goes before {@link #adopt} */
    Path incomingFile() {
        return dir.incomingFile();
    }

    /**
     * Rewrites the file without its free pages when they are many (at least 64 and a quarter of the file), so the
     * object stays small under churn. Changes no row.
     */
    void compactIfFragmented() {
        long free = headerInt(FREELIST_COUNT_OFFSET);
        long pages = headerInt(PAGE_COUNT_OFFSET);
        if (free < MIN_FREE_PAGES_TO_COMPACT || free * 4 < pages) {
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file().toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("VACUUM");
            LOG.debug("compacted {}: {} of {} pages were free", location, free, pages);
        } catch (SQLException e) {
            LOG.warn("could not compact the S3 cache file {}: {}", file(), e.getMessage());
        }
    }

    @Override
    public void close() {
        closeStore();
    }

    private void becomeRevision(String newEtag) {
        unpublishedMessages.set(0);
        etag = newEtag;
        baseline = changeCounter();
        dir.saveState(location, new SavedState(etag, baseline));
    }

    /** Deletes every revision file but the current one (also what another mode left here). */
    private void deleteOtherRevisions() {
        dir.revisionFiles().stream().filter(f -> !f.equals(file())).forEach(LocalReplica::deleteQuietly);
    }

    private synchronized void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }


    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw PgqrsException.of(ErrorKind.INTERNAL, "cannot move the S3 cache file " + from + " to " + to, e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
            Files.deleteIfExists(p.resolveSibling(p.getFileName() + "-journal"));
        } catch (IOException e) {
            LOG.warn("could not delete the old S3 cache file {}: {}", p, e.getMessage());
        }
    }
}
