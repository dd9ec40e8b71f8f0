package io.pgqrs.jdbi.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a driver error that means "the connection broke" (the server restarted or shut down, the network dropped)
 * from one that a statement caused, for every JDBC driver alike: SQLState class 08, PostgreSQL's shutdown states,
 * the JDBC connection exception types, or an I/O error anywhere in the causes.
 */
public final class BrokenConnections {
    /** PostgreSQL: terminated by an administrator, crash shutdown, server starting up or shutting down. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    private static final int MAX_DEPTH = 20;

    private BrokenConnections() {
    }

    /**
     * @param failure any failure of a statement or of getting a connection
     * @return whether it, or one of its causes or chained SQL exceptions, says the connection broke
     */
    public static boolean isBroken(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (t instanceof IOException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && (hasBrokenState(sql) || hasBrokenState(sql.getNextException()))) {
                return true;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return false;
    }

    private static boolean hasBrokenState(SQLException sql) {
        String state = sql == null ? null : sql.getSQLState();
        return state != null && (state.startsWith("08") || SHUTDOWN_STATES.contains(state));
    }
}
