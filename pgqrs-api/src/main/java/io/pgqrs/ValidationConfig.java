package io.pgqrs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.internal.json.JsonCodec;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Rules every producer applies to payloads before they are stored, and the enqueue rate
 * limit.
 *
 * @param maxPayloadSizeBytes largest compact JSON payload in bytes (default 1 048 576)
 * @param maxStringLength longest string value or object key in UTF-8 bytes (default 1024)
 * @param maxObjectDepth deepest nesting; the root is depth 0 (default 5)
 * @param forbiddenKeys keys refused at any level (default {@code __proto__}, {@code constructor})
 * @param requiredKeys keys the root object must have (default none)
 * @param maxEnqueuePerSecond token refill rate per producer, or null to disable rate limiting (default 1000)
 * @param maxEnqueueBurst bucket size, or null for 50 (default 50)
 */
public record ValidationConfig(long maxPayloadSizeBytes, int maxStringLength, int maxObjectDepth,
                               Set<String> forbiddenKeys, Set<String> requiredKeys,
                               Long maxEnqueuePerSecond, Long maxEnqueueBurst) {

    private static final String FIELD = "validation_config";

    /**
     * Creates the rules, rejecting values that can never work; {@link #defaults()} and the {@code with…} methods are
     * the usual way to get one.
     *
     * @param maxPayloadSizeBytes largest compact JSON payload in bytes, 0 or more
     * @param maxStringLength longest string value or object key in UTF-8 bytes, 0 or more
     * @param maxObjectDepth deepest nesting (the root is depth 0), 0 or more
     * @param forbiddenKeys keys refused at any level; null for none
     * @param requiredKeys keys the root object must have; null for none
     * @param maxEnqueuePerSecond token refill rate per producer, 0 or more, or null to turn rate limiting off
     * @param maxEnqueueBurst bucket size, at least 1, or null for 50
     * @throws PgqrsException {@code INVALID_CONFIG} naming the key at fault (e.g.
     *         {@code validation_config.max_enqueue_burst})
     */
    public ValidationConfig {
        requireNonNegative("max_payload_size_bytes", maxPayloadSizeBytes);
        requireNonNegative("max_string_length", maxStringLength);
        requireNonNegative("max_object_depth", maxObjectDepth);
        if (maxEnqueuePerSecond != null) {
            requireNonNegative("max_enqueue_per_second", maxEnqueuePerSecond);
        }
        if (maxEnqueueBurst != null && maxEnqueueBurst <= 0) {
            throw PgqrsException.invalidConfig(FIELD + ".max_enqueue_burst",
                    "burst must be at least 1, got " + maxEnqueueBurst + " (use null for the default of 50)");
        }
        forbiddenKeys = Set.copyOf(forbiddenKeys == null ? Set.of() : forbiddenKeys);
        requiredKeys = Set.copyOf(requiredKeys == null ? Set.of() : requiredKeys);
    }

    /** @return the defaults, the same as the reference implementation's */
    public static ValidationConfig defaults() {
        return new ValidationConfig(1_048_576, 1024, 5, Set.of("__proto__", "constructor"), Set.of(), 1000L, 50L);
    }

    /**
     * @param perSecond refill rate, or null to turn rate limiting off
     * @param burst bucket size, or null for 50
     * @return a copy with this rate limit; note a batch larger than the burst is always refused
     */
    public ValidationConfig withRateLimit(Long perSecond, Long burst) {
        return new ValidationConfig(maxPayloadSizeBytes, maxStringLength, maxObjectDepth, forbiddenKeys, requiredKeys, perSecond, burst);
    }

    /** @return true when {@link #maxEnqueuePerSecond()} is set */
    public boolean rateLimited() {
        return maxEnqueuePerSecond != null;
    }

    /** @return the bucket size in effect: {@link #maxEnqueueBurst()} or 50 */
    public long effectiveBurst() {
        return maxEnqueueBurst == null ? 50 : maxEnqueueBurst;
    }

    /**
     * Reads a JSON object with the snake_case keys of the configuration file. Missing keys take their defaults;
     * a key that is present with the wrong type, or an unknown key, is an error.
     *
     * @param json the JSON text, e.g. the value of {@code PGQRS_VALIDATION_CONFIG}
     * @param source the variable or key it came from, named in errors
     * @return the parsed configuration
     * @throws PgqrsException {@code INVALID_CONFIG} naming {@code source} and the key at fault
     */
    public static ValidationConfig fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JsonCodec.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw PgqrsException.invalidConfig(source, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw PgqrsException.invalidConfig(source, "expected a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
        }
        ValidationConfig d = defaults();
        Set<String> known = Set.of("max_payload_size_bytes", "max_string_length", "max_object_depth", "forbidden_keys",
                "required_keys", "max_enqueue_per_second", "max_enqueue_burst");
        root.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                throw PgqrsException.invalidConfig(source, "unknown key '" + k + "'; known keys are " + known);
            }
        });
        return new ValidationConfig(
                longAt(root, "max_payload_size_bytes", d.maxPayloadSizeBytes(), source),
                (int) longAt(root, "max_string_length", d.maxStringLength(), source),
                (int) longAt(root, "max_object_depth", d.maxObjectDepth(), source),
                stringsAt(root, "forbidden_keys", d.forbiddenKeys(), source),
                stringsAt(root, "required_keys", d.requiredKeys(), source),
                nullableLongAt(root, "max_enqueue_per_second", d.maxEnqueuePerSecond(), source),
                nullableLongAt(root, "max_enqueue_burst", d.maxEnqueueBurst(), source));
    }

    private static long longAt(JsonNode root, String key, long fallback, String source) {
        JsonNode v = root.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw PgqrsException.invalidConfig(source, "key '" + key + "' must be a whole number, got " + v);
        }
        return v.asLong();
    }

    private static Long nullableLongAt(JsonNode root, String key, Long fallback, String source) {
        JsonNode v = root.get(key);
        if (v != null && v.isNull()) {
            return null;
        }
        return v == null ? fallback : Long.valueOf(longAt(root, key, 0, source));
    }

    private static Set<String> stringsAt(JsonNode root, String key, Set<String> fallback, String source) {
        JsonNode v = root.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isArray()) {
            throw PgqrsException.invalidConfig(source, "key '" + key + "' must be an array of strings, got " + v);
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw PgqrsException.invalidConfig(source, "key '" + key + "' must hold only strings, got " + e);
            }
            out.add(e.asText());
        }
        return out;
    }

    private static void requireNonNegative(String key, long value) {
        if (value < 0) {
            throw PgqrsException.invalidConfig(FIELD + "." + key, "must not be negative, got " + value);
        }
    }
}
