package io.pgqrs.sqlite;

import io.pgqrs.SchemaMigration;
import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.jdbi.SqlDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.sqlite.SQLiteErrorCode;

/**
 * SQLite's differences: times are UTC text {@code YYYY-MM-DD HH:MM:SS.ffffff}, compared as
 * text; JSON is text; one writer at a time, so claims need no row locks.
 */
final class SqliteDialect implements SqlDialect {
    /** strftime's %f has millisecond precision; pad to the six digits the library writes so text order is time order. */
    private static final String FORMAT = "'%Y-%m-%d %H:%M:%f'";

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String now() {
        return "COALESCE(:at, strftime(" + FORMAT + ", 'now') || '000')";
    }

    /** The main database's file as SQLite opened it (absolute), empty for an in-memory database. */
    @Override
    public String databaseIdentityQuery() {
        return "SELECT COALESCE(file, '') FROM pragma_database_list WHERE name = 'main'";
    }

    /** Whole seconds never change the fraction, so it is copied from the input and keeps its microseconds. */
    @Override
    public String plusSeconds(String time, String seconds) {
        return "(strftime('%Y-%m-%d %H:%M:%S', " + time + ", (" + seconds + ") || ' seconds') || substr(" + time + ", 20))";
    }

    @Override
    public String jsonType() {
        return "TEXT";
    }

    @Override
    public String workerStatusType() {
        return "TEXT";
    }

    @Override
    public String claimLockClause() {
        return "";
    }

    @Override
    public String explainPrefix() {
        return "EXPLAIN QUERY PLAN";
    }

    @Override
    public int instantSqlType() {
        return Types.VARCHAR;
    }

    @Override
    public Object instantToDb(Instant instant) {
        return TextTimestamps.format(instant);
    }

    @Override
    public Instant instantFromDb(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        Instant parsed = TextTimestamps.parse(text);
        if (parsed == null) {
            throw PgqrsException.of(ErrorKind.INTERNAL, "Invalid timestamp: '" + text + "' in column " + column
                    + " (expected YYYY-MM-DD HH:MM:SS[.fraction], UTC)", null);
        }
        return parsed;
    }

    @Override
    public List<SchemaMigration> migrations() {
        return SqliteSchema.MIGRATIONS;
    }

    @Override
    public List<String> uninstallExtras() {
        return List.of();
    }

    @Override
    public String tableExistsQuery() {
        return "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = :name";
    }

    @Override
    public boolean isMissingTable(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("no such table");
    }

    @Override
    public boolean isRetryable(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
    }

    @Override
    public boolean serializesWrites() {
        return true;
    }

    @Override
    public boolean reusePreparedStatements() {
        return true;
    }
}
