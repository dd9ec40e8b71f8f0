package io.pgqrs.jdbi.internal;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.jdbi.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a store's port calls on the application's own connection: checks that the connection can carry them (open,
 * writable, on the store's database), joins the transaction it is in (or gives the calls one of their own when its
 * autocommit is on), and leaves it open with the autocommit it had. The application's transaction is never
 * committed or rolled back here.
 */
public final class CallerConnections {
    private final StatementRunner runner;
    private final SqlDialect dialect;
    private final ThreadLocal<Connection> opening = new ThreadLocal<>();
    private final Jdbi jdbi;
    private volatile String storeIdentity;

    /**
     * @param runner the store's statement runner, whose calls on this thread join the application's connection
     * @param dialect the database's differences
     */
    public CallerConnections(StatementRunner runner, SqlDialect dialect) {
        this.runner = runner;
        this.dialect = dialect;
        this.jdbi = JdbiConfiguration.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return opening.get();
            }

            @Override
            public void closeConnection(Connection connection) {
                // The application's connection: the application closes it.
            }
        }, dialect);
    }

    /**
     * @param connection the application's connection
     * @param work the port calls
     * @param <T> the result type
     * @return what {@code work} returned
     */
    public <T> T run(Connection connection, Supplier<T> work) {
        check(connection);
        boolean ownTransaction = autoCommit(connection);
        if (ownTransaction) {
            jdbc(connection, "BEGIN", () -> connection.setAutoCommit(false));
        }
        try {
            T result = joined(connection, work);
            if (ownTransaction) {
                jdbc(connection, "COMMIT", connection::commit);
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (ownTransaction) {
                rollBack(connection, e);
            }
            throw e;
        } finally {
            if (ownTransaction) {
                jdbc(connection, "RESTORE_AUTOCOMMIT", () -> connection.setAutoCommit(true));
            }
        }
    }

    private <T> T joined(Connection connection, Supplier<T> work) {
        Handle handle;
        opening.set(connection);
        try {
            handle = jdbi.open();
        } finally {
            opening.remove();
        }
        try (handle) {
            return runner.joining(handle, work);
        }
    }

    private void check(Connection connection) {
        try {
            if (connection.isClosed()) {
                throw PgqrsException.invalidConnection("the connection is closed; pass an open connection", null);
            }
            if (connection.isReadOnly()) {
                throw PgqrsException.invalidConnection("the connection is read-only; pass a connection that may write "
                        + "(setReadOnly(false))", null);
            }
        } catch (SQLException e) {
            throw PgqrsException.invalidConnection("the connection cannot be inspected (" + e.getMessage() + ")", e);
        }
        String ours = storeIdentity();
        if (ours.isEmpty()) {
            throw PgqrsException.invalidConnection("the " + dialect.name() + " store is in memory, where no other "
                    + "connection can reach it; open the store on a file", null);
        }
        String theirs = identity(connection);
        if (!ours.equals(theirs)) {
            throw PgqrsException.invalidConnection("the connection works in " + theirs + ", not in the store's " + ours
                    + "; pass a connection to the store's database (where the database has schemas, with the store's "
                    + "schema first on its search path)", null);
        }
    }

    private String storeIdentity() {
        String known = storeIdentity;
        if (known == null) {
            known = runner.withHandle("DATABASE_IDENTITY", false,
                    h -> h.createQuery(dialect.databaseIdentityQuery()).mapTo(String.class).one());
            storeIdentity = known;
        }
        return known;
    }

    private String identity(Connection connection) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(dialect.databaseIdentityQuery())) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw PgqrsException.queryFailed("CALLER_DATABASE_IDENTITY", dialect.name() + ", the caller's connection", e);
        }
    }

    private boolean autoCommit(Connection connection) {
        try {
            return connection.getAutoCommit();
        } catch (SQLException e) {
            throw PgqrsException.invalidConnection("the connection cannot be inspected (" + e.getMessage() + ")", e);
        }
    }

    private void rollBack(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void jdbc(Connection connection, String step, JdbcStep action) {
        try {
            action.run();
        } catch (SQLException e) {
            throw PgqrsException.of(ErrorKind.TRANSACTION_FAILED, "Transaction failed: " + step + " on the caller's "
                    + dialect.name() + " connection: " + e.getMessage(), e);
        }
    }

    /** One JDBC call on the connection. */
    @FunctionalInterface
    private interface JdbcStep {
        void run() throws SQLException;
    }
}
