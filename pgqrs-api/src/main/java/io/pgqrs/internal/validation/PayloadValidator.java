package io.pgqrs.internal.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.PgqrsException;
import io.pgqrs.ValidationConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The structural pass and size check of SPEC P-11 and P-12. Pure: it reads the payload and the rules only. */
public final class PayloadValidator {
    private final ValidationConfig rules;

    /** @param rules the configured rules */
    public PayloadValidator(ValidationConfig rules) {
        this.rules = rules;
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

    /**
     * @param sizeBytes a payload size
     * @return whether it is over the limit
     */
    public boolean tooLarge(long sizeBytes) {
        return sizeBytes > rules.maxPayloadSizeBytes();
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
