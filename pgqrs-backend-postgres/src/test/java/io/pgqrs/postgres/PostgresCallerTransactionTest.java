package io.pgqrs.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.WorkerStatus;
import io.pgqrs.tck.TestEnvironment;
import io.pgqrs.testsupport.PostgresServer;
import java.sql.Connection;
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
 * PostgreSQL delivers the enqueue notification of a caller's transaction at its commit: a worker waiting on the queue
 * neither hears nor sees the message before, and wakes at once after.
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
}
