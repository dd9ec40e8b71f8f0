package io.pgqrs.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.pgqrs.Pgqrs;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of pgqrs: the {@link Pgqrs} bean from the {@code pgqrs.*} properties (closed with the context),
 * the {@link PgqrsListener} methods and {@link PgqrsWorkerDefinition} beans run by {@link PgqrsWorkers}, and the
 * Micrometer observer when {@code pgqrs-micrometer} is on the class path.
 *
 * <p>Enqueue joining a Spring {@code @Transactional} transaction is {@link PgqrsTransactionAutoConfiguration}'s.
 */
@AutoConfiguration
@ConditionalOnClass(Pgqrs.class)
@EnableConfigurationProperties(PgqrsProperties.class)
public class PgqrsAutoConfiguration {

    /** Created by Spring Boot. */
    public PgqrsAutoConfiguration() {
    }

    /**
     * @param properties the {@code pgqrs.*} properties
     * @param customizers the application's configuration customizers
     * @return the open connection
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Pgqrs pgqrs(PgqrsProperties properties, ObjectProvider<PgqrsConfigCustomizer> customizers) {
        return new PgqrsConnector(properties, customizers.orderedStream().toList()).connect();
    }

    /** @return the finder of {@link PgqrsListener} methods */
    @Bean
    public static PgqrsListenerAnnotationProcessor pgqrsListenerAnnotationProcessor() {
        return new PgqrsListenerAnnotationProcessor();
    }

    /**
     * @param pgqrs the connection
     * @param properties the {@code pgqrs.*} properties
     * @param listeners the listener methods found
     * @param beans the worker beans
     * @return the lifecycle of every worker
     */
    @Bean
    @ConditionalOnMissingBean
    public PgqrsWorkers pgqrsWorkers(Pgqrs pgqrs, PgqrsProperties properties,
                                     PgqrsListenerAnnotationProcessor listeners,
                                     ObjectProvider<PgqrsWorkerDefinition> beans) {
        return new PgqrsWorkers(pgqrs, () -> {
            List<PgqrsWorkerDefinition> all = new ArrayList<>(beans.orderedStream().toList());
            all.addAll(listeners.definitions());
            return all;
        }, properties.isCreateQueues());
    }

    /** Metrics on the application's registry, when pgqrs-micrometer is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry", "io.pgqrs.micrometer.PgqrsMetrics"})
    static class MetricsConfiguration {

        @Bean
        PgqrsConfigCustomizer pgqrsMeterRegistryObserver(ObjectProvider<MeterRegistry> registry) {
            return new MeterRegistryObserver(registry);
        }
    }
}
