package io.pgqrs;

import io.pgqrs.internal.config.Dsns;
import io.pgqrs.internal.config.EnvironmentConfig;
import io.pgqrs.internal.config.FileConfig;
import io.pgqrs.internal.observe.StoreObservers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Immutable settings of a {@link Pgqrs} connection. Build one from a DSN, from the
 * {@code PGQRS_*} environment, or with {@link #builder(String)}:
 *
 * <pre>{@code
 * Config config = Config.builder("postgres://app@db/jobs")
 *         .schema("queues")
 *         .maxConnections(32)
 *         .defaultLockTime(Duration.ofSeconds(60))
 *         .build();
 * }</pre>
 *
 * <p>Builder methods reject impossible single values at once; {@link Builder#build()} checks the DSN.
 * Both throw {@link PgqrsException} of kind {@link ErrorKind#INVALID_CONFIG} naming the field.
 * {@link #toString()} masks passwords.
 */
public final class Config {
    /** Default schema for PostgreSQL. */
    public static final String DEFAULT_SCHEMA = "public";

    private final String dsn;
    private final String schema;
    private final int maxConnections;
    private final Duration connectionTimeout;
    private final Duration defaultLockTime;
    private final int defaultMaxBatchSize;
    private final int maxReadCt;
    private final Duration heartbeatInterval;
    private final Duration pollInterval;
    private final ValidationConfig validation;
    private final boolean sqliteUseWal;
    private final DurabilityMode s3Mode;
    private final Path s3CacheDir;
    private final Clock clock;
    private final List<QueueObserver> observers;
    private final StoreObserver storeObserver;

    private Config(Builder b) {
        this.dsn = b.dsn;
        this.schema = b.schema;
        this.maxConnections = b.maxConnections;
        this.connectionTimeout = b.connectionTimeout;
        this.defaultLockTime = b.defaultLockTime;
        this.defaultMaxBatchSize = b.defaultMaxBatchSize;
        this.maxReadCt = b.maxReadCt;
        this.heartbeatInterval = b.heartbeatInterval;
        this.pollInterval = b.pollInterval;
        this.validation = b.validation;
        this.sqliteUseWal = b.sqliteUseWal;
        this.s3Mode = b.s3Mode;
        this.s3CacheDir = b.s3CacheDir;
        this.clock = b.clock;
        this.observers = List.copyOf(b.observers);
        this.storeObserver = new StoreObservers(observers);
    }

    /**
     * All defaults with the given DSN; the environment is not read.
     *
     * @param dsn e.g. {@code sqlite:jobs.db}, {@code postgres://user@host/db}
     * @return the configuration
     * @throws PgqrsException {@code INVALID_CONFIG} (field {@code dsn}) when the DSN is empty or has no scheme
     */
    public static Config fromDsn(String dsn) {
        return builder(dsn).build();
    }

    /**
     * Reads the {@code PGQRS_*} variables of the process environment; a value that does not parse is an error naming the variable, never a silent default.
     *
     * @return the configuration
     * @throws PgqrsException {@code MISSING_CONFIG} when {@code PGQRS_DSN} is unset;
     *         {@code INVALID_CONFIG} naming the variable when a value does not parse
     */
    public static Config fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * As {@link #fromEnv()}, reading the given map instead of the process environment.
     *
     * @param env variable names to values
     * @return the configuration
     * @throws PgqrsException as {@link #fromEnv()}
     */
    public static Config fromEnv(Map<String, String> env) {
        Builder b = new Builder();
        EnvironmentConfig.applyTo(b, env);
        if (b.dsn == null || b.dsn.isBlank()) {
            throw PgqrsException.missingConfig("PGQRS_DSN", "set PGQRS_DSN (e.g. sqlite:pgqrs.db or postgres://user@host/db) or pass a DSN");
        }
        return b.build();
    }

    /**
     * Reads a YAML file with the configuration keys ({@code dsn}, {@code schema}, {@code max_connections}, …,
     * {@code sqlite.use_wal}, {@code s3.mode}); missing keys take defaults; the environment is not read.
     *
     * @param file the YAML file
     * @return the configuration
     * @throws PgqrsException {@code INVALID_CONFIG}: field {@code file} when unreadable, {@code yaml} when malformed
     *         or without {@code dsn}, else the unknown or ill-typed key
     */
    public static Config fromFile(Path file) {
        Builder b = new Builder();
        FileConfig.applyTo(b, file);
        if (b.dsn == null || b.dsn.isBlank()) {
            throw PgqrsException.invalidConfig("yaml", "config file '" + file + "' has no 'dsn' key");
        }
        return b.build();
    }

    /**
     * Merges every source field by field: explicit values &gt; environment ({@code PGQRS_*}) &gt; config
     * file &gt; defaults. The file is {@code explicitFile}, else {@code PGQRS_CONFIG_FILE}, else {@code ./pgqrs.yaml}
     * or {@code ./pgqrs.yml} when present, else none.
     *
     * @param explicitDsn a DSN that wins over every other source, or null
     * @param explicitSchema a schema that wins over every other source, or null
     * @param explicitFile a config file, or null
     * @param env the environment
     * @param fallbackDsn the DSN when no source names one, or null to require one
     * @return the configuration
     * @throws PgqrsException {@code MISSING_CONFIG} (field {@code dsn}) when no source gives a DSN and there is no fallback;
     *         {@code INVALID_CONFIG} naming the variable or key at fault
     */
    public static Config load(String explicitDsn, String explicitSchema, Path explicitFile, Map<String, String> env,
                              String fallbackDsn) {
        Builder b = new Builder();
        b.dsn(fallbackDsn);
        Path file = explicitFile;
        if (file == null && env.get("PGQRS_CONFIG_FILE") != null) {
            file = Path.of(env.get("PGQRS_CONFIG_FILE"));
        }
        if (file == null) {
            file = Stream.of(Path.of("pgqrs.yaml"), Path.of("pgqrs.yml"))
                    .filter(Files::isRegularFile).findFirst().orElse(null);
        }
        if (file != null) {
            FileConfig.applyTo(b, file);
        }
        EnvironmentConfig.applyTo(b, env);
        if (explicitDsn != null) {
            b.dsn(explicitDsn);
        }
        if (explicitSchema != null) {
            b.schema(explicitSchema);
        }
        if (b.dsn == null || b.dsn.isBlank()) {
            throw PgqrsException.missingConfig("dsn", "pass a DSN (--dsn), set PGQRS_DSN, or put 'dsn:' in pgqrs.yaml");
        }
        return b.build();
    }

    /**
     * @param dsn the DSN; its scheme picks the backend
     * @return a builder holding every default
     */
    public static Builder builder(String dsn) {
        return new Builder().dsn(dsn);
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the DSN, unmasked */
    public String dsn() {
        return dsn;
    }

    /** @return the DSN's scheme in lower case, e.g. {@code sqlite} */
    public String scheme() {
        return Dsns.scheme(dsn);
    }

    /** @return the PostgreSQL schema (default {@code public}) */
    public String schema() {
        return schema;
    }

    /** @return the connection pool size (default 16; SQLite uses at most 4) */
    public int maxConnections() {
        return maxConnections;
    }

    /** @return how long to wait for a connection (default 30 s) */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** @return the visibility lease for dequeues that do not pass one (default 30 s) */
    public Duration defaultLockTime() {
        return defaultLockTime;
    }

    /** @return the largest dequeue or enqueue batch (default 100; a larger batch is refused) */
    public int defaultMaxBatchSize() {
        return defaultMaxBatchSize;
    }

    /** @return leases after which a message is no longer delivered and becomes a dead letter (default 5) */
    public int maxReadCt() {
        return maxReadCt;
    }

    /** @return how often poll loops write a heartbeat, and the default zombie age (default 5 s) */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** @return how long an idle poll loop waits between fetches (default 250 ms) */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return payload rules and rate limit for producers */
    public ValidationConfig validation() {
        return validation;
    }

    /** @return whether SQLite uses write-ahead logging (default true) */
    public boolean sqliteUseWal() {
        return sqliteUseWal;
    }

    /** @return the S3 durability mode (default {@code DURABLE}) */
    public DurabilityMode s3Mode() {
        return s3Mode;
    }

    /** @return the S3 local cache directory, if set */
    public Optional<Path> s3CacheDir() {
        return Optional.ofNullable(s3CacheDir);
    }

    /**
     * The application clock, when one was set. Without it every time comes from the store's clock
     * (PostgreSQL {@code now()}, the host clock for SQLite); with it, every operation uses this clock,
     * which makes tests deterministic.
     *
     * @return the clock, if set
     */
    public Optional<Clock> clock() {
        return Optional.ofNullable(clock);
    }

    /** @return the observers registered with {@link Builder#observer}, in order */
    public List<QueueObserver> observers() {
        return observers;
    }

    /**
     * The observers registered with {@link Builder#observer} that are {@link StoreObserver}s, as one, for a store to
     * report its backend's events to: each is told in turn, in the order they were registered, and one that throws is
     * logged and passed over, so a report never fails the store's work. With none registered it does nothing, so a
     * store may report unconditionally.
     *
     * @return the store observers, as one; never null
     */
    public StoreObserver storeObserver() {
        return storeObserver;
    }

    @Override
    public String toString() {
        return "Config{dsn=" + Dsns.mask(dsn) + ", schema=" + schema + ", maxConnections=" + maxConnections
                + ", connectionTimeout=" + connectionTimeout + ", defaultLockTime=" + defaultLockTime
                + ", defaultMaxBatchSize=" + defaultMaxBatchSize + ", maxReadCt=" + maxReadCt
                + ", heartbeatInterval=" + heartbeatInterval + ", pollInterval=" + pollInterval
                + ", validation=" + validation + ", sqliteUseWal=" + sqliteUseWal + ", s3Mode=" + s3Mode
                + ", s3CacheDir=" + s3CacheDir + ", clock=" + (clock == null ? "store" : clock)
                + (observers.isEmpty() ? "" : ", observers=" + observers) + "}";
    }

    /**
     * Validates a PostgreSQL schema name: at most 63 bytes, starting with an ASCII letter or underscore, then ASCII letters, digits, underscores or dollar signs.
     *
     * @param schema the name
     * @return the name
     * @throws PgqrsException {@code INVALID_CONFIG} with field {@code schema}
     */
    public static String validateSchema(String schema) {
        if (schema == null || schema.isEmpty()) {
            throw PgqrsException.invalidConfig("schema", "Schema name cannot be empty");
        }
        if (schema.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw PgqrsException.invalidConfig("schema", "Schema name '" + schema + "' exceeds maximum length of 63 bytes");
        }
        char first = schema.charAt(0);
        if (!(isAsciiLetter(first) || first == '_')) {
            throw PgqrsException.invalidConfig("schema", "Schema name '" + schema + "' must start with a letter or underscore");
        }
        for (char c : schema.toCharArray()) {
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '$')) {
                throw PgqrsException.invalidConfig("schema", "Schema name '" + schema + "' contains invalid character '" + c
                        + "': use ASCII letters, digits, '_' or '$'");
            }
        }
        return schema;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Collects settings; each setter rejects an impossible value at once. Not thread-safe. */
    public static final class Builder {
        private String dsn;
        private String schema = DEFAULT_SCHEMA;
        private int maxConnections = 16;
        private Duration connectionTimeout = Duration.ofSeconds(30);
        private Duration defaultLockTime = Duration.ofSeconds(30);
        private int defaultMaxBatchSize = 100;
        private int maxReadCt = 5;
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private Duration pollInterval = Duration.ofMillis(250);
        private ValidationConfig validation = ValidationConfig.defaults();
        private boolean sqliteUseWal = true;
        private DurabilityMode s3Mode = DurabilityMode.DURABLE;
        private Path s3CacheDir;
        private Clock clock;
        private final List<QueueObserver> observers = new ArrayList<>();

        private Builder() {
        }

        private Builder(Config c) {
            dsn = c.dsn;
            schema = c.schema;
            maxConnections = c.maxConnections;
            connectionTimeout = c.connectionTimeout;
            defaultLockTime = c.defaultLockTime;
            defaultMaxBatchSize = c.defaultMaxBatchSize;
            maxReadCt = c.maxReadCt;
            heartbeatInterval = c.heartbeatInterval;
            pollInterval = c.pollInterval;
            validation = c.validation;
            sqliteUseWal = c.sqliteUseWal;
            s3Mode = c.s3Mode;
            s3CacheDir = c.s3CacheDir;
            clock = c.clock;
            observers.addAll(c.observers);
        }

        /**
         * Sets the DSN, whose scheme picks the backend ({@code sqlite:}, {@code postgres://}, {@code s3://}, …).
         *
         * @param dsn the DSN; checked by {@link #build()}, not here
         * @return this builder
         */
        public Builder dsn(String dsn) {
            this.dsn = dsn;
            return this;
        }

        /**
         * Sets the PostgreSQL schema that holds the tables (default {@code public}); other backends ignore it.
         *
         * @param schema a plain identifier, as {@link Config#validateSchema(String)} checks
         * @return this builder
         * @throws PgqrsException {@code INVALID_CONFIG} (field {@code schema}) when the name is not a valid identifier
         */
        public Builder schema(String schema) {
            this.schema = validateSchema(schema);
            return this;
        }

        /**
         * Sets the connection pool size (default 16; SQLite uses at most 4).
         *
         * @param maxConnections connections, at least 1
         * @return this builder
         * @throws PgqrsException {@code INVALID_CONFIG} (field {@code max_connections}) when below 1
         */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = atLeastOne("max_connections", maxConnections);
            return this;
        }

        /**
         * Sets how long a call waits for a free connection of the pool (default 30 s).
         *
         * @param timeout the wait, positive
         * @return this builder
         * @throws PgqrsException {@code INVALID_CONFIG} (field {@code connection_timeout_seconds}) when null, zero or
         *         negative
         */
        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = positive("connection_timeout_seconds", timeout);
            return this;
        }

        /**
         * Sets the visibility lease of dequeues that do not pass one (default 30 s).
         *
         * @param lease the lease, at least one second
         * @return this builder
         * @throws PgqrsException {@code INVALID_CONFIG} (field {@code default_lock_time_seconds}) when null or shorter
         *         than one second
         */
        public Builder defaultLockTime(Duration lease) {
            this.defaultLockTime = wholeSeconds("default_lock_time_seconds", lease);
            return this;
        }

        /**
         * Sets the largest enqueue or dequeue batch (default 100); a larger batch is refused.
         *
         * @param size messages, at least 1
         * @return this builder
         * @throws PgqrsException {@code INVALID_CONFIG} (field {@code default_max_batch_size}) when below 1
         */
        public Builder defaultMaxBatchSize(int size) {
            this.defaultMaxBatchSize = atLeastOne("default_max_batch_size", size);
            return this;
        }

        /**
         * Sets how many leases a message gets before it is no longer delivered and becomes a dead letter (default 5).
         *
         * @param maxReadCt leases, at least 1
         * @return this builder
         * @throws PgqrsException {@code INVALID_CONFIG} (field {@code max_read_ct}) when below 1
         */
        public Builder maxReadCt(int maxReadCt) {
            this.maxReadCt = atLeastOne("max_read_ct", maxReadCt);
            return this;
        }

        /**
         * Sets how often poll loops and workers write a heartbeat; also the default age after which a silent worker
         * counts as a zombie (default 5 s).
         *
         * @param interval the period, positive
         * @return this builder
         * @throws PgqrsException {@code INVALID_CONFIG} (field {@code heartbeat_interval}) when null, zero or negative
         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = positive("heartbeat_interval", interval);
            return this;
        }

        /**
         * Sets how long an idle poll loop waits between fetches (default 250 ms).
         *
         * @param interval the wait, positive
         * @return this builder
         * @throws PgqrsException {@code INVALID_CONFIG} (field {@code poll_interval_ms}) when null, zero or negative
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive("poll_interval_ms", interval);
            return this;
        }

        /**
         * Sets the payload rules and the enqueue rate limit producers apply (default
         * {@link ValidationConfig#defaults()}).
         *
         * @param validation the rules, not null
         * @return this builder
         */
        public Builder validation(ValidationConfig validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /**
         * Sets whether SQLite uses write-ahead logging (default true); other backends ignore it.
         *
         * @param useWal true for WAL, false for SQLite's rollback journal
         * @return this builder
         */
        public Builder sqliteUseWal(boolean useWal) {
            this.sqliteUseWal = useWal;
            return this;
        }

        /**
         * Sets when the S3 backend uploads its database object (default {@link DurabilityMode#DURABLE}); other
         * backends ignore it.
         *
         * @param mode the durability mode, not null
         * @return this builder
         */
        public Builder s3Mode(DurabilityMode mode) {
            this.s3Mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the directory where the S3 backend keeps its local copy of the database object (default: one per
         * handle under {@code $PGQRS_S3_LOCAL_CACHE_DIR}, else under the temporary directory); other backends
         * ignore it. Two open handles cannot share one directory.
         *
         * @param dir the directory, or null for the default
         * @return this builder
         * @throws PgqrsException {@code INVALID_CONFIG} (field {@code s3.cache_dir}) when the path is empty
         */
        public Builder s3CacheDir(Path dir) {
            if (dir != null && dir.toString().isEmpty()) {
                throw PgqrsException.invalidConfig("s3.cache_dir", "cache_dir cannot be empty");
            }
            this.s3CacheDir = dir;
            return this;
        }

        /**
         * Sets the application clock used for every time the library writes or compares (see {@link Config#clock()});
         * tests pass a settable clock to move time without sleeping.
         *
         * @param clock the clock, or null (the default) for the store's clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Adds an observer of the connection's messages (metrics, tracing); observers are told in the order they were
         * added. An observer that is also a {@link QueueInterceptor} wraps the work it observes; one that is also a
         * {@link StoreObserver} hears the store's backend events too.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder observer(QueueObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Checks the DSN and builds the immutable configuration; the builder may be reused afterwards.
         *
         * @return the configuration
         * @throws PgqrsException {@code INVALID_CONFIG} (field {@code dsn}) when the DSN is missing, blank or has no scheme
         */
        public Config build() {
            if (dsn == null || dsn.isBlank()) {
                throw PgqrsException.invalidConfig("dsn", "DSN is empty: pass one such as 'sqlite:jobs.db' or "
                        + "'postgres://user@host/db', or set PGQRS_DSN");
            }
            if (Dsns.scheme(dsn.trim()) == null) {
                throw PgqrsException.invalidConfig("dsn", "cannot parse DSN '" + Dsns.mask(dsn)
                        + "': it must start with a scheme such as 'sqlite:' or 'postgres://'");
            }
            dsn = dsn.trim();
            return new Config(this);
        }

        private static int atLeastOne(String field, int value) {
            if (value < 1) {
                throw PgqrsException.invalidConfig(field, "must be at least 1, got " + value);
            }
            return value;
        }

        private static Duration positive(String field, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw PgqrsException.invalidConfig(field, "must be a positive duration, got " + value);
            }
            return value;
        }

        private static Duration wholeSeconds(String field, Duration value) {
            positive(field, value);
            if (value.toSeconds() < 1) {
                throw PgqrsException.invalidConfig(field, "must be at least 1 second, got " + value);
            }
            return value;
        }
    }
}
