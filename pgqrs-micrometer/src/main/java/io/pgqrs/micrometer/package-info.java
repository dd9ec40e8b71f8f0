/**
 * Micrometer meters for pgqrs: {@link io.pgqrs.micrometer.PgqrsMetrics}, a connection observer that also meters the
 * backend's events and the store's HikariCP pools.
 */
package io.pgqrs.micrometer;
