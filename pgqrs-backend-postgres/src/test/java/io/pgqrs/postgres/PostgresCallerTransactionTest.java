package io.pgqrs.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.WorkerStatus;
import io.pgqrs.tck.TestEnvironment;
import io.pgqrs.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls in a caller's transaction on PostgreSQL: the enqueue notification is delivered at commit (a worker waiting on
 * the queue neither hears nor sees the message before, and wakes at once after), and a failed call does not abort the
 * caller's transaction.
 */
class PostgresCallerTransactionTest {
    private final PostgresServer server = PostgresServer.get();
    private String schema;

    @BeforeEach
    void createSchema() {
        schema = server.newSchema("pgct");
    }

    @AfterEach
    void dropSchema() {
        server.dropSchema(schema);
    }

    /**
     * Notifications reach a listener in commit order, so a marker enqueue committed on another queue after the
     * caller's uncommitted one, and heard, proves the caller's was not sent early, without waiting for an absence.
     */
    @Test
    void notifyIsDeliveredAtCommitAndWakesTheWaitingWorker() throws Exception {
        Config config = Config.builder(server.dsn()).schema(schema).maxConnections(4).pollInterval(Duration.ofSeconds(30)).build();
        try (Pgqrs workerSide = Pgqrs.connect(config); Pgqrs appSide = Pgqrs.connect(config)) {
            workerSide.admin().install();
            long queueId = workerSide.admin().createQueue("outbox").id();
            long markerId = workerSide.admin().createQueue("marker").id();
            Set<Long> heard = ConcurrentHashMap.newKeySet();
            Consumer worker = workerSide.consumer("outbox");
            var producer = appSide.producer("outbox");
            var marker = appSide.producer("marker");
            try (AutoCloseable subscription = workerSide.store().subscribe(heard::add);
                 Connection c = PostgresServer.connect(server.dsn())) {
                CompletableFuture<List<Message>> polled = CompletableFuture.supplyAsync(() -> worker.poll(1, Duration.ofSeconds(60)));
                TestEnvironment.awaitTrue("worker polling", Duration.ofSeconds(10), () -> worker.status() == WorkerStatus.POLLING);
                c.setSchema(schema);
                c.setAutoCommit(false);
                Message sent = producer.withConnection(c).enqueue(Map.of("order", 1));

                TestEnvironment.awaitTrue("the marker's notification", Duration.ofSeconds(10), () -> {
                    marker.enqueue(Map.of("marker", true));
                    return heard.contains(markerId);
                });
                assertThat(heard).as("notified before the commit").doesNotContain(queueId);
                assertThat(polled).as("worker woke before the commit").isNotDone();

                c.commit();
                List<Message> got = polled.get(TestEnvironment.timeout(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS);
                assertThat(got).extracting(Message::id).containsExactly(sent.id());
                assertThat(heard).contains(queueId);
            }
        }
    }

    /**
     * A call that fails inside the caller's transaction is undone to its savepoint: the caller's transaction is not
     * aborted, goes on and commits its own writes, without the message.
     */
    @Test
    void aFailedCallLeavesTheCallersTransactionUsable() throws Exception {
        Config config = Config.builder(server.dsn()).schema(schema).maxConnections(4).build();
        try (Pgqrs pgqrs = Pgqrs.connect(config);
             Connection locker = PostgresServer.connect(server.dsn());
             Connection c = PostgresServer.connect(server.dsn())) {
            pgqrs.admin().install();
            long queueId = pgqrs.admin().createQueue("outbox").id();
            var producer = pgqrs.producer("outbox");
            c.setSchema(schema);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY)");
            }
            locker.setSchema(schema);
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE pgqrs_messages IN EXCLUSIVE MODE");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '100ms'");
                s.execute("INSERT INTO orders VALUES (1)");
                PgqrsException failed = assertThrows(PgqrsException.class,
                        () -> producer.withConnection(c).enqueue(Map.of("order", 1)));
                assertThat(failed.getMessage()).contains("lock");
                s.execute("INSERT INTO orders VALUES (2)");
            }
            c.commit();
            locker.rollback();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
            assertThat(pgqrs.store().messages().countByQueue(queueId)).isZero();
        }
    }
}
