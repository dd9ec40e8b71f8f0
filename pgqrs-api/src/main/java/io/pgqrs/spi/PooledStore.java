package io.pgqrs.spi;

import java.util.List;
import javax.sql.DataSource;

/**
 * A store that keeps JDBC connection pools, so that a metrics module can bind the pools' own meters (the
 * {@code pgqrs-micrometer} module attaches HikariCP's Micrometer tracker to them). A store implements it when it
 * builds pools; the API and the metrics modules find it with {@link Store#unwrap(Class)}, never by the backend's
 * class.
 *
 * <p>Rules: the pools stay the store's and close with it. A caller may read their statistics and attach a metrics
 * tracker where the pool library allows it on a running pool; it must not close them, change their size or timeouts,
 * or hold on to their connections.
 */
public interface PooledStore {

    /**
     * @return every pool the store keeps (a store with a separate writer pool has two), each a {@link DataSource} a
     *         caller may {@link DataSource#unwrap unwrap} to its pool library's type, e.g.
     *         {@code com.zaxxer.hikari.HikariDataSource}; each pool has a name of its own in this JVM, which the pool
     *         library shows in its logs and meters
     */
    List<DataSource> connectionPools();
}
