package io.pgqrs.internal.config;

import io.pgqrs.Config;
import io.pgqrs.DurabilityMode;
import io.pgqrs.PgqrsException;
import io.pgqrs.ValidationConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Reads the {@code PGQRS_*} variables into a {@link Config}; a value that does not parse is an error naming the variable, never a silent default. */
public final class EnvironmentConfig {
    private EnvironmentConfig() {
    }

    /**
     * Sets on {@code b} every field whose variable is present; the others keep the builder's values.
     *
     * @param b the builder
     * @param env the variables
     */
    public static void applyTo(Config.Builder b, Map<String, String> env) {
        read(env, "PGQRS_DSN", Function.identity(), b::dsn);
        read(env, "PGQRS_SCHEMA", Function.identity(), b::schema);
        read(env, "PGQRS_MAX_CONNECTIONS", v -> parseInt("PGQRS_MAX_CONNECTIONS", v), b::maxConnections);
        read(env, "PGQRS_CONNECTION_TIMEOUT", v -> seconds("PGQRS_CONNECTION_TIMEOUT", v), b::connectionTimeout);
        read(env, "PGQRS_DEFAULT_LOCK_TIME", v -> seconds("PGQRS_DEFAULT_LOCK_TIME", v), b::defaultLockTime);
        read(env, "PGQRS_DEFAULT_BATCH_SIZE", v -> parseInt("PGQRS_DEFAULT_BATCH_SIZE", v), b::defaultMaxBatchSize);
        read(env, "PGQRS_MAX_READ_CT", v -> parseInt("PGQRS_MAX_READ_CT", v), b::maxReadCt);
        read(env, "PGQRS_HEARTBEAT_INTERVAL", v -> seconds("PGQRS_HEARTBEAT_INTERVAL", v), b::heartbeatInterval);
        read(env, "PGQRS_POLL_INTERVAL_MS", v -> Duration.ofMillis(parseInt("PGQRS_POLL_INTERVAL_MS", v)), b::pollInterval);
        read(env, "PGQRS_VALIDATION_CONFIG", v -> ValidationConfig.fromJson(v, "PGQRS_VALIDATION_CONFIG"), b::validation);
        read(env, "PGQRS_SQLITE_USE_WAL", v -> parseBoolean("PGQRS_SQLITE_USE_WAL", v), b::sqliteUseWal);
        read(env, "PGQRS_S3_MODE", EnvironmentConfig::parseMode, b::s3Mode);
    }

    private static <T> void read(Map<String, String> env, String name, Function<String, T> parse, Consumer<T> set) {
        String raw = env.get(name);
        if (raw == null) {
            return;
        }
        T value = parse.apply(raw.trim());
        try {
            set.accept(value);
        } catch (PgqrsException e) {
            throw PgqrsException.invalidConfig(name, e.getMessage());
        }
    }

    private static int parseInt(String name, String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw PgqrsException.invalidConfig(name, "expected a whole number, got '" + raw + "'");
        }
    }

    private static Duration seconds(String name, String raw) {
        return Duration.ofSeconds(parseInt(name, raw));
    }

    private static boolean parseBoolean(String name, String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw PgqrsException.invalidConfig(name, "expected true or false, got '" + raw + "'");
        };
    }

    private static DurabilityMode parseMode(String raw) {
        return parseMode("PGQRS_S3_MODE", raw);
    }

    /**
     * @param field the variable or key, named in the error
     * @param raw the text, case-insensitive
     * @return the mode
     */
    static DurabilityMode parseMode(String field, String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "durable" -> DurabilityMode.DURABLE;
            case "local" -> DurabilityMode.LOCAL;
            default -> throw PgqrsException.invalidConfig(field, "expected 'durable' or 'local', got '" + raw + "'");
        };
    }
}
