package io.pgqrs.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.SchemaMigration;
import io.pgqrs.micrometer.PgqrsMetrics;
import io.pgqrs.tck.TestEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Properties, failures and conditions of the auto-configuration, each in a light context on a SQLite file. */
class PgqrsAutoConfigurationTest {
    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PgqrsAutoConfiguration.class, PgqrsHealthAutoConfiguration.class));

    private ApplicationContextRunner onSqlite() {
        return runner.withPropertyValues("pgqrs.dsn=sqlite://" + dir.resolve("jobs.db"), "pgqrs.install-on-startup=true");
    }

    @Test
    void missingDsnFailsNamingTheProperty() {
        runner.run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("pgqrs.dsn is required"));
    }

    @Test
    void malformedDsnFailsNamingTheProperty() {
        runner.withPropertyValues("pgqrs.dsn=no scheme here").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("Property pgqrs.dsn with value 'no scheme here' is invalid"));
    }

    @Test
    void unknownSchemeFailsNamingThePropertyWithoutThePassword() {
        runner.withPropertyValues("pgqrs.dsn=nosuch://app:secret@host/db").run(context -> {
            assertThat(context).hasFailed().getFailure()
                    .hasStackTraceContaining("Property pgqrs.dsn with value")
                    .hasStackTraceContaining("no backend serves scheme 'nosuch'");
            assertThat(stackTrace(context.getStartupFailure())).doesNotContain("secret");
        });
    }

    @Test
    void unreachableStoreFailsNamingTheProperty() {
        runner.withPropertyValues("pgqrs.dsn=postgres://app:secret@127.0.0.1:1/nowhere").run(context -> {
            assertThat(context).hasFailed().getFailure()
                    .hasStackTraceContaining("Cannot open the pgqrs store of pgqrs.dsn=postgres://app:");
            assertThat(context.getStartupFailure().getCause().getMessage()).doesNotContain("secret");
        });
    }

    @Test
    void badSchemaFailsNamingItsProperty() {
        onSqlite().withPropertyValues("pgqrs.schema=1bad").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("Property pgqrs.schema with value '1bad' is invalid"));
    }

    @Test
    void propertiesGiveAnInstalledConnectionClosedWithTheContext() {
        Pgqrs[] seen = new Pgqrs[1];
        onSqlite().withPropertyValues("pgqrs.max-connections=2").run(context -> {
            Pgqrs pgqrs = context.getBean(Pgqrs.class);
            seen[0] = pgqrs;
            pgqrs.admin().verify();
            assertThat(pgqrs.config().maxConnections()).isEqualTo(2);
            assertThat(pgqrs.backendName()).isEqualTo("sqlite");
        });
        assertThatThrownBy(() -> seen[0].admin().listQueues()).as("closed with the context")
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void customizerSetsWhatPropertiesCannot() {
        onSqlite().withBean(PgqrsConfigCustomizer.class, () -> builder -> builder.defaultLockTime(Duration.ofMinutes(2)))
                .run(context -> assertThat(context.getBean(Pgqrs.class).config().defaultLockTime())
                        .isEqualTo(Duration.ofMinutes(2)));
    }

    @Test
    void applicationsOwnConnectionIsUsed() {
        runner.withBean(Pgqrs.class, () -> Pgqrs.connect("sqlite://" + dir.resolve("own.db")), bean -> bean.setDestroyMethodName("close"))
                .run(context -> assertThat(context).hasSingleBean(Pgqrs.class).hasSingleBean(PgqrsWorkers.class));
    }

    @Test
    void listenerOfMissingQueueFailsNamingQueueAndProperty() {
        onSqlite().withBean(Listener.class).run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("pgqrs queue 'audit' of @PgqrsListener method Listener.on")
                .hasStackTraceContaining("pgqrs.create-queues=true"));
    }

    @Test
    void listenerOnAStoreWithoutTablesFailsSayingHowToInstall() {
        runner.withPropertyValues("pgqrs.dsn=sqlite://" + dir.resolve("empty.db")).withBean(Listener.class)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("pgqrs tables are not ready")
                        .hasStackTraceContaining("pgqrs.install-on-startup=true"));
    }

    @Test
    void healthIsDownOnAStoreWithoutTables() {
        runner.withPropertyValues("pgqrs.dsn=sqlite://" + dir.resolve("empty.db")).run(context -> {
            Health health = context.getBean(PgqrsHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("schemaVersion", 0)
                    .hasEntrySatisfying("reason", reason -> assertThat(reason.toString()).contains("pgqrs admin migrate"));
        });
    }

    @Test
    void createQueuesCreatesTheListenersQueue() {
        onSqlite().withBean(Listener.class).withPropertyValues("pgqrs.create-queues=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Pgqrs.class).admin().getQueue("audit").name()).isEqualTo("audit");
            assertThat(context.getBean(PgqrsWorkers.class).workers()).singleElement()
                    .satisfies(worker -> assertThat(worker.queue()).isEqualTo("audit"));
        });
    }

    @Test
    void listenerWithTwoParametersFailsNamingTheMethod() {
        onSqlite().withBean(TwoParameters.class).run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("@PgqrsListener method TwoParameters.on (bean")
                .hasStackTraceContaining("must take exactly one parameter"));
    }

    @Test
    void listenerWithBadSettingsFailsNamingTheMethod() {
        assertWorkerCannotStart(NoThreads.class, "on queue 'audit' cannot start");
    }

    @Test
    void listenerPrefetchReachesTheWorker() {
        assertWorkerCannotStart(NegativePrefetch.class, "prefetch between 0 and 1000 deliveries, got -1");
    }

    /** The context of a listener bean whose worker refuses its settings fails, naming the method and the reason. */
    private void assertWorkerCannotStart(Class<?> listener, String reason) {
        onSqlite().withBean(listener).withPropertyValues("pgqrs.create-queues=true").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("pgqrs worker of @PgqrsListener method " + listener.getSimpleName()
                                + ".on")
                        .hasStackTraceContaining(reason));
    }

    @Test
    void workerBeanIsStarted() {
        onSqlite().withPropertyValues("pgqrs.create-queues=true")
                .withBean(PgqrsWorkerDefinition.class, () -> PgqrsWorkerDefinition.of("reports",
                        worker -> worker.concurrency(1).handler(message -> { })))
                .run(context -> assertThat(context.getBean(PgqrsWorkers.class).workers()).singleElement()
                        .satisfies(worker -> assertThat(worker.isRunning()).isTrue()));
    }

    @Test
    void meterRegistryBeanGetsTheMetrics() {
        MeterRegistry registry = new SimpleMeterRegistry();
        onSqlite().withBean(MeterRegistry.class, () -> registry).run(context -> {
            assertThat(context.getBean(Pgqrs.class).config().observers()).hasAtLeastOneElementOfType(PgqrsMetrics.class);
            context.getBean(Pgqrs.class).admin().createQueue("metered");
            context.getBean(Pgqrs.class).producer("metered").enqueue(Map.of("n", 1));
            assertThat(registry.get("pgqrs.messages.enqueued").tag("queue", "metered").counter().count()).isEqualTo(1.0);
            assertThat(registry.find("hikaricp.connections.max").gauges()).as("the SQLite file's reader and writer pools")
                    .extracting(g -> g.getId().getTag("pool").replaceAll("-\\d+$", ""), g -> g.value())
                    .containsExactlyInAnyOrder(tuple("pgqrs-sqlite-read", 3.0), tuple("pgqrs-sqlite-write", 1.0));
        });
        assertThat(registry.find("hikaricp.connections").gauges()).as("removed with the pools").isEmpty();
    }

    @Test
    void withoutRegistryTheConnectionHasNoObserverAndSaysSoOnceAtInfo() {
        Logger logger = (Logger) LoggerFactory.getLogger(MeterRegistryObserver.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        logger.setLevel(Level.INFO);
        try {
            onSqlite().run(context -> assertThat(context.getBean(Pgqrs.class).config().observers()).isEmpty());
        } finally {
            logger.detachAppender(events);
            logger.setLevel(null);
        }
        assertThat(events.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("pgqrs runs without metrics: no MeterRegistry bean");
        });
    }

    @Test
    void withoutMicrometerOnTheClassPathTheConnectionHasNoObserver() {
        onSqlite().withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run(context -> assertThat(context.getBean(Pgqrs.class).config().observers()).isEmpty());
    }

    @Test
    void healthIsUpWithTheStoresDetails() {
        onSqlite().run(context -> {
            Health health = context.getBean(PgqrsHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("backend", "sqlite").containsEntry("queues", 0);
        });
    }

    @Test
    void healthShowsTheSchemaVersion() {
        onSqlite().run(context -> {
            int latest = context.getBean(Pgqrs.class).admin().schemaVersion().latest();
            assertThat(latest).isPositive();
            Health health = context.getBean(PgqrsHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("schemaVersion", latest).containsEntry("latestSchemaVersion", latest)
                    .doesNotContainKey("reason");
        });
    }

    /**
     * A store left one migration behind (the migrations up to the library's previous version, run as they are listed):
     * DOWN naming {@code pgqrs admin migrate}, and UP once migrated.
     */
    @Test
    void healthIsDownOnAnOlderSchemaNamingTheMigration() {
        Path file = dir.resolve("older.db");
        runner.withPropertyValues("pgqrs.dsn=sqlite://" + file).run(context -> {
            Pgqrs pgqrs = context.getBean(Pgqrs.class);
            int latest = pgqrs.admin().schemaVersion().latest();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                for (SchemaMigration migration : pgqrs.admin().migrationPlan()) {
                    if (migration.version() < latest) {
                        for (String statement : migration.statements()) {
                            s.execute(statement);
                        }
                    }
                }
            }
            PgqrsHealthIndicator indicator = context.getBean(PgqrsHealthIndicator.class);
            Health older = indicator.health(true);
            assertThat(older.getStatus()).isEqualTo(Status.DOWN);
            assertThat(older.getDetails()).containsEntry("schemaVersion", latest - 1)
                    .containsEntry("latestSchemaVersion", latest).doesNotContainKey("queues")
                    .hasEntrySatisfying("reason", reason -> assertThat(reason.toString())
                            .contains("version " + (latest - 1) + ", older than this library's " + latest)
                            .contains("run `pgqrs admin migrate`").contains("pgqrs.install-on-startup=true"));

            pgqrs.admin().install();
            Health migrated = indicator.health(true);
            assertThat(migrated.getStatus()).isEqualTo(Status.UP);
            assertThat(migrated.getDetails()).containsEntry("schemaVersion", latest).containsEntry("queues", 0);
        });
    }

    /** A store a newer pgqrs migrated: DOWN saying to upgrade pgqrs, without reading the queues. */
    @Test
    void healthIsDownOnANewerSchemaSayingToUpgrade() {
        Path file = dir.resolve("jobs.db");
        onSqlite().run(context -> {
            int latest = context.getBean(Pgqrs.class).admin().schemaVersion().latest();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("INSERT INTO pgqrs_schema_version (version, description) VALUES (" + (latest + 1)
                        + ", 'from a newer pgqrs')");
            }
            Health health = context.getBean(PgqrsHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("schemaVersion", latest + 1)
                    .containsEntry("latestSchemaVersion", latest).doesNotContainKey("queues")
                    .hasEntrySatisfying("reason", reason -> assertThat(reason.toString())
                            .contains("newer than this library's " + latest).contains("upgrade pgqrs"));
        });
    }

    @Test
    void healthIsDownWhenTheOldestPendingMessageIsTooOld() {
        onSqlite().withPropertyValues("pgqrs.health.max-oldest-pending-age=50ms").run(context -> {
            Pgqrs pgqrs = context.getBean(Pgqrs.class);
            pgqrs.admin().createQueue("slow");
            pgqrs.producer("slow").enqueue(Map.of("n", 1));
            PgqrsHealthIndicator indicator = context.getBean(PgqrsHealthIndicator.class);
            TestEnvironment.awaitTrue("health DOWN", Duration.ofSeconds(5),
                    () -> indicator.health(true).getStatus().equals(Status.DOWN));
            assertThat(indicator.health(true).getDetails()).containsEntry("oldestPendingQueue", "slow")
                    .hasEntrySatisfying("reason", reason -> assertThat(reason.toString())
                            .contains("pgqrs.health.max-oldest-pending-age"));
        });
    }

    @Test
    void healthIndicatorCanBeSwitchedOff() {
        onSqlite().withPropertyValues("management.health.pgqrs.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(PgqrsHealthIndicator.class));
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** A listener of a queue nobody created. */
    static class Listener {
        @PgqrsListener(queue = "audit", concurrency = 1)
        void on(Message message) {
        }
    }

    /** A listener without handler threads. */
    static class NoThreads {
        @PgqrsListener(queue = "audit", concurrency = 0)
        void on(Message message) {
        }
    }

    /** A listener with a prefetch the worker refuses. */
    static class NegativePrefetch {
        @PgqrsListener(queue = "audit", prefetch = -1)
        void on(Message message) {
        }
    }

    /** A listener the starter cannot call. */
    static class TwoParameters {
        @PgqrsListener(queue = "audit")
        void on(Message message, String extra) {
        }
    }
}
