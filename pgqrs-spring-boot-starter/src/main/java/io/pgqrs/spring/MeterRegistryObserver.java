package io.pgqrs.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.pgqrs.Config;
import io.pgqrs.micrometer.PgqrsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Registers {@link PgqrsMetrics} on the application's {@link MeterRegistry} as the connection's observer: the queue
 * meters, the backend's meters (S3 PUTs, conflicts and replays; PostgreSQL listener reconnects) and HikariCP's own
 * meters of the store's pools (tag {@code pool}, names {@code pgqrs-<backend>-N}, beside those Spring Boot binds for the
 * application's own data sources). Without a registry bean the connection runs without metrics, said once at INFO (an
 * expected set-up, not a fault).
 */
final class MeterRegistryObserver implements PgqrsConfigCustomizer {
    private static final Logger LOG = LoggerFactory.getLogger(MeterRegistryObserver.class);

    private final ObjectProvider<MeterRegistry> registry;

    MeterRegistryObserver(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void customize(Config.Builder builder) {
        MeterRegistry found = registry.getIfAvailable();
        if (found == null) {
            LOG.info("pgqrs runs without metrics: no MeterRegistry bean (add spring-boot-starter-actuator, or a "
                    + "MeterRegistry bean, to get pgqrs.* meters)");
            return;
        }
        builder.observer(PgqrsMetrics.of(found));
    }
}
