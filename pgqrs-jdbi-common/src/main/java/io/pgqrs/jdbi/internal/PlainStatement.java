package io.pgqrs.jdbi.internal;

import io.pgqrs.jdbi.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * A statement template rendered once for a dialect and run through plain JDBC on a handle's connection, so it keeps
 * the handle's transaction and the runner's error translation. For the statements every message or workflow step
 * makes (the claim, the step records): there Jdbi's per-statement set-up (a statement context, copies of the
 * attributes, argument factory look-ups) took more client CPU than the statement itself (half of a PostgreSQL workflow
 * drain's samples).
 *
 * <p>The template uses the attributes of {@link JdbiConfiguration#attributes} ({@code <now>} …), named parameters
 * ({@code :runId}) and list parameters ({@code IN (<ids>)}, bound with {@link Params#bindList}, never empty); a
 * parameter inside single quotes is text, not a parameter.
 *
 * @param <T> what a row maps to
 */
final class PlainStatement<T> {
    private static final Pattern ATTRIBUTE = Pattern.compile("<(\\w+)>");

    /** The template with its attributes rendered; list parameters are still {@code <name>}. */
    private final String rendered;
    /** The statement and its parameter names, where the template has no list parameter; else null. */
    private final Positional fixed;
    private final RowReader<T> reader;
    private final SqlDialect dialect;

    /**
     * @param template the statement with attributes and named parameters
     * @param dialect the database's differences
     * @param reader maps a row
     */
    PlainStatement(String template, SqlDialect dialect, RowReader<T> reader) {
        this.dialect = dialect;
        this.reader = reader;
        this.rendered = rendered(template, JdbiConfiguration.attributes(dialect));
        this.fixed = ATTRIBUTE.matcher(rendered).find() ? null : positional(rendered);
    }

    /**
     * Runs the statement and maps its first row.
     *
     * @param handle the handle whose connection (and transaction) it runs on
     * @param params its parameters, by name
     * @return the first row, if any
     */
    Optional<T> findOne(Handle handle, Params params) {
        return run(handle, params, rs -> rs.next() ? Optional.of(reader.read(rs)) : Optional.empty());
    }

    /**
     * Runs the statement and maps every row.
     *
     * @param handle the handle whose connection (and transaction) it runs on
     * @param params its parameters, by name
     * @return the rows, in the order the database returned them
     */
    List<T> list(Handle handle, Params params) {
        return run(handle, params, rs -> {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
            return rows;
        });
    }

    private <R> R run(Handle handle, Params params, RowReader<R> result) {
        Positional statementOf = fixed != null ? fixed : positional(params.expandLists(rendered));
        String sql = statementOf.sql();
        List<String> names = statementOf.names();
        try {
            PreparedStatement statement = dialect.reusePreparedStatements()
                    ? ReusingStatementBuilder.checkOut(handle.getConnection(), sql)
                    : handle.getConnection().prepareStatement(sql);
            boolean reusable = false;
            try {
                for (int i = 0; i < names.size(); i++) {
                    params.set(statement, i + 1, names.get(i), dialect);
                }
                R read;
                try (ResultSet rs = statement.executeQuery()) {
                    read = result.read(rs);
                }
                reusable = dialect.reusePreparedStatements();
                return read;
            } finally {
                if (reusable) {
                    ReusingStatementBuilder.checkIn(statement, sql);
                } else {
                    statement.close();
                }
            }
        } catch (SQLException e) {
            throw new Failed(sql, e);
        }
    }

    private static String rendered(String template, Map<String, String> attributes) {
        Matcher m = ATTRIBUTE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = attributes.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        return m.appendTail(out).toString();
    }

    /** The statement as JDBC takes it, and the name of each {@code ?} in order. */
    private record Positional(String sql, List<String> names) {
    }

    /** Replaces each {@code :name} outside quotes by {@code ?} and lists the names in order. */
    private static Positional positional(String sql) {
        List<String> names = new ArrayList<>();
        StringBuilder out = new StringBuilder(sql.length());
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            boolean parameter = !quoted && c == ':' && i + 1 < sql.length()
                    && Character.isJavaIdentifierStart(sql.charAt(i + 1)) && (i == 0 || sql.charAt(i - 1) != ':');
            if (!parameter) {
                out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                end++;
            }
            names.add(sql.substring(i + 1, end));
            out.append('?');
            i = end - 1;
        }
        return new Positional(out.toString(), names);
    }

    /**
     * Reads from a result set: the current row, or (for the statement's own use) the whole result.
     *
     * @param <T> what is read
     */
    @FunctionalInterface
    interface RowReader<T> {
        /**
         * @param rs a result set on a row
         * @return the row
         * @throws SQLException when a column cannot be read
         */
        T read(ResultSet rs) throws SQLException;
    }

    /** A statement's parameter values by name: numbers, text and instants (bound as the dialect stores them). */
    static final class Params {
        private final Map<String, Object> values = new HashMap<>();
        private final Map<String, Integer> listSizes = new HashMap<>();

        /**
         * @param name the list parameter, {@code <name>} in the template
         * @param list its values, at least one
         * @return these parameters
         */
        Params bindList(String name, List<Long> list) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("list parameter <" + name + "> is empty");
            }
            for (int i = 0; i < list.size(); i++) {
                values.put(name + "$" + i, list.get(i));
            }
            listSizes.put(name, list.size());
            return this;
        }

        /** @return the rendered template with each {@code <name>} replaced by one named parameter per element */
        String expandLists(String rendered) {
            Matcher m = ATTRIBUTE.matcher(rendered);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                Integer size = listSizes.get(m.group(1));
                if (size == null) {
                    throw new IllegalStateException("list parameter " + m.group() + " is not bound");
                }
                StringBuilder marks = new StringBuilder();
                for (int i = 0; i < size; i++) {
                    marks.append(i > 0 ? ", :" : ":").append(m.group(1)).append('$').append(i);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(marks.toString()));
            }
            return m.appendTail(out).toString();
        }

        Params bind(String name, long value) {
            values.put(name, value);
            return this;
        }

        Params bind(String name, String value) {
            values.put(name, value == null ? NullText.INSTANCE : value);
            return this;
        }

        Params bind(String name, Instant value) {
            values.put(name, value == null ? NullInstant.INSTANCE : value);
            return this;
        }

        void set(PreparedStatement statement, int position, String name, SqlDialect dialect) throws SQLException {
            Object value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("parameter :" + name + " is not bound");
            }
            if (value instanceof Long l) {
                statement.setLong(position, l);
            } else if (value instanceof String s) {
                statement.setString(position, s);
            } else if (value instanceof Instant at) {
                statement.setObject(position, dialect.instantToDb(at));
            } else if (value == NullText.INSTANCE) {
                statement.setNull(position, Types.VARCHAR);
            } else {
                statement.setNull(position, dialect.instantSqlType());
            }
        }

        private enum NullText { INSTANCE }

        private enum NullInstant { INSTANCE }
    }

    /** A JDBC failure, as Jdbi would have reported it, for the runner to translate. */
    private static final class Failed extends JdbiException {
        private static final long serialVersionUID = 1L;

        Failed(String sql, SQLException cause) {
            super("statement failed: " + sql, cause);
        }
    }
}
