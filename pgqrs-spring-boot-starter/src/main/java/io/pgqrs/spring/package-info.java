/**
 * Spring Boot 4 starter for pgqrs: {@code pgqrs.*} properties ({@link io.pgqrs.spring.PgqrsProperties}), a
 * {@link io.pgqrs.Pgqrs} bean, workers from {@link io.pgqrs.spring.PgqrsListener} methods and
 * {@link io.pgqrs.spring.PgqrsWorkerDefinition} beans run under {@code SmartLifecycle}, the {@code pgqrs} health
 * contributor and Micrometer metrics on the application's registry.
 */
package io.pgqrs.spring;
