package io.pgqrs.postgres;

import static io.pgqrs.tck.TestEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import io.pgqrs.ValidationConfig;
import io.pgqrs.testsupport.Backlog;
import io.pgqrs.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the worker runtime's loop costs PostgreSQL in write transactions. With one handler the fetch loop waits for the
 * handler's slot; the handler's success is left to the loop's next claim, which archives it and leases the next message
 * in one statement, instead of the completer writing it in a transaction of its own beside that claim.
 */
class PostgresWorkerCommitsTest {
    private final PostgresServer server = PostgresServer.get();
    private String schema;

    @BeforeEach
    void createSchema() {
        schema = server.newSchema("pgwc");
    }

    @AfterEach
    void dropSchema() {
        server.dropSchema(schema);
    }

    @Test
    void oneHandlerPaysAboutOneWriteTransactionPerMessage() throws Exception {
        int n = 300;
        Config config = Config.builder(server.dsn()).schema(schema)
                .validation(ValidationConfig.defaults().withRateLimit(null, null)).build();
        try (Pgqrs pgqrs = Pgqrs.connect(config)) {
            pgqrs.admin().install();
            Backlog.fill(pgqrs, "one", n);
            long before = writeTransactionsSoFar();
            try (QueueWorker worker = pgqrs.worker("one").concurrency(1).handler(m -> { }).start()) {
                awaitTrue("every message handled and archived", Duration.ofSeconds(60),
                        () -> pgqrs.admin().queueMetrics("one").archivedMessages() == n);
            }
            // Less the reading's own; what remains besides the messages is the worker's start, stop and heartbeats.
            long writes = writeTransactionsSoFar() - before - 1;
            assertThat(writes).as("write transactions for %d messages", n).isBetween((long) n, n + n / 10L);
        }
    }

    /** @return transaction ids assigned in the cluster so far: one per write transaction, this call's included */
    private long writeTransactionsSoFar() throws SQLException {
        try (Connection c = PostgresServer.connect(server.dsn()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT txid_current()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
