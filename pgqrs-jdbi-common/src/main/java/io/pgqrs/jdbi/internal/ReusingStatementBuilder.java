package io.pgqrs.jdbi.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of each physical connection for the next handle that runs the same SQL on it.
 * sqlite-jdbc prepares every statement from scratch: in a SQLite drain at one consumer, batch 1, preparing took
 * 12 % of the native time. A statement is checked out while a handle uses it and put back, parameters cleared, when
 * the handle is done with it; the physical connection's pool closes it with the connection.
 */
final class ReusingStatementBuilder implements StatementBuilder {
    private static final int STATEMENTS_PER_CONNECTION = 64;
    private static final Map<Connection, Map<String, PreparedStatement>> IDLE =
            Collections.synchronizedMap(new IdentityHashMap<>());

    private final DefaultStatementBuilder fallback = new DefaultStatementBuilder();
    /** Statements this handle has out, with the SQL they were prepared from (JDBI closes with the template). */
    private final Map<Statement, String> checkedOut = new IdentityHashMap<>();

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        return fallback.create(conn, ctx);
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
            return fallback.create(conn, sql, ctx);
        }
        PreparedStatement statement = checkOut(conn, sql);
        checkedOut.put(statement, sql);
        return statement;
    }

    /**
     * @param conn a connection (a pool's proxy or the physical one)
     * @param sql a statement's SQL
     * @return an idle statement of the physical connection prepared from {@code sql}, or a new one; give it back with
     *         {@link #checkIn}
     * @throws SQLException when preparing fails
     */
    static PreparedStatement checkOut(Connection conn, String sql) throws SQLException {
        Connection physical = conn.unwrap(Connection.class);
        PreparedStatement statement = idle(physical).remove(sql);
        return statement == null || statement.isClosed() ? physical.prepareStatement(sql) : statement;
    }

    /**
     * Keeps a statement for the next use of its SQL on its connection, parameters cleared.
     *
     * @param prepared a statement from {@link #checkOut}
     * @param sql the SQL it was prepared from
     * @throws SQLException when clearing fails
     */
    static void checkIn(PreparedStatement prepared, String sql) throws SQLException {
        prepared.clearParameters();
        PreparedStatement displaced = idle(prepared.getConnection()).put(sql, prepared);
        if (displaced != null && displaced != prepared) {
            displaced.close();
        }
    }

    @Override
    public java.sql.CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        return fallback.createCall(conn, sql, ctx);
    }

    @Override
    public void close(Connection conn, String template, Statement stmt) throws SQLException {
        String sql = checkedOut.remove(stmt);
        if (sql == null || stmt.isClosed()) {
            fallback.close(conn, template, stmt);
            return;
        }
        checkIn((PreparedStatement) stmt, sql);
    }

    private static Map<String, PreparedStatement> idle(Connection physical) {
        Map<String, PreparedStatement> known = IDLE.get(physical);
        if (known != null) {
            return known;
        }
        // A new physical connection: forget the closed ones (their statements refer to them, so the weak keys
        // alone would never let them go).
        synchronized (IDLE) {
            IDLE.keySet().removeIf(ReusingStatementBuilder::isClosed);
        }
        return IDLE.computeIfAbsent(physical, c -> Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= STATEMENTS_PER_CONNECTION) {
                    return false;
                }
                try {
                    eldest.getValue().close();
                } catch (SQLException ignored) {
                    // the statement is dropped either way
                }
                return true;
            }
        }));
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
