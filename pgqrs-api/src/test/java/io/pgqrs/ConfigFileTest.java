package io.pgqrs;

import static io.pgqrs.Failures.fails;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML files and the field-by-field precedence of SPEC D-4. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path f = dir.resolve("pgqrs-" + System.nanoTime() + ".yaml");
        Files.writeString(f, text);
        return f;
    }

    /** T-6: every field of the SPEC example loads; a file with only dsn gets defaults. */
    @Test
    void t6_fullAndMinimalFiles() throws Exception {
        Config c = Config.fromFile(yaml("""
                dsn: "postgresql://user:pass@localhost/db"
                schema: "pgqrs"
                max_connections: 12
                connection_timeout_seconds: 7
                default_lock_time_seconds: 9
                default_max_batch_size: 40
                max_read_ct: 3
                heartbeat_interval: 11
                poll_interval_ms: 125
                validation_config:
                  max_payload_size_bytes: 2048
                  forbidden_keys: ["evil"]
                sqlite:
                  use_wal: false
                s3:
                  mode: local
                  cache_dir: /var/cache/pgqrs
                """));
        assertThat(c.dsn()).isEqualTo("postgresql://user:pass@localhost/db");
        assertThat(c.schema()).isEqualTo("pgqrs");
        assertThat(c.maxConnections()).isEqualTo(12);
        assertThat(c.connectionTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.defaultLockTime()).isEqualTo(Duration.ofSeconds(9));
        assertThat(c.defaultMaxBatchSize()).isEqualTo(40);
        assertThat(c.maxReadCt()).isEqualTo(3);
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(11));
        assertThat(c.pollInterval()).isEqualTo(Duration.ofMillis(125));
        assertThat(c.validation().maxPayloadSizeBytes()).isEqualTo(2048);
        assertThat(c.validation().forbiddenKeys()).containsExactly("evil");
        assertThat(c.validation().maxStringLength()).as("missing keys take defaults").isEqualTo(1024);
        assertThat(c.sqliteUseWal()).isFalse();
        assertThat(c.s3Mode()).isEqualTo(DurabilityMode.LOCAL);
        assertThat(c.s3CacheDir()).contains(Path.of("/var/cache/pgqrs"));
        Config minimal = Config.fromFile(yaml("dsn: sqlite:x.db\n"));
        assertThat(minimal.maxConnections()).isEqualTo(16);
    }

    /** T-7, D-4, T-11: missing dsn, malformed YAML, missing file, unknown and ill-typed keys, empty cache_dir. */
    @Test
    void t7_badFiles() throws Exception {
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> Config.fromFile(uncheckedYaml("schema: x\n"))).field()).contains("yaml");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> Config.fromFile(uncheckedYaml("dsn: [unclosed\n"))).field()).contains("yaml");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> Config.fromFile(dir.resolve("absent.yaml"))).field()).contains("file");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> Config.fromFile(uncheckedYaml("dsn: sqlite:x\nmax_conections: 3\n"))).field())
                .contains("max_conections");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> Config.fromFile(uncheckedYaml("dsn: sqlite:x\nsqlite:\n  wal: true\n"))).field())
                .contains("sqlite.wal");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> Config.fromFile(uncheckedYaml("dsn: sqlite:x\nmax_read_ct: many\n"))).field())
                .contains("max_read_ct");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> Config.fromFile(uncheckedYaml("dsn: sqlite:x\nschema: 1bad\n"))).field())
                .contains("schema");
        assertThat(fails(ErrorKind.INVALID_CONFIG, () -> Config.fromFile(uncheckedYaml("dsn: sqlite:x\ns3:\n  cache_dir: \"\"\n"))).field())
                .contains("s3.cache_dir");
    }

    /** D-4: flag beats environment beats file beats default, field by field. */
    @Test
    void d4_eachLevelOverridesTheNext() throws Exception {
        Path file = yaml("dsn: sqlite:file.db\nmax_read_ct: 2\nmax_connections: 3\nschema: from_file\n");
        Map<String, String> env = Map.of("PGQRS_DSN", "sqlite:env.db", "PGQRS_MAX_CONNECTIONS", "4", "PGQRS_SCHEMA", "from_env");
        Config c = Config.load("sqlite:flag.db", "from_flag", file, env, null);
        assertThat(c.dsn()).as("flag > env").isEqualTo("sqlite:flag.db");
        assertThat(c.schema()).as("flag > env").isEqualTo("from_flag");
        assertThat(c.maxConnections()).as("env > file").isEqualTo(4);
        assertThat(c.maxReadCt()).as("file > default").isEqualTo(2);
        assertThat(c.heartbeatInterval()).as("default").isEqualTo(Duration.ofSeconds(5));
        Config noFlags = Config.load(null, null, file, env, null);
        assertThat(noFlags.dsn()).isEqualTo("sqlite:env.db");
        assertThat(noFlags.schema()).isEqualTo("from_env");
        Config fileOnly = Config.load(null, null, file, Map.of(), null);
        assertThat(fileOnly.dsn()).isEqualTo("sqlite:file.db");
        assertThat(fileOnly.maxConnections()).isEqualTo(3);
    }

    /** T-9: PGQRS_CONFIG_FILE is read when no file is given; with no source at all the DSN is MISSING_CONFIG or the fallback. */
    @Test
    void t9_configFileVariableAndFallback() throws Exception {
        Path file = yaml("dsn: sqlite:named.db\n");
        assertThat(Config.load(null, null, null, Map.of("PGQRS_CONFIG_FILE", file.toString()), null).dsn()).isEqualTo("sqlite:named.db");
        assertThat(fails(ErrorKind.MISSING_CONFIG, () -> Config.load(null, null, null, Map.of(), null)).field()).contains("dsn");
        assertThat(Config.load(null, null, null, Map.of(), "sqlite:pgqrs.db").dsn()).isEqualTo("sqlite:pgqrs.db");
    }

    private Path uncheckedYaml(String text) {
        try {
            return yaml(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
