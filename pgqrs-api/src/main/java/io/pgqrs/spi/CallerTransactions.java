package io.pgqrs.spi;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * A store that can run its port calls on a JDBC connection of the application's, inside the application's
 * transaction. A store implements it when the application can connect to the store's database itself; the API
 * finds it with {@link Store#unwrap(Class)} and reports {@link io.pgqrs.Capability#CALLER_TRANSACTIONS} from it.
 */
public interface CallerTransactions {

    /**
     * Runs {@code work} so that every port call this store receives from the calling thread meanwhile runs on
     * {@code connection}.
     *
     * <p>Before anything runs, the connection must be open, not read-only, and connected to the store's own database
     * (and schema, where the database has schemas); otherwise nothing runs.
     *
     * <p>When the connection's autocommit is off, the work joins the transaction the connection is in: it is
     * visible to others when the caller commits and gone when the caller rolls back. It is never committed or rolled
     * back here; when {@code work} throws, its own statements are undone (to a savepoint taken before it) and the
     * caller's transaction can go on. When autocommit is on, the work runs in a transaction of its own on that
     * connection that commits when {@code work} returns, and autocommit is switched back on afterwards. Either way
     * the connection is left open, with the autocommit it had.
     *
     * @param connection the application's connection; not closed here
     * @param work the port calls
     * @param <T> the result type
     * @return what {@code work} returned
     * @throws io.pgqrs.PgqrsException {@code INVALID_CONNECTION} when the connection is closed, read-only or on
     *         another database; {@code TRANSACTION_FAILED} when the database gave up the caller's transaction (a
     *         deadlock, a busy lock), which the caller must roll back and retry; whatever {@code work} throws
     */
    <T> T onConnection(Connection connection, Supplier<T> work);
}
