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

    /** Web dashboard settings. */
    private final DashboardSettings dashboard = new DashboardSettings();

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

    /** @return the web dashboard settings */
    public DashboardSettings getDashboard() {
        return dashboard;
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

    /**
     * The {@code pgqrs.dashboard.*} properties: the web dashboard mounted under a path of a servlet application, when
     * {@code pgqrs-dashboard} is on the class path.
     */
    public static class DashboardSettings {

        /** Whether to mount the pgqrs web dashboard (pages and JSON API) in this application. */
        private boolean enabled = false;

        /** Where the dashboard is mounted, e.g. /pgqrs: its pages under it, its JSON API under /pgqrs/api. */
        private String path = "/pgqrs";

        /** Whether every action (replay, purge, worker changes) is refused with 403. */
        private boolean readOnly = false;

        /**
         * The token every request must carry (Authorization: Bearer, or the login form); unset, the dashboard relies
         * on what protects the application. Never put it in a URL.
         */
        private String token;

        /** @return whether the dashboard is mounted */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the dashboard is mounted */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the mount path */
        public String getPath() {
            return path;
        }

        /** @param path the mount path */
        public void setPath(String path) {
            this.path = path;
        }

        /** @return whether actions are refused */
        public boolean isReadOnly() {
            return readOnly;
        }

        /** @param readOnly whether actions are refused */
        public void setReadOnly(boolean readOnly) {
            this.readOnly = readOnly;
        }

        /** @return the token, or null for none */
        public String getToken() {
            return token;
        }

        /** @param token the token */
        public void setToken(String token) {
            this.token = token;
        }
    }
}
