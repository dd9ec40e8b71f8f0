package io.pgqrs.mariadb;

import io.pgqrs.SchemaMigration;
import io.pgqrs.jdbi.SqlDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What MariaDB does differently from the shared statements' defaults: no {@code UPDATE … RETURNING} (the shared
 * code then locks, updates and reads back in one transaction), {@code INSERT IGNORE} instead of
 * {@code ON CONFLICT DO NOTHING}, {@code CHAR}/{@code SIGNED} as cast targets, a derived table of {@code VALUES}
 * named through a CTE, times as UTC {@code DATETIME(6)}.
 */
final class MariaDbDialect implements SqlDialect {
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int DEADLOCK = 1213;
    private static final int NO_SUCH_TABLE = 1146;

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public String now() {
        return "COALESCE(:at, UTC_TIMESTAMP(6))";
    }

    /** The server (host name and port as it knows them) and the connection's current database. */
    @Override
    public String databaseIdentityQuery() {
        return "SELECT CONCAT('server ', @@hostname, ':', @@port, ', database ', COALESCE(DATABASE(), '(none)'))";
    }

    @Override
    public String plusSeconds(String time, String seconds) {
        return "(" + time + " + INTERVAL (" + seconds + ") SECOND)";
    }

    @Override
    public String jsonType() {
        return "CHAR";
    }

    @Override
    public String workerStatusType() {
        return "CHAR";
    }

    @Override
    public String claimLockClause() {
        return "FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String explainPrefix() {
        return "EXPLAIN";
    }

    @Override
    public int instantSqlType() {
        return Types.TIMESTAMP;
    }

    @Override
    public Object instantToDb(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public Instant instantFromDb(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    @Override
    public List<SchemaMigration> migrations() {
        return MariaDbSchema.MIGRATIONS;
    }

    @Override
    public String migrationLock() {
        return MariaDbSchema.MIGRATION_LOCK;
    }

    @Override
    public String migrationUnlock() {
        return MariaDbSchema.MIGRATION_UNLOCK;
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public List<String> uninstallExtras() {
        return List.of();
    }

    @Override
    public String tableExistsQuery() {
        return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = :name";
    }

    @Override
    public boolean isMissingTable(SQLException e) {
        return e.getErrorCode() == NO_SUCH_TABLE || "42S02".equals(e.getSQLState());
    }

    @Override
    public boolean isRetryable(SQLException e) {
        return e.getErrorCode() == DEADLOCK || e.getErrorCode() == LOCK_WAIT_TIMEOUT || "40001".equals(e.getSQLState());
    }

    @Override
    public boolean serializesWrites() {
        return false;
    }

    @Override
    public boolean updateReturning() {
        return false;
    }

    @Override
    public String insertIgnoringDuplicates() {
        return "INSERT IGNORE";
    }

    @Override
    public String onDuplicateDoNothing() {
        return "";
    }

    /**
     * The update keeps the row as it is ({@code id = id}) and appends its id to a session variable, read by
     * {@link #existingRowsQuery()} in a statement of its own (a variable read in the statement that sets it is not).
     */
    @Override
    public String onIdempotencyKeyConflict() {
        return "ON DUPLICATE KEY UPDATE id = IF((@pgqrs_existing_ids := CONCAT_WS(',', @pgqrs_existing_ids, id)) IS NULL, id, id)";
    }

    @Override
    public String existingRowsReset() {
        return "SET @pgqrs_existing_ids = NULL";
    }

    @Override
    public String existingRowsQuery() {
        return "SELECT @pgqrs_existing_ids";
    }

    @Override
    public String textType() {
        return "CHAR";
    }

    @Override
    public String bigintType() {
        return "SIGNED";
    }

    @Override
    public String valuesTable(String rows, int columns) {
        String names = IntStream.rangeClosed(1, columns).mapToObj(i -> "column" + i).collect(Collectors.joining(", "));
        return "(WITH v(" + names + ") AS (VALUES " + rows + ") SELECT " + names + " FROM v) AS v";
    }
}
