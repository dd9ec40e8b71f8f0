package io.pgqrs.internal.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgqrs.PgqrsException;
import io.pgqrs.internal.json.JsonCodec;

/** Inputs, outputs and errors of workflows as JSON texts, with the library's mapper. */
final class WorkflowJson {
    private WorkflowJson() {
    }

    static String write(Object value, String what) {
        try {
            return JsonCodec.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw PgqrsException.serialization(what + " cannot be written as JSON", e);
        }
    }

    static <T> T read(JsonNode json, Class<T> type, String what) {
        if (json == null || json.isNull()) {
            return null;
        }
        try {
            return JsonCodec.MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw PgqrsException.serialization(what + " cannot be read as " + type.getName(), e);
        }
    }

    /** @return the error of a failed run or step: {@code {"is_transient": …, "code": …, "message": …}} */
    static String error(boolean transientError, String code, String message) {
        ObjectNode error = JsonCodec.MAPPER.createObjectNode();
        error.put("is_transient", transientError);
        error.put("code", code);
        error.put("message", message);
        return error.toString();
    }
}
