package io.pgqrs.micrometer;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches HikariCP's own Micrometer tracker ({@code hikaricp.connections}, {@code .active}, {@code .acquire} …, tag
 * {@code pool}) to a store's running pools. HikariCP 7 accepts a tracker on a running pool once; a pool that already
 * has a tracker or a metric registry keeps it. HikariCP removes the meters when the pool closes. The only class here
 * that names HikariCP: {@link PgqrsMetrics} loads it only when HikariCP is there.
 */
final class HikariPoolMeters {
    private static final Logger LOG = LoggerFactory.getLogger(HikariPoolMeters.class);
    private HikariPoolMeters() {
    }

    /**
     * @param pools the store's pools; those that are not HikariCP pools are passed over
     * @param registry where HikariCP's meters go
     * @return how many pools got the tracker
     */
    static int bind(List<DataSource> pools, MeterRegistry registry) {
        int bound = 0;
        for (DataSource pool : pools) {
            HikariDataSource hikari = hikari(pool);
            if (hikari == null || hikari.isClosed()) {
                continue;
            }
            if (hikari.getMetricsTrackerFactory() != null || hikari.getMetricRegistry() != null) {
                LOG.debug("HikariCP pool {} already reports its metrics elsewhere; left as it is", hikari.getPoolName());
                continue;
            }
            try {
                hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
                bound++;
                LOG.debug("HikariCP pool {} reports to {}", hikari.getPoolName(), registry.getClass().getSimpleName());
            } catch (IllegalStateException e) {
                LOG.debug("HikariCP pool {} refused a metrics tracker: {}", hikari.getPoolName(), e.getMessage());
            }
        }
        return bound;
    }

    private static HikariDataSource hikari(DataSource pool) {
        if (pool instanceof HikariDataSource hikari) {
            return hikari;
        }
        try {
            return pool.isWrapperFor(HikariDataSource.class) ? pool.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
