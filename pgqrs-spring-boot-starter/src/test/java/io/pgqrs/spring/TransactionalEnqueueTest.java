package io.pgqrs.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.testsupport.PostgresServer;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enqueue inside a Spring {@code @Transactional} method on the application's PostgreSQL data source: the message
 * commits with the business row, and a rolled-back method leaves neither.
 */
class TransactionalEnqueueTest {
    private final PostgresServer server = PostgresServer.get();
    private String schema;

    @BeforeEach
    void createSchema() {
        schema = server.newSchema("springtx");
    }

    @AfterEach
    void dropSchema() {
        server.dropSchema(schema);
    }

    /** The application's service: an order row and its confirmation message, in one transaction. */
    static class OrderService {
        private final JdbcTemplate jdbc;
        private final TransactionalProducers producers;

        OrderService(DataSource dataSource, TransactionalProducers producers) {
            this.jdbc = new JdbcTemplate(dataSource);
            this.producers = producers;
        }

        @Transactional
        public void place(int order, boolean declined) {
            jdbc.update("INSERT INTO orders (id) VALUES (?)", order);
            producers.producer("emails").enqueue(Map.of("order", order));
            if (declined) {
                throw new IllegalStateException("payment declined");
            }
        }
    }

    /** The application's configuration. */
    @Configuration(proxyBeanMethods = false)
    static class Shop {
        @Bean
        OrderService orderService(DataSource dataSource, TransactionalProducers producers) {
            return new OrderService(dataSource, producers);
        }
    }

    @Test
    void enqueueCommitsAndRollsBackWithTheApplicationsTransaction() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                        PgqrsAutoConfiguration.class, PgqrsTransactionAutoConfiguration.class))
                .withUserConfiguration(Shop.class)
                .withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema,
                        "spring.datasource.username=postgres", "pgqrs.dsn=" + server.dsn(schema),
                        "pgqrs.install-on-startup=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Pgqrs pgqrs = context.getBean(Pgqrs.class);
                    pgqrs.admin().createQueue("emails");
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    jdbc.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
                    OrderService service = context.getBean(OrderService.class);

                    service.place(1, false);
                    assertThatThrownBy(() -> service.place(2, true)).hasMessageContaining("payment declined");
                    context.getBean(TransactionalProducers.class).producer("emails").enqueue(Map.of("order", 3));

                    assertThat(jdbc.queryForList("SELECT id FROM orders", Integer.class)).containsExactly(1);
                    List<Message> sent = pgqrs.consumer("emails").dequeue(10);
                    assertThat(sent).as("the committed order's message and the one sent outside a transaction")
                            .extracting(m -> m.payload().get("order").asInt()).containsExactly(1, 3);
                    assertThat(pgqrs.admin().queueMetrics("emails").totalMessages()).isEqualTo(2);
                });
    }
}
