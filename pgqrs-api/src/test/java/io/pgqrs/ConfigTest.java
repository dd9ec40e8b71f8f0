package io.pgqrs;

import static io.pgqrs.Failures.fails;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTest {

    /** T-1, D-2: defaults. */
    @Test
    void t1_defaults() {
        Config c = Config.fromDsn("postgres://u@h/db");
        assertThat(c.maxConnections()).isEqualTo(16);
        assertThat(c.connectionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.defaultLockTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.defaultMaxBatchSize()).isEqualTo(100);
        assertThat(c.schema()).isEqualTo("public");
        assertThat(c.maxReadCt()).isEqualTo(5);
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.sqliteUseWal()).isTrue();
        assertThat(c.s3Mode()).isEqualTo(DurabilityMode.DURABLE);
        assertThat(c.s3CacheDir()).isEmpty();
        assertThat(c.clock()).isEmpty();
        assertThat(c.validation()).isEqualTo(ValidationConfig.defaults());
        assertThat(c.scheme()).isEqualTo("postgres");
    }

    /** T-2, T-3, T-12: the environment sets each field; unset variables keep defaults. */
    @Test
    void t2_fromEnvironment() {
        Config c = Config.fromEnv(Map.of("PGQRS_DSN", "sqlite:x.db", "PGQRS_MAX_CONNECTIONS", "32",
                "PGQRS_CONNECTION_TIMEOUT", "60", "PGQRS_DEFAULT_LOCK_TIME", "10", "PGQRS_DEFAULT_BATCH_SIZE", "200",
                "PGQRS_SQLITE_USE_WAL", "false", "PGQRS_S3_MODE", " Local ", "PGQRS_POLL_INTERVAL_MS", "50",
                "PGQRS_VALIDATION_CONFIG", "{\"max_string_length\": 64, \"max_enqueue_per_second\": null}"));
        assertThat(c.maxConnections()).isEqualTo(32);
        assertThat(c.connectionTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.defaultLockTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.defaultMaxBatchSize()).isEqualTo(200);
        assertThat(c.sqliteUseWal()).isFalse();
        assertThat(c.s3Mode()).isEqualTo(DurabilityMode.LOCAL);
        assertThat(c.pollInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.validation().maxStringLength()).isEqualTo(64);
        assertThat(c.validation().maxObjectDepth()).as("missing keys take defaults (D-4)").isEqualTo(5);
        assertThat(c.validation().rateLimited()).isFalse();
        assertThat(Config.fromEnv(Map.of("PGQRS_DSN", "sqlite:x.db")).maxConnections()).isEqualTo(16);
    }

    /** T-4: no PGQRS_DSN is MISSING_CONFIG naming it. */
    @Test
    void t4_missingDsn() {
        assertThat(fails(ErrorKind.MISSING_CONFIG, () -> Config.fromEnv(Map.of())).field()).contains("PGQRS_DSN");
    }

    /** D-4 (replaces T-5): a value that does not parse is INVALID_CONFIG naming the variable, never a silent default. */
    @ParameterizedTest
    @ValueSource(strings = {"PGQRS_MAX_CONNECTIONS=abc", "PGQRS_CONNECTION_TIMEOUT=1.5", "PGQRS_SQLITE_USE_WAL=maybe",
            "PGQRS_S3_MODE=fast", "PGQRS_MAX_CONNECTIONS=0", "PGQRS_SCHEMA=1bad", "PGQRS_VALIDATION_CONFIG={\"max_string_length\":\"x\"}",
            "PGQRS_VALIDATION_CONFIG=[1]", "PGQRS_VALIDATION_CONFIG={\"unknown\":1}", "PGQRS_VALIDATION_CONFIG={nope"})
    void d4_badEnvironmentValues(String assignment) {
        String name = assignment.substring(0, assignment.indexOf('='));
        String value = assignment.substring(assignment.indexOf('=') + 1);
        PgqrsException e = fails(ErrorKind.INVALID_CONFIG, () -> Config.fromEnv(Map.of("PGQRS_DSN", "sqlite:x.db", name, value)));
        assertThat(e.field()).contains(name);
    }

    /** T-10, DM-19: schema names. */
    @ParameterizedTest
    @ValueSource(strings = {"public", "_private", "schema123", "my_schema", "schema$name", "a", "A"})
    void t10_validSchemas(String schema) {
        assertThat(Config.builder("postgres://h/db").schema(schema).build().schema()).isEqualTo(schema);
    }

    /** T-10, DM-19: invalid schema names are INVALID_CONFIG with field schema. */
    @ParameterizedTest
    @ValueSource(strings = {"", "1schema", "schema-name", "schema.name", "schema name", "schema@name", "quote\"d",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void t10_invalidSchemas(String schema) {
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> Config.builder("postgres://h/db").schema(schema)).field()).contains("schema");
    }

    /** Builder setters refuse impossible values at once, naming the field. */
    @Test
    void builderRefusesImpossibleValues() {
        Config.Builder b = Config.builder("sqlite:x.db");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> b.maxConnections(0)).field()).contains("max_connections");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> b.defaultLockTime(Duration.ofMillis(500))).field())
                .contains("default_lock_time_seconds");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> b.pollInterval(Duration.ZERO)).field()).contains("poll_interval_ms");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> b.maxReadCt(0)).field()).contains("max_read_ct");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> b.s3CacheDir(Path.of(""))).field()).contains("s3.cache_dir");
    }

    /** DSNs are checked on build: empty, blank and scheme-less are INVALID_CONFIG on dsn. */
    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "no-scheme.db", "://x"})
    void badDsns(String dsn) {
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> Config.fromDsn(dsn)).field()).contains("dsn");
    }

    /** toString masks passwords. */
    @Test
    void toStringMasksPassword() {
        String s = Config.fromDsn("postgres://app:s3cret@db:5432/jobs?password=other").toString();
        assertThat(s).doesNotContain("s3cret").doesNotContain("other").contains("app:***@db");
    }

    /** toBuilder copies every value. */
    @Test
    void toBuilderCopies() {
        Config c = Config.builder("sqlite:x.db").maxReadCt(9).sqliteUseWal(false).build();
        Config copy = c.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(c.toString());
    }
}
