package io.pgqrs.jdbi.internal;

import io.pgqrs.jdbi.SqlDialect;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;

/**
 * An {@code UPDATE} of the rows a condition picks that returns columns of the changed rows: one statement where
 * the database has {@code UPDATE … RETURNING}, else the three statements {@link SqlDialect#updateReturning()}
 * describes, which the caller runs in a transaction. Written once, for every dialect.
 */
final class ReturningUpdate {
    private final String table;
    private final String set;
    private final String where;
    private final String orderAndLimit;
    private final String returning;
    private final String oneStatement;

    /**
     * @param table the table
     * @param set the SET list
     * @param where the condition that picks the rows
     * @param orderAndLimit {@code ORDER BY … LIMIT …} for a claim (its rows are locked with the dialect's claim
     *        clause, skipping locked ones), or null for every matching row
     * @param returning the columns returned; the first is {@code id}
     */
    ReturningUpdate(String table, String set, String where, String orderAndLimit, String returning) {
        this.table = table;
        this.set = set;
        this.where = where;
        this.orderAndLimit = orderAndLimit;
        this.returning = returning;
        this.oneStatement = orderAndLimit == null
                ? "UPDATE " + table + " SET " + set + " WHERE " + where + " RETURNING " + returning
                : "UPDATE " + table + " SET " + set + " WHERE id IN (SELECT id FROM " + table + " WHERE " + where
                        + " " + orderAndLimit + " <claimLock>) RETURNING " + returning;
    }

    /**
     * @param dialect the dialect
     * @return the statement that picks the rows: the whole update where it is one statement, else the locking select
     */
    String pickingStatement(SqlDialect dialect) {
        if (dialect.updateReturning()) {
            return oneStatement;
        }
        String lock = orderAndLimit == null ? "FOR UPDATE" : orderAndLimit + " " + dialect.claimLockClause();
        return "SELECT id FROM " + table + " WHERE " + where + " " + lock;
    }

    /**
     * Runs the update on {@code handle}; without {@code UPDATE … RETURNING} the handle must be in a transaction.
     *
     * @param handle the handle
     * @param dialect the dialect
     * @param binds the call's parameters
     * @param type the row type ({@code Long} for ids)
     * @param idOf the id of a returned row, to keep the order the rows were picked in
     * @param <T> the row type
     * @return the changed rows
     */
    <T> List<T> run(Handle handle, SqlDialect dialect, Binds binds, Class<T> type, ToLongFunction<T> idOf) {
        if (dialect.updateReturning()) {
            return binds.applyTo(handle.createQuery(oneStatement)).mapTo(type).list();
        }
        List<Long> ids = binds.applyTo(handle.createQuery(pickingStatement(dialect))).mapTo(Long.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        binds.applyTo(handle.createUpdate("UPDATE " + table + " SET " + set + " WHERE id IN (<pgqrs_picked>)"))
                .bindList("pgqrs_picked", ids).execute();
        List<T> rows = binds.applyTo(handle.createQuery("SELECT " + returning + " FROM " + table
                + " WHERE id IN (<pgqrs_picked>)")).bindList("pgqrs_picked", ids).mapTo(type).list();
        Map<Long, Integer> position = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        return rows.stream().sorted(Comparator.comparingInt(r -> position.get(idOf.applyAsLong(r)))).toList();
    }
}
