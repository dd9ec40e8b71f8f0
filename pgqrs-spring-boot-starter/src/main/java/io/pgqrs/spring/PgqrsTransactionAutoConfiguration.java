package io.pgqrs.spring;

import io.pgqrs.Pgqrs;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link TransactionalProducers}, when the application has a {@link DataSource} (Spring's JDBC support on the class
 * path). Only a store that can run calls on the application's connections (PostgreSQL, SQLite, MariaDB, as
 * {@code Pgqrs.supports(Capability.CALLER_TRANSACTIONS)} says) can use them; on an S3 store their calls fail with
 * {@code UNSUPPORTED}.
 */
@AutoConfiguration(after = PgqrsAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.jdbc.datasource.DataSourceUtils")
@ConditionalOnBean({Pgqrs.class, DataSource.class})
public class PgqrsTransactionAutoConfiguration {

    /** Created by Spring Boot. */
    public PgqrsTransactionAutoConfiguration() {
    }

    /**
     * @param pgqrs the connection
     * @param dataSource the application's data source
     * @return producers joining its Spring-managed transactions
     */
    @Bean
    @ConditionalOnMissingBean
    public TransactionalProducers pgqrsTransactionalProducers(Pgqrs pgqrs, DataSource dataSource) {
        return new TransactionalProducers(pgqrs, dataSource);
    }
}
