package io.pgqrs.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code pgqrs.*} properties of a Spring Boot application. They map onto {@link io.pgqrs.Config.Builder}; what
 * they cannot say (validation rules, a clock, more observers) a {@link PgqrsConfigCustomizer} bean sets.
 */
@ConfigurationProperties("pgqrs")
public class PgqrsProperties {

    /**
     * The store, e.g. sqlite:jobs.db or postgres://user@host:5432/db; required. The backend jar for
     * its scheme must be on the class path.
     */
    private String dsn;

    /** PostgreSQL schema (default public, or the DSN's ?schema=); it must exist. */
    private String schema;

    /** Pool size (default 16; SQLite: at most 4). */
    private Integer maxConnections;

    /** Whether to create or upgrade the pgqrs tables on start-up (admin().install()). */
    private boolean installOnStartup = false;

    /** Whether a listener's missing queue is created on start-up; when false start-up fails naming the queue. */
    private boolean createQueues = false;

    /** Health indicator settings. */
    private final Health health = new Health();

    /** @return the DSN, or null when not set */
    public String getDsn() {
        return dsn;
    }

    /** @param dsn the DSN */
    public void setDsn(String dsn) {
        this.dsn = dsn;
    }

    /** @return the schema, or null for the library's default */
    public String getSchema() {
        return schema;
    }

    /** @param schema the PostgreSQL schema */
    public void setSchema(String schema) {
        this.schema = schema;
    }

    /** @return the pool size, or null for the library's default */
    public Integer getMaxConnections() {
        return maxConnections;
    }

    /** @param maxConnections the pool size */
    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** @return whether the tables are installed on start-up */
    public boolean isInstallOnStartup() {
        return installOnStartup;
    }

    /** @param installOnStartup whether the tables are installed on start-up */
    public void setInstallOnStartup(boolean installOnStartup) {
        this.installOnStartup = installOnStartup;
    }

    /** @return whether listeners' missing queues are created */
    public boolean isCreateQueues() {
        return createQueues;
    }

    /** @param createQueues whether listeners' missing queues are created */
    public void setCreateQueues(boolean createQueues) {
        this.createQueues = createQueues;
    }

    /** @return the health indicator settings */
    public Health getHealth() {
        return health;
    }

    /** The {@code pgqrs.health.*} properties. */
    public static class Health {

        /**
         * Health is DOWN when the oldest pending message of any queue is older than this (e.g. 5m); unset,
         * the age is only reported.
         */
        private Duration maxOldestPendingAge;

        /** @return the threshold, or null when none */
        public Duration getMaxOldestPendingAge() {
            return maxOldestPendingAge;
        }

        /** @param maxOldestPendingAge the threshold */
        public void setMaxOldestPendingAge(Duration maxOldestPendingAge) {
            this.maxOldestPendingAge = maxOldestPendingAge;
        }
    }
}
