package io.pgqrs.jdbi;

import io.pgqrs.SchemaMigration;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What differs between SQL databases, and nothing else: time arithmetic, a few type names, the claim
 * lock clause, DDL, and how to read driver errors. Every statement is written once in this module;
 * a backend implements this interface (as db-scheduler's {@code JdbcCustomization}).
 *
 * <p>Time expressions may use the named parameter {@code :at}: the application's instant, or null
 * for the database clock.
 */
public interface SqlDialect {

    /** @return the backend name, e.g. {@code "sqlite"} */
    String name();

    /** @return an SQL expression for "now": {@code :at} when it is not null, else the database clock */
    String now();

    /**
     * @param time an SQL time expression
     * @param seconds an SQL integer expression, possibly negative
     * @return an SQL expression for {@code time + seconds}, in the column representation
     */
    String plusSeconds(String time, String seconds);

    /** @return the payload column's type for casts, e.g. {@code jsonb} or {@code TEXT} */
    String jsonType();

    /** @return the worker status column's type for casts, e.g. {@code worker_status} or {@code TEXT} */
    String workerStatusType();

    /** @return what follows the claim's {@code LIMIT}: {@code FOR UPDATE SKIP LOCKED}, or empty where writers are serialized */
    String claimLockClause();

    /** @return the statement prefix that shows a plan without running it, e.g. {@code EXPLAIN QUERY PLAN} */
    String explainPrefix();

    /** @return the JDBC type used to bind a null instant */
    int instantSqlType();

    /**
     * Converts a time to what the driver binds for a timestamp column (e.g. an {@code OffsetDateTime} for PostgreSQL, ISO-8601 text for SQLite).
     *
     * @param instant a time
     * @return the value bound for it
     */
    Object instantToDb(Instant instant);

    /**
     * @param rs a result set
     * @param column a time column
     * @return the instant, or null
     * @throws SQLException when the column cannot be read or holds an invalid time
     */
    Instant instantFromDb(ResultSet rs, String column) throws SQLException;

    /**
     * The schema's history: numbered 1, 2, 3 … without gaps, oldest first. Migration 1 creates the tables the
     * {@link io.pgqrs.spi.SchemaAdmin} names (the version table {@code pgqrs_schema_version} with the columns
     * {@code version}, an integer primary key, {@code description} text and {@code applied_at}, a time that defaults to
     * now, included) and must also bring a database in the reference 0.15 layout up to date in place, so its
     * statements are idempotent ({@code IF NOT EXISTS}). A released migration never changes: add one. Columns added
     * later are nullable or defaulted, so the reference can still read the queue. Where DDL commits on its own
     * ({@link #transactionalDdl()} false), write every statement so that it can run twice.
     *
     * @return the migrations, oldest first
     */
    List<SchemaMigration> migrations();

    /**
     * A query run first when migrating, in the migration's transaction (or, without {@link #transactionalDdl()}, on
     * its connection), that waits until no other process migrates the same schema: {@code pg_advisory_xact_lock} on
     * PostgreSQL, {@code GET_LOCK} on MariaDB. Its one row's first column is {@code 0} when the lock could not be
     * taken in time. The default is none, for databases whose write transaction already excludes other writers
     * (SQLite's {@code BEGIN IMMEDIATE}).
     *
     * @return the query, or null
     */
    default String migrationLock() {
        return null;
    }

    /** @return a statement that releases a lock {@link #migrationLock()} holds beyond the transaction, or null (the default) */
    default String migrationUnlock() {
        return null;
    }

    /**
     * @return true (the default) when DDL can run inside a transaction, so a whole migration run commits or rolls back
     *         at once; false where each DDL statement commits on its own (MariaDB, MySQL)
     */
    default boolean transactionalDdl() {
        return true;
    }

    /** @return DDL run after the six tables are dropped (types, functions), each idempotent; empty when there is none */
    List<String> uninstallExtras();

    /** @return a query with parameter {@code :name} returning a count, 1 when the table exists in the current schema */
    String tableExistsQuery();

    /**
     * A query returning one text that names the database a connection works in, the same for every connection to it
     * and different for any other database, so that a connection the application hands in can be checked before
     * anything is written on it: the server's identity, the database and, where tables are found by a search path,
     * the schema the connection finds them in. Empty when the database cannot be opened by another connection
     * (an in-memory database).
     *
     * @return the query
     */
    String databaseIdentityQuery();

    /**
     * Recognises the driver error of a missing table, which the store reports as not installed.
     *
     * @param e a driver error
     * @return whether it says a table does not exist (the store is not installed)
     */
    boolean isMissingTable(SQLException e);

    /**
     * Recognises transient driver errors, after which the store retries the whole unit of work.
     *
     * @param e a driver error
     * @return whether retrying the whole unit of work may succeed (lock busy, serialization failure)
     */
    boolean isRetryable(SQLException e);

    /** @return whether writes must be serialized inside the process (single-writer databases) */
    boolean serializesWrites();

    /**
     * Whether {@code UPDATE … RETURNING} exists. When it does not (MariaDB, MySQL), an update that returns rows runs
     * as three statements in one transaction: {@code SELECT id … FOR UPDATE} (with {@link #claimLockClause()} for the
     * claim), {@code UPDATE … WHERE id IN (…)}, {@code SELECT … WHERE id IN (…)}.
     *
     * @return true (the default) when {@code UPDATE … RETURNING} exists
     */
    default boolean updateReturning() {
        return true;
    }

    /**
     * Whether a statement may hold inserts in {@code WITH} clauses whose rows later clauses read (PostgreSQL), so that a
     * run and its first step are written in one statement.
     *
     * @return false (the default) when it may not
     */
    default boolean dataModifyingWith() {
        return false;
    }

    /** @return how an insert that skips rows whose unique key exists begins: {@code INSERT} or {@code INSERT IGNORE} */
    default String insertIgnoringDuplicates() {
        return "INSERT";
    }

    /** @return what follows the values of such an insert: {@code ON CONFLICT DO NOTHING} (the default) or nothing */
    default String onDuplicateDoNothing() {
        return "ON CONFLICT DO NOTHING";
    }

    /**
     * What follows the values of the insert of messages with idempotency keys, so that a row whose key another row of
     * the queue holds is skipped, decided by the unique index on ({@code queue_id}, {@code idempotency_key}): the
     * default {@code ON CONFLICT … DO NOTHING}, whose {@code RETURNING} gives the new rows only; where the database
     * has no such clause, an update of the existing row that changes nothing but records its id for
     * {@link #existingRowsQuery()} (never {@code INSERT IGNORE}, which hides other errors).
     *
     * @return the clause
     */
    default String onIdempotencyKeyConflict() {
        return "ON CONFLICT (queue_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING";
    }

    /** @return a statement run before that insert to clear what {@link #existingRowsQuery()} reads, or null (the default) */
    default String existingRowsReset() {
        return null;
    }

    /**
     * @return a query run after that insert, on its connection, whose one text value lists, comma-separated, the ids
     *         of the existing rows its {@code RETURNING} gave back (null or empty for none); null (the default) where
     *         {@code RETURNING} gives new rows only
     */
    default String existingRowsQuery() {
        return null;
    }

    /** @return the {@code CAST} target for text: {@code TEXT} (the default) or {@code CHAR} */
    default String textType() {
        return "TEXT";
    }

    /** @return the {@code CAST} target for a 64-bit integer: {@code BIGINT} (the default) or {@code SIGNED} */
    default String bigintType() {
        return "BIGINT";
    }

    /**
     * @param rows a row list, {@code (a, b), (c, d), …}
     * @param columns how many values each row has
     * @return a derived table {@code v} of those rows whose columns are {@code column1}, {@code column2} …; the default
     *         is {@code (VALUES rows) AS v}
     */
    default String valuesTable(String rows, int columns) {
        return "(VALUES " + rows + ") AS v";
    }

    /**
     * Whether the library should keep each connection's prepared statements for reuse: worth it where the driver
     * prepares every statement from scratch (sqlite-jdbc); drivers with a statement cache of their own (PostgreSQL)
     * do not need it.
     *
     * @return false (the default) to prepare each statement anew
     */
    default boolean reusePreparedStatements() {
        return false;
    }
}
