package io.pgqrs.test;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** "A payload like this": every field the expected object names is in the actual one, with a matching value. */
final class PayloadMatch {
    private PayloadMatch() {
    }

    /**
     * @param expected the fields that must be there; objects nest, arrays and scalars must be equal
     * @param actual a stored payload
     * @return whether {@code actual} has everything {@code expected} names
     */
    static boolean matches(JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = actual.get(field.getKey());
                if (value == null || !matches(field.getValue(), value)) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }
}
