package io.pgqrs.jdbi;

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

    /** @param instant a time @return the value bound for it */
    Object instantToDb(Instant instant);

    /**
     * @param rs a result set
     * @param column a time column
     * @return the instant, or null
     * @throws SQLException when the column cannot be read or holds an invalid time
     */
    Instant instantFromDb(ResultSet rs, String column) throws SQLException;

    /** @return DDL that creates every table and index, each statement idempotent, in order */
    List<String> installStatements();

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

    /** @param e a driver error @return whether it says a table does not exist (the store is not installed) */
    boolean isMissingTable(SQLException e);

    /** @param e a driver error @return whether retrying the whole unit of work may succeed (lock busy, serialization failure) */
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

    /** @return how an insert that skips rows whose unique key exists begins: {@code INSERT} or {@code INSERT IGNORE} */
    default String insertIgnoringDuplicates() {
        return "INSERT";
    }

    /** @return what follows the values of such an insert: {@code ON CONFLICT DO NOTHING} (the default) or nothing */
    default String onDuplicateDoNothing() {
        return "ON CONFLICT DO NOTHING";
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
     * @param rows a row list, {@code (a), (b), …}
     * @return a derived table {@code v} of those rows whose one column is {@code column1}; the default is
     *         {@code (VALUES rows) AS v}
     */
    default String valuesTable(String rows) {
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
