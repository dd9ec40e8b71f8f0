/**
 * The service-provider interface a storage backend implements.
 *
 * <p>A backend supplies a {@link io.pgqrs.spi.StoreProvider} (found with {@link java.util.ServiceLoader}
 * by DSN scheme) that opens a {@link io.pgqrs.spi.Store}. The store exposes small table ports
 * ({@link io.pgqrs.spi.QueueTable}, {@link io.pgqrs.spi.MessageTable}, {@link io.pgqrs.spi.WorkerTable},
 * {@link io.pgqrs.spi.StatsQueries}, {@link io.pgqrs.spi.SchemaAdmin}) whose methods are atomic storage
 * steps; every rule of the queue lives once in {@code io.pgqrs}. A backend proves itself by passing the
 * {@code pgqrs-tck} compatibility kit.
 */
package io.pgqrs.spi;
