package io.pgqrs.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.PgqrsException;
import io.pgqrs.internal.json.JsonCodec;

/**
 * Turns a stored payload (JSON text) into the {@link JsonNode} of a {@link io.pgqrs.Message} and back, with the
 * library's one Jackson mapper, so that every backend reads and writes payloads the same way. The texts a store
 * receives in {@link MessageTable#insert} are already compact and validated; a store keeps them as they are.
 */
public final class PayloadCodec {
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
     * @param payload a payload tree
     * @return its compact JSON text, as the library stores it
     */
    public static String write(JsonNode payload) {
        return JsonCodec.toText(payload);
    }
}
