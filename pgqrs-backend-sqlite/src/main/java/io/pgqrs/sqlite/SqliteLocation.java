package io.pgqrs.sqlite;

import io.pgqrs.PgqrsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * Where a {@code sqlite:} DSN points: {@code sqlite:relative/path.db},
 * {@code sqlite://relative/path.db}, {@code sqlite:///absolute/path.db} or {@code sqlite::memory:}. A
 * missing file is created unless the query says {@code mode=rw} or {@code mode=ro}. The query may also set
 * {@code synchronous=off|normal|full|extra}, SQLite's {@code PRAGMA synchronous}: how often it waits for the disk.
 *
 * @param path the database file, or null in memory
 * @param createIfMissing whether a missing file may be created
 * @param synchronous the {@code synchronous} setting, or null for SQLite's default
 */
record SqliteLocation(Path path, boolean createIfMissing, SynchronousMode synchronous) {

    static SqliteLocation parse(String dsn) {
        String rest = dsn.substring(dsn.indexOf(':') + 1);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1).toLowerCase(Locale.ROOT);
            rest = rest.substring(0, q);
        }
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        SynchronousMode synchronous = synchronous(dsn, query);
        if (rest.equals(":memory:") || rest.equals("memory:")) {
            return new SqliteLocation(null, true, synchronous);
        }
        if (rest.isBlank()) {
            throw PgqrsException.invalidConfig("dsn", "SQLite DSN '" + dsn + "' has no file path: use "
                    + "'sqlite:jobs.db', 'sqlite:///var/lib/app/jobs.db' or 'sqlite::memory:'");
        }
        boolean create = !(query.contains("mode=rw") && !query.contains("mode=rwc")) && !query.contains("mode=ro");
        return new SqliteLocation(Path.of(rest).toAbsolutePath().normalize(), create, synchronous);
    }

    private static SynchronousMode synchronous(String dsn, String query) {
        for (String part : query.split("&")) {
            if (part.startsWith("synchronous=")) {
                String value = part.substring("synchronous=".length()).toUpperCase(Locale.ROOT);
                try {
                    return SynchronousMode.valueOf(value);
                } catch (IllegalArgumentException e) {
                    throw PgqrsException.invalidConfig("dsn", "SQLite DSN '" + dsn + "': synchronous must be off, "
                            + "normal, full or extra, not '" + value.toLowerCase(Locale.ROOT) + "'");
                }
            }
        }
        return null;
    }

    boolean inMemory() {
        return path == null;
    }

    /** @throws PgqrsException {@code CONNECTION_FAILED} when the file cannot be opened as asked */
    void checkReachable() {
        if (inMemory()) {
            return;
        }
        Path dir = path.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw PgqrsException.connectionFailed("cannot open SQLite database " + path,
                    new IllegalStateException("directory " + dir + " does not exist; create it first"));
        }
        if (!createIfMissing && !Files.exists(path)) {
            throw PgqrsException.connectionFailed("cannot open SQLite database " + path,
                    new IllegalStateException("the file does not exist and the DSN's mode forbids creating it; drop '?mode=rw' to create it"));
        }
    }

    String jdbcUrl() {
        return "jdbc:sqlite:" + (inMemory() ? ":memory:" : path.toString());
    }
}
