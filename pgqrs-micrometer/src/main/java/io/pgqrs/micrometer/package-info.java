/** Micrometer meters for pgqrs: {@link io.pgqrs.micrometer.PgqrsMetrics}, a connection observer. */
package io.pgqrs.micrometer;
