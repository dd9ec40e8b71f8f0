package io.pgqrs;

/**
 * Something a backend may lack. Ask {@link Pgqrs#supports(Capability)} before relying on one; a call that needs a
 * capability the backend lacks fails with {@link ErrorKind#UNSUPPORTED} before it does anything.
 */
public enum Capability {
    /**
     * Calls on the application's own {@link java.sql.Connection}, inside the transaction it is in: enqueue with the
     * business write that causes it, or dequeue, write and archive at once ({@link Producer#withConnection},
     * {@link Consumer#withConnection}). Stores in a database the application connects to have it (PostgreSQL,
     * SQLite, MariaDB); a store kept as an object in S3 has no such connection and lacks it.
     */
    CALLER_TRANSACTIONS
}
