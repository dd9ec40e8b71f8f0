package io.pgqrs.jdbi.internal;

import io.pgqrs.jdbi.SqlDialect;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Sets up Jdbi for a dialect: SQL objects, row mappers, instant binding and the dialect's SQL attributes. */
public final class JdbiConfiguration {
    private JdbiConfiguration() {
    }

    /**
     * @param dataSource the pool
     * @param dialect the database's differences
     * @return a configured Jdbi
     */
    public static Jdbi create(DataSource dataSource, SqlDialect dialect) {
        return configure(Jdbi.create(dataSource), dialect);
    }

    /**
     * @param connections where handles get their connection (a caller's, which the handle never closes)
     * @param dialect the database's differences
     * @return a configured Jdbi whose handles leave the transaction they find open for its owner to end
     */
    public static Jdbi create(ConnectionFactory connections, SqlDialect dialect) {
        Jdbi jdbi = configure(Jdbi.create(connections), dialect);
        jdbi.getConfig(Handles.class).setForceEndTransactions(false);
        return jdbi;
    }

    /**
     * @param dialect the database's differences
     * @return the SQL attributes every statement template may use ({@code <now>}, {@code <json>} …), by name
     */
    static Map<String, String> attributes(SqlDialect dialect) {
        String now = dialect.now();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("now", now);
        attributes.put("nowPlusDelay", dialect.plusSeconds(now, ":delaySeconds"));
        attributes.put("leaseEnd", dialect.plusSeconds(now, ":leaseSeconds"));
        attributes.put("vtPlusSeconds", dialect.plusSeconds("vt", ":seconds"));
        attributes.put("cutoff", dialect.plusSeconds(now, "-(:ageSeconds)"));
        attributes.put("json", dialect.jsonType());
        attributes.put("status", dialect.workerStatusType());
        attributes.put("claimLock", dialect.claimLockClause());
        attributes.put("text", dialect.textType());
        attributes.put("bigint", dialect.bigintType());
        attributes.put("insertIgnore", dialect.insertIgnoringDuplicates());
        attributes.put("onConflictIgnore", dialect.onDuplicateDoNothing());
        return attributes;
    }

    private static Jdbi configure(Jdbi jdbi, SqlDialect dialect) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new InstantArgumentFactory(dialect));
        RowMappers.register(jdbi, dialect);
        attributes(dialect).forEach(jdbi::define);
        if (dialect.reusePreparedStatements()) {
            jdbi.setStatementBuilderFactory(conn -> new ReusingStatementBuilder());
        }
        if (!dialect.updateReturning()) {
            // An emulated UPDATE … RETURNING applies the call's parameters to each of its three statements.
            jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        }
        return jdbi;
    }
}
