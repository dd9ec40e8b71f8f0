package io.pgqrs.sqlite;

import io.pgqrs.ConcurrencyModel;
import io.pgqrs.Config;
import io.pgqrs.jdbi.ConnectionPools;
import io.pgqrs.jdbi.JdbiStore;
import io.pgqrs.spi.Store;
import io.pgqrs.spi.StoreProvider;
import java.util.Set;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens SQLite stores: WAL (unless {@code sqlite.use_wal=false}), a 5 s busy timeout, foreign keys on,
 * writers serialized in the process and {@code BEGIN IMMEDIATE} across processes.
 * A file store pools 4 connections: one takes every write and transaction (writers are serialized anyway, and a
 * connection that alone writes keeps its page cache, which SQLite drops whenever another connection wrote), three
 * take reads. {@code :memory:} uses one connection that lives as long as the store. Poll loops of a file store wake
 * on enqueues of other connections and processes through a {@link SqliteChangeFeed}.
 */
public final class SqliteStoreProvider implements StoreProvider {
    private static final int FILE_POOL_SIZE = 4;
    private static final int BUSY_TIMEOUT_MILLIS = 5000;

    /** Creates the provider; it does no I/O until {@link #open(Config)}. */
    public SqliteStoreProvider() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public Set<String> schemes() {
        return Set.of("sqlite");
    }

    @Override
    public Store open(Config config) {
        SqliteLocation location = SqliteLocation.parse(config.dsn());
        location.checkReachable();
        SQLiteConfig sc = new SQLiteConfig();
        sc.setJournalMode(config.sqliteUseWal() ? SQLiteConfig.JournalMode.WAL : SQLiteConfig.JournalMode.DELETE);
        sc.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        sc.enforceForeignKeys(true);
        sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        if (location.synchronous() != null) {
            sc.setSynchronous(location.synchronous());
        }
        SQLiteDataSource target = new SQLiteDataSource(sc);
        target.setUrl(location.jdbcUrl());
        SqliteDialect dialect = new SqliteDialect();
        if (location.inMemory()) {
            DataSource only = ConnectionPools.pool("pgqrs-sqlite", target, 1, config.connectionTimeout(), true,
                    location.jdbcUrl());
            return new JdbiStore(config, dialect, ConcurrencyModel.MULTI_PROCESS_SAME_HOST, only);
        }
        DataSource readers = ConnectionPools.pool("pgqrs-sqlite-read", target, FILE_POOL_SIZE - 1,
                config.connectionTimeout(), false, location.jdbcUrl());
        DataSource writer = ConnectionPools.pool("pgqrs-sqlite-write", target, 1, config.connectionTimeout(), false,
                location.jdbcUrl());
        return new FileStore(config, dialect, readers, writer,
                new SqliteChangeFeed(target, location.path()));
    }

    /** A store on a file, whose poll loops also wake on enqueues of other connections. */
    private static final class FileStore extends JdbiStore {
        private final SqliteChangeFeed changes;

        FileStore(Config config, SqliteDialect dialect, DataSource readers, DataSource writer, SqliteChangeFeed changes) {
            super(config, dialect, ConcurrencyModel.MULTI_PROCESS_SAME_HOST, readers, writer);
            this.changes = changes;
        }

        /** Returns once the feed knows the newest message, so a poll loop misses no enqueue after it. */
        @Override
        public AutoCloseable subscribe(LongConsumer listener) {
            return changes.subscribe(listener);
        }
    }
}
