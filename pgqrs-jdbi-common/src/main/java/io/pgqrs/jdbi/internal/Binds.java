package io.pgqrs.jdbi.internal;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The parameters of one port call, applied alike to each statement that carries it out: the single statement, or
 * the three of an emulated {@code UPDATE … RETURNING}.
 */
final class Binds {
    private record Named(String name, Object value, Type type) {
    }

    private final List<Named> named = new ArrayList<>();
    private final Map<String, List<?>> lists = new LinkedHashMap<>();

    Binds bind(String name, Object value, Type type) {
        named.add(new Named(name, value, type));
        return this;
    }

    Binds bind(String name, long value) {
        return bind(name, value, long.class);
    }

    Binds list(String name, List<?> values) {
        lists.put(name, values);
        return this;
    }

    /**
     * The parameters for a {@link PlainStatement}: numbers, text, instants and lists of ids.
     *
     * @return a fresh set of parameters, which the caller may add to
     */
    @SuppressWarnings("unchecked")
    PlainStatement.Params params() {
        PlainStatement.Params params = new PlainStatement.Params();
        lists.forEach((name, values) -> params.bindList(name, (List<Long>) values));
        for (Named n : named) {
            if (n.type() == Instant.class) {
                params.bind(n.name(), (Instant) n.value());
            } else if (n.value() instanceof Number number) {
                params.bind(n.name(), number.longValue());
            } else {
                params.bind(n.name(), (String) n.value());
            }
        }
        return params;
    }

    <S extends SqlStatement<S>> S applyTo(S statement) {
        named.forEach(n -> statement.bindByType(n.name(), n.value(), n.type()));
        lists.forEach(statement::bindList);
        return statement;
    }
}
