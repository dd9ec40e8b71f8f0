package io.pgqrs.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.PgqrsException;
import io.pgqrs.internal.json.JsonCodec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a stored payload (JSON text) into the {@link JsonNode} of a {@link io.pgqrs.Message} and back, and stored
 * headers (a JSON object of strings, or null) into {@link io.pgqrs.Message#headers()} and back, with the
 * library's one Jackson mapper, so that every backend reads and writes payloads the same way. The texts a store
 * receives in {@link MessageTable#insert} are already compact and validated; a store keeps them as they are.
 */
public final class PayloadCodec {
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    private PayloadCodec() {
    }

    /**
     * @param storedJson the payload text as stored
     * @param messageId the message it belongs to, for the error
     * @return the payload tree
     * @throws PgqrsException {@code SERIALIZATION} when the stored text is not JSON (the row was written by
     *         something else than pgqrs)
     */
    public static JsonNode read(String storedJson, long messageId) {
        try {
            return JsonCodec.MAPPER.readTree(storedJson);
        } catch (JsonProcessingException e) {
            throw PgqrsException.serialization("stored payload of message " + messageId + " is not valid JSON", e);
        }
    }

    /**
     * @param storedJson a message's headers as stored (a JSON object of strings), or null when it has none
     * @param messageId the message they belong to, for the error
     * @return the headers in stored order; empty for null
     * @throws PgqrsException {@code SERIALIZATION} when the stored text is not a JSON object of strings
     */
    public static Map<String, String> readHeaders(String storedJson, long messageId) {
        if (storedJson == null) {
            return Map.of();
        }
        try {
            return Collections.unmodifiableMap(JsonCodec.MAPPER.readValue(storedJson, HEADERS));
        } catch (JsonProcessingException e) {
            throw PgqrsException.serialization("stored headers of message " + messageId + " are not a JSON object of strings", e);
        }
    }

    /**
     * @param headers message headers, possibly empty
     * @return their compact JSON object text as the library stores it, or null when there are none
     */
    public static String writeHeaders(Map<String, String> headers) {
        return headers.isEmpty() ? null : JsonCodec.toText(JsonCodec.MAPPER.valueToTree(headers));
    }

    /**
     * @param payload a payload tree
     * @return its compact JSON text, as the library stores it
     */
    public static String write(JsonNode payload) {
        return JsonCodec.toText(payload);
    }
}
