package io.pgqrs.jdbi.internal;

import io.pgqrs.jdbi.SqlDialect;
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

    private static Jdbi configure(Jdbi jdbi, SqlDialect dialect) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new InstantArgumentFactory(dialect));
        RowMappers.register(jdbi, dialect);
        String now = dialect.now();
        jdbi.define("now", now);
        jdbi.define("nowPlusDelay", dialect.plusSeconds(now, ":delaySeconds"));
        jdbi.define("leaseEnd", dialect.plusSeconds(now, ":leaseSeconds"));
        jdbi.define("vtPlusSeconds", dialect.plusSeconds("vt", ":seconds"));
        jdbi.define("cutoff", dialect.plusSeconds(now, "-(:ageSeconds)"));
        jdbi.define("json", dialect.jsonType());
        jdbi.define("status", dialect.workerStatusType());
        jdbi.define("claimLock", dialect.claimLockClause());
        jdbi.define("text", dialect.textType());
        jdbi.define("bigint", dialect.bigintType());
        jdbi.define("insertIgnore", dialect.insertIgnoringDuplicates());
        jdbi.define("onConflictIgnore", dialect.onDuplicateDoNothing());
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
