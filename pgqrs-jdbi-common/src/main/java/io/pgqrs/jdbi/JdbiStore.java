package io.pgqrs.jdbi;

import io.pgqrs.ConcurrencyModel;
import io.pgqrs.Config;
import io.pgqrs.MessageState;
import io.pgqrs.jdbi.internal.CallerConnections;
import io.pgqrs.jdbi.internal.Claim;
import io.pgqrs.jdbi.internal.JdbiConfiguration;
import io.pgqrs.jdbi.internal.JdbiPorts;
import io.pgqrs.jdbi.internal.JdbiSchedulePorts;
import io.pgqrs.jdbi.internal.JdbiWorkflowPorts;
import io.pgqrs.jdbi.internal.MessageDao;
import io.pgqrs.jdbi.internal.StatementRunner;
import io.pgqrs.spi.CallerTransactions;
import io.pgqrs.spi.MessageTable;
import io.pgqrs.spi.PooledStore;
import io.pgqrs.spi.QueueTable;
import io.pgqrs.spi.RunTable;
import io.pgqrs.spi.ScheduleTable;
import io.pgqrs.spi.SchemaAdmin;
import io.pgqrs.spi.StatsQueries;
import io.pgqrs.spi.StepTable;
import io.pgqrs.spi.Store;
import io.pgqrs.spi.WorkerTable;
import io.pgqrs.spi.WorkflowTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A {@link Store} over any JDBC database: all SQL is written once in this module, and a backend only
 * supplies its {@link SqlDialect} and a pooled {@link DataSource}. Subclass it, or use it as is. It also runs its
 * calls on a connection of the application's ({@link CallerTransactions}), checked against
 * {@link SqlDialect#databaseIdentityQuery()}, and hands its pools to metrics modules ({@link PooledStore}).
 */
public class JdbiStore implements Store, CallerTransactions, PooledStore {

    private final Config config;
    private final SqlDialect dialect;
    private final ConcurrencyModel concurrencyModel;
    private final DataSource readers;
    private final DataSource writer;
    private final StatementRunner runner;
    private final QueueTable queues;
    private final MessageTable messages;
    private final WorkerTable workers;
    private final WorkflowTable workflows;
    private final RunTable runs;
    private final StepTable steps;
    private final ScheduleTable schedules;
    private final StatsQueries stats;
    private final SchemaAdmin schema;
    private final CallerConnections callers;

    /**
     * @param config the configuration
     * @param dialect the database's differences
     * @param concurrencyModel how many processes may share the store
     * @param dataSource a pooled data source; closed with the store when it is {@link AutoCloseable}
     */
    public JdbiStore(Config config, SqlDialect dialect, ConcurrencyModel concurrencyModel, DataSource dataSource) {
        this(config, dialect, concurrencyModel, dataSource, dataSource);
    }

    /**
     * For a database with a single writer ({@link SqlDialect#serializesWrites()}): writes and transactions take the
     * {@code writer} pool, whose one connection keeps its page cache warm (a connection drops its cache whenever
     * another one wrote); reads outside a transaction take {@code readers}.
     *
     * @param config the configuration
     * @param dialect the database's differences
     * @param concurrencyModel how many processes may share the store
     * @param readers a pooled data source for reads; closed with the store when it is {@link AutoCloseable}
     * @param writer a pooled data source for writes, or {@code readers} itself; closed likewise
     */
    public JdbiStore(Config config, SqlDialect dialect, ConcurrencyModel concurrencyModel, DataSource readers,
            DataSource writer) {
        this.config = config;
        this.dialect = dialect;
        this.concurrencyModel = concurrencyModel;
        this.readers = readers;
        this.writer = writer;
        Jdbi readerJdbi = JdbiConfiguration.create(readers, dialect);
        Jdbi writerJdbi = writer == readers ? readerJdbi : JdbiConfiguration.create(writer, dialect);
        this.runner = new StatementRunner(readerJdbi, writerJdbi, dialect, () -> {
            ConnectionPools.dropConnections(readers);
            ConnectionPools.dropConnections(writer);
        });
        this.queues = JdbiPorts.queues(runner);
        this.messages = JdbiPorts.messages(runner, dialect);
        this.workers = JdbiPorts.workers(runner, dialect);
        this.workflows = JdbiWorkflowPorts.workflows(runner);
        this.runs = JdbiWorkflowPorts.runs(runner, dialect);
        this.steps = JdbiWorkflowPorts.steps(runner, dialect);
        this.schedules = JdbiSchedulePorts.schedules(runner);
        this.stats = JdbiPorts.stats(runner);
        this.schema = JdbiPorts.schema(runner, dialect);
        this.callers = new CallerConnections(runner, dialect);
    }

    @Override
    public String backendName() {
        return dialect.name();
    }

    @Override
    public ConcurrencyModel concurrencyModel() {
        return concurrencyModel;
    }

    @Override
    public boolean takesOneWriteAtATime() {
        return dialect.serializesWrites();
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public QueueTable queues() {
        return queues;
    }

    @Override
    public MessageTable messages() {
        return messages;
    }

    @Override
    public WorkerTable workers() {
        return workers;
    }

    @Override
    public WorkflowTable workflows() {
        return workflows;
    }

    @Override
    public RunTable runs() {
        return runs;
    }

    @Override
    public StepTable steps() {
        return steps;
    }

    @Override
    public ScheduleTable schedules() {
        return schedules;
    }

    @Override
    public StatsQueries stats() {
        return stats;
    }

    @Override
    public SchemaAdmin schema() {
        return schema;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return runner.inTransaction(work);
    }

    @Override
    public <T> T onConnection(Connection connection, Supplier<T> work) {
        return callers.run(connection, work);
    }

    /** @return the pool for reads and, when writes have a pool of their own, that one too */
    @Override
    public List<DataSource> connectionPools() {
        return writer == readers ? List.of(readers) : List.of(readers, writer);
    }

    /**
     * Shows the database's plan for the message claim (where the claim is several statements, for the pick of the rows
     * of priority 0), for checking that it stays O(batch): an index range scan under the limit, with no sort, whatever
     * the backlog.
     *
     * @param queueId a queue
     * @param consumerId a consumer of it (planners that evaluate the worker check first need a real one)
     * @return the plan, one line per row
     */
    public List<String> explainClaim(long queueId, long consumerId) {
        return runner.withHandle("EXPLAIN_CLAIM", false, h -> h.createQuery(dialect.explainPrefix() + " " + Claim.pickingStatement(dialect))
                .bind("queueId", queueId).bind("level", 0).bind("consumerId", consumerId).bind("limit", 10).bind("leaseSeconds", 30L)
                .bind("maxReadCt", 5).bindByType("at", null, Instant.class)
                .map(JdbiStore::planLine).list());
    }

    /**
     * Shows the database's plan for one page of a queue's messages in a state, as the dashboard browses them, for
     * checking that a page reads an index range rather than the table.
     *
     * @param queueId a queue
     * @param state which messages
     * @return the plan, one line per row
     */
    public List<String> explainPage(long queueId, MessageState state) {
        return runner.withHandle("EXPLAIN_PAGE", false, h -> h.createQuery(dialect.explainPrefix() + " " + MessageDao.page(state))
                .bind("queueId", queueId).bind("beforeId", Long.MAX_VALUE).bind("limit", 50).bind("maxReadCt", 5)
                .bindByType("at", null, Instant.class).map(JdbiStore::planLine).list());
    }

    /**
     * Shows the database's plan for finding the messages that hold idempotency keys, as an enqueue with keys does,
     * for checking that it is an index lookup whatever the size of the table.
     *
     * @param queueId a queue
     * @param key a key
     * @return the plan, one line per row
     */
    public List<String> explainKeyLookup(long queueId, String key) {
        return runner.withHandle("EXPLAIN_KEY_LOOKUP", false, h -> h.createQuery(dialect.explainPrefix() + " "
                        + MessageDao.HOLDERS_OF_KEYS).bind("queueId", queueId).bindList("keys", List.of(key))
                .map(JdbiStore::planLine).list());
    }

    private static String planLine(ResultSet rs, StatementContext ctx) throws SQLException {
        StringBuilder line = new StringBuilder();
        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
            line.append(c > 1 ? " | " : "").append(rs.getString(c));
        }
        return line.toString();
    }

    @Override
    public void close() {
        runner.close();
        ConnectionPools.close(readers, dialect.name());
        if (writer != readers) {
            ConnectionPools.close(writer, dialect.name());
        }
    }
}
