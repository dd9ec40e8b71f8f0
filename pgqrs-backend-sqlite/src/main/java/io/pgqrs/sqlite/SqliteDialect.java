package io.pgqrs.sqlite;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.jdbi.SqlDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import org.sqlite.SQLiteErrorCode;

/**
 * SQLite's differences (SPEC §1.6): times are UTC text {@code YYYY-MM-DD HH:MM:SS.ffffff}, compared as
 * text; JSON is text; one writer at a time, so claims need no row locks.
 */
final class SqliteDialect implements SqlDialect {
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();
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
        return WRITE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public Instant instantFromDb(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, READ).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw PgqrsException.of(ErrorKind.INTERNAL, "Invalid timestamp: '" + text + "' in column " + column, e);
        }
    }

    @Override
    public List<String> installStatements() {
        return SqliteSchema.INSTALL;
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
}
