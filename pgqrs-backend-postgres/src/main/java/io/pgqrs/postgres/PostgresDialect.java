package io.pgqrs.postgres;

import io.pgqrs.SchemaMigration;
import io.pgqrs.jdbi.SqlDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's differences: every time is the server's {@code now()} unless the application passes one
 * (so hosts agree on visibility), {@code jsonb} payloads, the {@code worker_status} enum, and claims that skip rows other
 * consumers have locked.
 */
final class PostgresDialect implements SqlDialect {
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "55P03");

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String now() {
        return "COALESCE(CAST(:at AS timestamptz), now())";
    }

    /**
     * The cluster's system identifier (the same through any address, port or pooler), the database, and the schema
     * the connection's search path leads to, where the store's unqualified table names resolve.
     */
    @Override
    public String databaseIdentityQuery() {
        return "SELECT 'cluster ' || (SELECT system_identifier FROM pg_control_system()) || ', database ' || current_database()"
                + " || ', schema ' || COALESCE(current_schema(), '(none)')";
    }

    @Override
    public String plusSeconds(String time, String seconds) {
        return "(" + time + " + CAST(" + seconds + " AS bigint) * interval '1 second')";
    }

    @Override
    public String jsonType() {
        return "jsonb";
    }

    @Override
    public String workerStatusType() {
        return "worker_status";
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
        return Types.TIMESTAMP_WITH_TIMEZONE;
    }

    @Override
    public Object instantToDb(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public Instant instantFromDb(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Override
    public List<SchemaMigration> migrations() {
        return PostgresSchema.MIGRATIONS;
    }

    @Override
    public String migrationLock() {
        return PostgresSchema.MIGRATION_LOCK;
    }

    @Override
    public List<String> uninstallExtras() {
        return PostgresSchema.UNINSTALL_EXTRAS;
    }

    @Override
    public String tableExistsQuery() {
        return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = :name";
    }

    @Override
    public boolean isMissingTable(SQLException e) {
        return "42P01".equals(e.getSQLState());
    }

    @Override
    public boolean isRetryable(SQLException e) {
        return RETRYABLE.contains(e.getSQLState());
    }

    @Override
    public boolean dataModifyingWith() {
        return true;
    }

    @Override
    public boolean serializesWrites() {
        return false;
    }
}
