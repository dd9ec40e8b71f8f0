package io.pgqrs.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pgqrs.PgqrsException;

/** The one Jackson mapper for payloads, so every path turns values into JSON the same way. */
public final class JsonCodec {
    /**
     * Shared, thread-safe mapper; never reconfigure it after start-up. Text it reads must be exactly one JSON value:
     * content after the value is an error, not silently dropped.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonCodec() {
    }

    /**
     * @param value a JsonNode, Map, String, number or bindable object
     * @return its JSON tree
     * @throws PgqrsException {@code SERIALIZATION} when Jackson cannot serialize it
     */
    public static JsonNode toTree(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw PgqrsException.serialization("cannot turn " + (value == null ? "null" : value.getClass().getName()) + " into JSON", e);
        }
    }

    /** @param node a JSON tree @return its compact text */
    public static String toText(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw PgqrsException.serialization("cannot write JSON", e);
        }
    }
}
