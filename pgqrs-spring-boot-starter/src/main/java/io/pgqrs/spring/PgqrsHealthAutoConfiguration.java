package io.pgqrs.spring;

import io.pgqrs.Pgqrs;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code pgqrs} health contributor ({@link PgqrsHealthIndicator}), when Spring Boot's health support is on the
 * class path and {@code management.health.pgqrs.enabled} is not false.
 */
@AutoConfiguration(after = PgqrsAutoConfiguration.class)
@ConditionalOnClass({Pgqrs.class, HealthIndicator.class})
@ConditionalOnBean(Pgqrs.class)
@ConditionalOnEnabledHealthIndicator("pgqrs")
public class PgqrsHealthAutoConfiguration {

    /** Created by Spring Boot. */
    public PgqrsHealthAutoConfiguration() {
    }

    /**
     * @param pgqrs the connection
     * @param properties the {@code pgqrs.*} properties
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "pgqrsHealthIndicator")
    public PgqrsHealthIndicator pgqrsHealthIndicator(Pgqrs pgqrs, PgqrsProperties properties) {
        return new PgqrsHealthIndicator(pgqrs, properties.getHealth().getMaxOldestPendingAge());
    }
}
