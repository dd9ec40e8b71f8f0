package io.pgqrs.internal.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.PgqrsException;
import io.pgqrs.ValidationConfig;
import io.pgqrs.internal.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The structural pass (depth, string and key lengths, forbidden and required keys) and the size check of a payload.
 * Pure: it reads the payload and the rules only.
 */
public final class PayloadValidator {
    private final ValidationConfig rules;

    /** @param rules the configured rules */
    public PayloadValidator(ValidationConfig rules) {
        this.rules = rules;
    }

    /**
     * The structural pass on one payload of a request.
     *
     * @param payload a JsonNode, Map, String, number or bindable object
     * @param index its position in a batch, or -1 for a single payload
     * @return its compact JSON text
     * @throws PgqrsException {@code VALIDATION_FAILED} naming the problem (and the index in a batch),
     *         {@code SERIALIZATION} when it cannot be turned into JSON
     */
    public String requireStructure(Object payload, int index) {
        JsonNode tree = JsonCodec.toTree(payload);
        String problem = structuralProblem(tree);
        if (problem != null) {
            throw PgqrsException.validationFailed(index < 0 ? problem : "Payload at index " + index + ": " + problem);
        }
        return JsonCodec.toText(tree);
    }

    /**
     * The size check on one payload of a request.
     *
     * @param compactJson the payload's compact JSON text
     * @param index its position in a batch, or -1 for a single payload
     * @throws PgqrsException {@code PAYLOAD_TOO_LARGE} for a single payload, {@code VALIDATION_FAILED} naming the
     *         index in a batch
     */
    public void requireSize(String compactJson, int index) {
        long size = sizeOf(compactJson);
        if (size > rules.maxPayloadSizeBytes()) {
            throw index < 0
                    ? PgqrsException.payloadTooLarge(size, rules.maxPayloadSizeBytes())
                    : PgqrsException.validationFailed("Payload at index " + index + " too large: " + size
                            + " bytes exceeds limit " + rules.maxPayloadSizeBytes());
        }
    }

    /**
     * @param payload a JSON tree
     * @return the reason the structural pass fails, or null when it passes
     */
    public String structuralProblem(JsonNode payload) {
        if (payload.isObject()) {
            for (String key : rules.requiredKeys()) {
                if (!payload.has(key)) {
                    return "Required key '" + key + "' missing from payload";
                }
            }
        }
        return walk(payload, 0);
    }

    /**
     * @param compactJson the payload's compact JSON text
     * @return its size in UTF-8 bytes
     */
    public static long sizeOf(String compactJson) {
        return compactJson.getBytes(StandardCharsets.UTF_8).length;
    }

    private String walk(JsonNode node, int depth) {
        if (depth > rules.maxObjectDepth()) {
            return "Object depth " + depth + " exceeds limit " + rules.maxObjectDepth();
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String key = member.getKey();
                if (rules.forbiddenKeys().contains(key)) {
                    return "Forbidden key '" + key + "' found in payload";
                }
            }
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                int keyBytes = member.getKey().getBytes(StandardCharsets.UTF_8).length;
                if (keyBytes > rules.maxStringLength()) {
                    return "Key '" + member.getKey() + "' length " + keyBytes + " exceeds limit " + rules.maxStringLength();
                }
                String problem = walk(member.getValue(), depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                String problem = walk(element, depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node.isTextual()) {
            int bytes = node.textValue().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > rules.maxStringLength()) {
                return "String length " + bytes + " exceeds limit " + rules.maxStringLength();
            }
        }
        return null;
    }
}
