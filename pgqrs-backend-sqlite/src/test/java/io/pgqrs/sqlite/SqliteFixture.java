package io.pgqrs.sqlite;

import io.pgqrs.Config;
import io.pgqrs.tck.CallerDatabase;
import io.pgqrs.tck.StoreFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** A fresh SQLite file in its own temporary directory for every test. */
final class SqliteFixture implements StoreFixture {
    private Path dir;

    @Override
    public Config.Builder freshStore() {
        try {
            dir = Files.createTempDirectory("pgqrs-tck");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Config.builder("sqlite:" + dir.resolve("queue.db"));
    }

    /**
     * The application's connections to the store's file, as SQLite applications should open them: transactions
     * begin {@code IMMEDIATE}, so one that reads before it writes waits for the write lock instead of failing busy.
     * The other database is another file beside it.
     */
    @Override
    public Optional<CallerDatabase> callerDatabase(Config store) {
        Path file = SqliteLocation.parse(store.dsn()).path();
        return Optional.of(new CallerDatabase() {
            @Override
            public DataSource dataSource() {
                return fileSource(file, false);
            }

            @Override
            public DataSource otherDataSource() {
                return fileSource(file.resolveSibling("other.db"), false);
            }

            /** SQLite fixes the mode when it opens the file. */
            @Override
            public Connection openReadOnly() throws SQLException {
                return fileSource(file, true).getConnection();
            }
        });
    }

    private static DataSource fileSource(Path file, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5000);
        config.setReadOnly(readOnly);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    @Override
    public void cleanUp() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
