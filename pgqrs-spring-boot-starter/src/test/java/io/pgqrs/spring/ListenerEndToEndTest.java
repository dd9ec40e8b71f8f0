package io.pgqrs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueWorker;
import io.pgqrs.tck.TestEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A real Spring Boot application (auto-configuration, actuator, Micrometer) with a {@link PgqrsListener}: it receives
 * what was enqueued, the health endpoint shows the store, the application's registry has the meters, and closing the
 * context while handlers are running loses no message and handles none twice. Each backend supplies its store.
 */
abstract class ListenerEndToEndTest {
    private static final int FIRST = 20;
    private static final int HELD = 30;
    private static final int CONCURRENCY = 4;

    /** @return the DSN of an empty store owned by this test */
    abstract String dsn();

    @Test
    void listenerReceivesEnqueuedMessagesAndShutdownLosesNone() throws Exception {
        Recorder recorder = new Recorder();
        ConfigurableApplicationContext app = start(recorder);
        Pgqrs pgqrs = app.getBean(Pgqrs.class);
        pgqrs.producer("orders").enqueueBatch(orders(0, FIRST, false));
        TestEnvironment.awaitTrue(FIRST + " orders handled", Duration.ofSeconds(10), () -> recorder.completed.size() == FIRST);

        IndicatedHealthDescriptor health = (IndicatedHealthDescriptor) app.getBean(HealthEndpoint.class).healthForPath("pgqrs");
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        int schema = pgqrs.admin().schemaVersion().latest();
        assertThat(health.getDetails()).containsEntry("backend", pgqrs.backendName()).containsEntry("queues", 1)
                .containsEntry("schemaVersion", schema).containsEntry("latestSchemaVersion", schema);
        assertThat(app.getBean(MeterRegistry.class).find("hikaricp.connections.max").gauges())
                .as("the store's HikariCP pools on the application's registry").isNotEmpty()
                .allSatisfy(g -> assertThat(g.getId().getTag("pool")).startsWith("pgqrs-" + pgqrs.backendName()));
        assertThat(app.getBean(MeterRegistry.class).get("pgqrs.messages.enqueued").tag("queue", "orders").counter()
                .count()).isEqualTo(FIRST);

        // Fill every handler slot with a message that waits on the gate, then close the context under them.
        pgqrs.producer("orders").enqueueBatch(orders(FIRST, HELD, true));
        TestEnvironment.awaitTrue("every handler busy", Duration.ofSeconds(10), () -> recorder.inFlight.get() == CONCURRENCY);
        QueueWorker worker = app.getBean(PgqrsWorkers.class).workers().get(0);
        Thread closer = new Thread(app::close, "context-close");
        closer.start();
        TestEnvironment.awaitTrue("worker stopped fetching", Duration.ofSeconds(10), () -> !worker.isRunning());
        assertThat(closer.isAlive()).as("close waits for the handlers in flight").isTrue();
        recorder.gate.countDown();
        closer.join(TestEnvironment.timeout(Duration.ofSeconds(30)).toMillis());
        assertThat(closer.isAlive()).as("context closed").isFalse();

        int handled = recorder.completed.size();
        assertThat(handled).isGreaterThanOrEqualTo(FIRST + CONCURRENCY);
        try (Pgqrs check = Pgqrs.connect(dsn())) {
            QueueMetrics metrics = check.admin().queueMetrics("orders");
            assertThat(metrics.lockedMessages()).as("nothing left leased").isZero();
            assertThat(metrics.archivedMessages()).as("every handled message settled").isEqualTo(handled);
            assertThat(metrics.pendingMessages()).isEqualTo(FIRST + HELD - handled);
        }

        // A second run of the application takes the rest.
        ConfigurableApplicationContext again = start(recorder);
        try {
            TestEnvironment.awaitTrue("all orders handled", Duration.ofSeconds(10),
                    () -> recorder.completed.size() == FIRST + HELD);
        } finally {
            again.close();
        }
        assertThat(recorder.completed).isEqualTo(Set.copyOf(IntStream.range(0, FIRST + HELD).boxed().toList()));
        assertThat(recorder.deliveries).allSatisfy((n, count) -> assertThat(count.get()).as("deliveries of %d", n).isOne());
    }

    private ConfigurableApplicationContext start(Recorder recorder) {
        return new SpringApplicationBuilder(OrdersApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("recorder", recorder))
                .properties("spring.main.web-application-type=none",
                        "spring.main.banner-mode=off",
                        // spring-jdbc is on the test class path for TransactionalEnqueueTest; this application has no database of its own
                        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                        "pgqrs.dsn=" + dsn(),
                        "pgqrs.install-on-startup=true",
                        "pgqrs.create-queues=true",
                        "management.endpoint.health.show-details=always")
                .run();
    }

    private static List<Order> orders(int from, int count, boolean hold) {
        return IntStream.range(from, from + count).mapToObj(n -> new Order(n, hold)).toList();
    }

    /** The payload the listener binds. */
    record Order(int n, boolean hold) {
    }

    /** What the listener saw, shared by both runs of the application. */
    static final class Recorder {
        final Map<Integer, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        final Set<Integer> completed = ConcurrentHashMap.newKeySet();
        final AtomicInteger inFlight = new AtomicInteger();
        final CountDownLatch gate = new CountDownLatch(1);
    }

    /** The application under test. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class OrdersApplication {

        @Bean
        OrderListener orderListener(Recorder recorder) {
            return new OrderListener(recorder);
        }
    }

    /** Handles orders; held ones wait on the recorder's gate. */
    static class OrderListener {
        private final Recorder recorder;

        OrderListener(Recorder recorder) {
            this.recorder = recorder;
        }

        @PgqrsListener(queue = "orders", concurrency = CONCURRENCY)
        void on(Order order) throws InterruptedException {
            recorder.deliveries.computeIfAbsent(order.n(), n -> new AtomicInteger()).incrementAndGet();
            if (order.hold()) {
                recorder.inFlight.incrementAndGet();
                try {
                    assertThat(recorder.gate.await(TestEnvironment.timeout(Duration.ofSeconds(30)).toMillis(),
                            TimeUnit.MILLISECONDS)).isTrue();
                } finally {
                    recorder.inFlight.decrementAndGet();
                }
            }
            recorder.completed.add(order.n());
        }
    }
}
