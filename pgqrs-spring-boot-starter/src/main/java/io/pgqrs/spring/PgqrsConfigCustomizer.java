package io.pgqrs.spring;

import io.pgqrs.Config;

/**
 * Sets what the {@code pgqrs.*} properties cannot express on the connection's configuration (validation rules, a
 * clock, observers, timings). Every bean of this type is applied, in {@link org.springframework.core.annotation.Order}
 * order, after the properties and before the connection opens.
 *
 * <pre>{@code
 * @Bean
 * PgqrsConfigCustomizer leases() {
 *     return builder -> builder.defaultLockTime(Duration.ofMinutes(2));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface PgqrsConfigCustomizer {

    /** @param builder the configuration being built, with the properties already set */
    void customize(Config.Builder builder);
}
