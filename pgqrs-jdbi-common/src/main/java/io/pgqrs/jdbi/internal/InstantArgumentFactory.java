package io.pgqrs.jdbi.internal;

import io.pgqrs.jdbi.SqlDialect;
import java.time.Instant;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/** Binds instants in the dialect's representation (ISO text for SQLite, {@code timestamptz} for PostgreSQL). */
final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
    private final SqlDialect dialect;

    InstantArgumentFactory(SqlDialect dialect) {
        super(dialect.instantSqlType());
        this.dialect = dialect;
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        Object bound = dialect.instantToDb(value);
        return (position, statement, ctx) -> statement.setObject(position, bound);
    }
}
