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
    private final String returning;
    private final String oneStatement;

    /**
     * @param table the table
     * @param set the SET list
     * @param where the condition that picks the rows
     * @param returning the columns returned; the first is {@code id}
     */
    ReturningUpdate(String table, String set, String where, String returning) {
        this.table = table;
        this.set = set;
        this.where = where;
        this.returning = returning;
        this.oneStatement = "UPDATE " + table + " SET " + set + " WHERE " + where + " RETURNING " + returning;
    }

    /** @return the update as one statement, for a dialect that returns rows from an update, e.g. inside a {@code WITH} */
    String oneStatement() {
        return oneStatement;
    }

    /**
     * @param dialect the dialect; it must return rows from an update
     * @param reader maps a returned row
     * @param <T> the row type
     * @return the update as one statement run through plain JDBC
     */
    <T> PlainStatement<T> plain(SqlDialect dialect, PlainStatement.RowReader<T> reader) {
        if (!dialect.updateReturning()) {
            throw new IllegalArgumentException(dialect.name() + " returns no rows from an update");
        }
        return new PlainStatement<>(oneStatement, dialect, reader);
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
        List<Long> ids = binds.applyTo(handle.createQuery("SELECT id FROM " + table + " WHERE " + where + " FOR UPDATE"))
                .mapTo(Long.class).list();
        return updatePicked(handle, table, set, returning, binds, ids, type, idOf);
    }

    /**
     * The tail of an update without {@code UPDATE … RETURNING}, once the rows are picked (and locked): one update of
     * those ids, one read of them, in the order they were picked.
     *
     * @param handle the handle, in a transaction
     * @param table the table
     * @param set the SET list
     * @param returning the columns read back; the first is {@code id}
     * @param binds the call's parameters
     * @param ids the picked rows, in order
     * @param type the row type
     * @param idOf the id of a row read back
     * @param <T> the row type
     * @return the changed rows, in the order of {@code ids}
     */
    static <T> List<T> updatePicked(Handle handle, String table, String set, String returning, Binds binds, List<Long> ids,
                                    Class<T> type, ToLongFunction<T> idOf) {
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
