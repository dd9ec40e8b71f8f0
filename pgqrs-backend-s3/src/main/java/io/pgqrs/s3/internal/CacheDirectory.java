package io.pgqrs.s3.internal;

import io.pgqrs.Config;
import io.pgqrs.PgqrsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The local directory of one S3 store handle: the revision files ({@code cache_<ETag>.sqlite}), a small state file that
 * remembers which revision the local copy descends from (so a restart finds unpublished writes), and a lock that
 * keeps two handles out of one directory (distinct handles need distinct directories).
 *
 * <p>Where it is: {@code s3.cache_dir} when set; otherwise a default under {@code $PGQRS_S3_LOCAL_CACHE_DIR}
 * (else {@code <tmp>/pgqrs_s3_cache}) / {@code <host>_<pid>}, with {@code _2}, {@code _3} … while earlier ones are
 * held by other handles of the same process (a directory is reused once its handle closed).
 */
public final class CacheDirectory implements AutoCloseable {
    private static final String STATE_FILE = "pgqrs-s3-state.properties";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private CacheDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Finds, creates and locks the directory.
     *
     * @param config the store's configuration
     * @param env the environment
     * @return the locked directory
     * @throws PgqrsException {@code INVALID_CONFIG} when it cannot be created or another handle uses it
     */
    public static CacheDirectory open(Config config, Map<String, String> env) {
        Optional<Path> configured = config.s3CacheDir();
        if (configured.isPresent()) {
            return lock(configured.get(), "s3.cache_dir").orElseThrow(() -> PgqrsException.invalidConfig("s3.cache_dir",
                    "the S3 cache directory " + configured.get() + " is in use by another store handle; give each "
                            + "process or connection its own s3.cache_dir"));
        }
        Path root = defaultRoot(env);
        String id = sanitise(firstNonBlank(env.get("HOSTNAME"), env.get("COMPUTERNAME"), "host") + "_"
                + ProcessHandle.current().pid());
        for (int handle = 1; ; handle++) {
            Optional<CacheDirectory> free = lock(root.resolve(handle == 1 ? id : id + "_" + handle), "PGQRS_S3_LOCAL_CACHE_DIR");
            if (free.isPresent()) {
                return free.get();
            }
        }
    }

    /** @return the directory, created and locked, or empty when another handle holds it */
    private static Optional<CacheDirectory> lock(Path dir, String field) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw PgqrsException.invalidConfig(field, "cannot create the S3 cache directory " + dir + ": " + e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                closeQuietly(channel);
                return Optional.empty();
            }
            return Optional.of(new CacheDirectory(dir, channel, lock));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(channel);
            throw PgqrsException.invalidConfig(field, "cannot lock the S3 cache directory " + dir + ": " + e);
        }
    }

    private static Path defaultRoot(Map<String, String> env) {
        String base = env.get("PGQRS_S3_LOCAL_CACHE_DIR");
        return base == null || base.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "pgqrs_s3_cache") : Path.of(base.trim());
    }

    /** @return the directory */
    public Path path() {
        return dir;
    }

    /**
     * @param etag the revision's ETag, or null for none
     * @return its cache file: {@code cache.sqlite} without an ETag, else {@code cache_<sanitised etag>.sqlite}
     */
    public Path revisionFile(String etag) {
        if (etag == null || etag.isBlank()) {
            return dir.resolve("cache.sqlite");
        }
        return dir.resolve("cache_" + sanitise(etag) + ".sqlite");
    }

    /** @return every revision file ({@code cache*.sqlite}) in the directory */
    public List<Path> revisionFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("cache(_.*)?\\.sqlite")).toList();
        } catch (IOException e) {
            throw PgqrsException.of(io.pgqrs.ErrorKind.INTERNAL, "cannot list the S3 cache directory " + dir, e);
        }
    }

    /** @return where a download is written before it becomes a revision file */
    public Path incomingFile() {
        return dir.resolve("incoming.sqlite");
    }

    /**
     * @param location the object the state must belong to
     * @return the saved state, when there is one for this object
     */
    public Optional<SavedState> loadState(S3Location location) {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!location.toString().equals(p.getProperty("object"))) {
            return Optional.empty();
        }
        String etag = p.getProperty("etag", "");
        return Optional.of(new SavedState(etag.isEmpty() ? null : etag,
                Long.parseLong(p.getProperty("baseline", "0"))));
    }

    /**
     * Records which revision the local copy descends from, atomically.
     *
     * @param location the object
     * @param state the state
     */
    public void saveState(S3Location location, SavedState state) {
        Properties p = new Properties();
        p.setProperty("object", location.toString());
        p.setProperty("etag", state.etag() == null ? "" : state.etag());
        p.setProperty("baseline", Long.toString(state.baseline()));
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "pgqrs S3 cache state: the revision the local copy descends from");
        } catch (IOException e) {
            throw PgqrsException.of(io.pgqrs.ErrorKind.INTERNAL, "cannot write " + tmp + ": " + e, e);
        }
        try {
            Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw PgqrsException.of(io.pgqrs.ErrorKind.INTERNAL, "cannot replace the S3 cache state in " + dir, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
    }

    static String sanitise(String s) {
        String out = s.replaceAll("[^A-Za-z0-9._-]", "_");
        return out.isEmpty() ? "_" : out;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return "host";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /**
     * What the local copy descends from.
     *
     * @param etag the remote revision, or null when it never was published or fetched
     * @param baseline the SQLite change counter of the file when it matched that revision
     */
    public record SavedState(String etag, long baseline) {
    }
}
