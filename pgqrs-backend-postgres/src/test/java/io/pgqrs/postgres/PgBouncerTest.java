package io.pgqrs.postgres;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.ErrorKind;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What is special about PgBouncer in transaction mode: the DSN must say {@code pooler=transaction}, the schema comes
 * from the server, and LISTEN needs a direct connection ({@code listen_host}) or is off. The kit itself runs
 * through the pooler in {@link PgBouncerTckTest}.
 */
class PgBouncerTest {
    /** A database whose own search_path leads to a schema other than public, as a pooler entry per schema would. */
    private static final PgBouncerFixture FIXTURE = new PgBouncerFixture("pgqrs_jobs");

    @AfterEach
    void emptySchema() {
        FIXTURE.cleanUp();
    }

    @AfterAll
    static void dropDatabase() {
        FIXTURE.close();
    }

    /**
     * The pooler the tests use pools per transaction, otherwise the kit's run through it would prove little: while one
     * client stays connected, the server connection its last statement used serves another client's transaction
     * (PgBouncer hands out the most recently used idle server connection first).
     */
    @Test
    void poolerRunsInTransactionMode() throws Exception {
        String dsn = FIXTURE.pooler().pooledDsn(FIXTURE.database());
        try (Connection first = PostgresServer.connect(dsn); Connection second = PostgresServer.connect(dsn)) {
            int firstPid = backendPid(first);
            second.setAutoCommit(false);
            assertThat(backendPid(second)).as("the server connection of another client's last statement (session pooling "
                    + "would keep it for that client)").isEqualTo(firstPid);
            second.rollback();
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Statements through the pooler, LISTEN on a direct connection: a consumer idling with a 30 s poll interval
     * wakes when another connection enqueues through the pooler. The tables land in the schema the server gives.
     */
    @Test
    void listenHostWakesIdleConsumer() throws Exception {
        try (Pgqrs consumerSide = Pgqrs.connect(FIXTURE.freshStore().pollInterval(Duration.ofSeconds(30)).build());
             Pgqrs producerSide = Pgqrs.connect(FIXTURE.freshStore().build())) {
            consumerSide.admin().install();
            consumerSide.admin().createQueue("wake");
            IdleConsumerWakeUp.assertWakes(consumerSide, producerSide, "wake", Duration.ofSeconds(10));
        }
        try (var c = PostgresServer.connect(FIXTURE.pooler().directDsn(FIXTURE.database()));
             ResultSet rs = c.createStatement().executeQuery("SELECT queue_name FROM " + FIXTURE.schema() + ".pgqrs_queues")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("wake");
        }
    }

    /** Without listen_host there is no LISTEN through a transaction pooler: poll loops find messages every interval. */
    @Test
    void withoutListenHostPollLoopsUseTheirInterval() throws Exception {
        Config.Builder store = Config.builder(FIXTURE.dsn(false)).schema(FIXTURE.schema()).maxConnections(4);
        try (Pgqrs consumerSide = Pgqrs.connect(store.pollInterval(Duration.ofMillis(200)).build());
             Pgqrs producerSide = Pgqrs.connect(store.build())) {
            consumerSide.admin().install();
            consumerSide.admin().createQueue("interval");
            IdleConsumerWakeUp.assertWakes(consumerSide, producerSide, "interval", Duration.ofSeconds(10));
        }
    }

    /** A DSN that does not say pooler=transaction is refused by PgBouncer at connect, and the error names the fix. */
    @Test
    void dsnWithoutPoolerOptionFailsNamingIt() {
        String plain = FIXTURE.pooler().pooledDsn(FIXTURE.database()) + "?schema=" + FIXTURE.schema();
        PgqrsException e = assertFails(ErrorKind.CONNECTION_FAILED, () -> Pgqrs.connect(plain));
        assertThat(e.getMessage()).contains("pooler=transaction").contains("listen_host");
    }

    /**
     * A schema other than the one the server gives cannot be set through a transaction pooler: the store refuses to
     * open, naming both schemas, instead of putting the tables elsewhere.
     */
    @Test
    void schemaOtherThanServersIsRefused() {
        PgqrsException e = assertFails(ErrorKind.INVALID_CONFIG,
                () -> Pgqrs.connect(Config.builder(FIXTURE.dsn(true)).schema("public").build()));
        assertThat(e.field()).contains("schema");
        assertThat(e.getMessage()).contains("'" + FIXTURE.schema() + "'").contains("'public'").contains("search_path");
    }
}
