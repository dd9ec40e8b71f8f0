package io.pgqrs.internal.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pgqrs.Config;
import io.pgqrs.PgqrsException;
import io.pgqrs.ValidationConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Reads a {@code pgqrs.yaml} file onto a builder; unknown keys and ill-typed values are errors, never silent defaults. */
public final class FileConfig {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP = Set.of("dsn", "schema", "max_connections", "connection_timeout_seconds",
            "default_lock_time_seconds", "default_max_batch_size", "max_read_ct", "heartbeat_interval", "poll_interval_ms",
            "validation_config", "sqlite", "s3");

    private FileConfig() {
    }

    /**
     * @param b the builder
     * @param file a YAML file
     * @throws PgqrsException {@code INVALID_CONFIG}: field {@code file} when it cannot be read, {@code yaml} when it
     *         does not parse, else the key at fault
     */
    public static void applyTo(Config.Builder b, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw PgqrsException.invalidConfig("file", "Failed to read config file '" + file + "': " + e);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw PgqrsException.invalidConfig("yaml", "config file '" + file + "' is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw PgqrsException.invalidConfig("yaml", "config file '" + file + "' must hold a mapping of keys, got " + root.getNodeType());
        }
        requireKnown(root, TOP, "");
        text(root, "dsn").ifPresent(b::dsn);
        text(root, "schema").ifPresent(v -> wrap("schema", () -> b.schema(v)));
        whole(root, "max_connections").ifPresent(v -> wrap("max_connections", () -> b.maxConnections((int) v)));
        whole(root, "connection_timeout_seconds").ifPresent(v -> wrap("connection_timeout_seconds", () -> b.connectionTimeout(Duration.ofSeconds(v))));
        whole(root, "default_lock_time_seconds").ifPresent(v -> wrap("default_lock_time_seconds", () -> b.defaultLockTime(Duration.ofSeconds(v))));
        whole(root, "default_max_batch_size").ifPresent(v -> wrap("default_max_batch_size", () -> b.defaultMaxBatchSize((int) v)));
        whole(root, "max_read_ct").ifPresent(v -> wrap("max_read_ct", () -> b.maxReadCt((int) v)));
        whole(root, "heartbeat_interval").ifPresent(v -> wrap("heartbeat_interval", () -> b.heartbeatInterval(Duration.ofSeconds(v))));
        whole(root, "poll_interval_ms").ifPresent(v -> wrap("poll_interval_ms", () -> b.pollInterval(Duration.ofMillis(v))));
        JsonNode validation = root.get("validation_config");
        if (validation != null && !validation.isNull()) {
            b.validation(ValidationConfig.fromJson(validation.toString(), "validation_config"));
        }
        JsonNode sqlite = section(root, "sqlite", Set.of("use_wal"));
        if (sqlite != null && sqlite.has("use_wal")) {
            JsonNode v = sqlite.get("use_wal");
            if (!v.isBoolean()) {
                throw PgqrsException.invalidConfig("sqlite.use_wal", "expected true or false, got " + v);
            }
            b.sqliteUseWal(v.booleanValue());
        }
        JsonNode s3 = section(root, "s3", Set.of("mode", "cache_dir"));
        if (s3 != null) {
            text(s3, "mode").ifPresent(v -> b.s3Mode(EnvironmentConfig.parseMode("s3.mode", v)));
            text(s3, "cache_dir").ifPresent(v -> b.s3CacheDir(Path.of(v)));
        }
    }

    private static JsonNode section(JsonNode root, String key, Set<String> known) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw PgqrsException.invalidConfig(key, "expected a mapping with keys " + known + ", got " + node);
        }
        requireKnown(node, known, key + ".");
        return node;
    }

    private static void requireKnown(JsonNode node, Set<String> known, String prefix) {
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String key = member.getKey();
            if (!known.contains(key)) {
                throw PgqrsException.invalidConfig(prefix + key, "unknown key in config file; known keys are "
                        + known.stream().sorted().map(k -> prefix + k).toList());
            }
        }
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw PgqrsException.invalidConfig(key, "expected text, got " + v);
        }
        return Optional.of(v.textValue());
    }

    private static OptionalLong whole(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return OptionalLong.empty();
        }
        if (!v.isIntegralNumber()) {
            throw PgqrsException.invalidConfig(key, "expected a whole number, got " + v);
        }
        return OptionalLong.of(v.longValue());
    }

    private static void wrap(String key, Runnable set) {
        try {
            set.run();
        } catch (PgqrsException e) {
            throw PgqrsException.invalidConfig(key, e.getMessage());
        }
    }
}
