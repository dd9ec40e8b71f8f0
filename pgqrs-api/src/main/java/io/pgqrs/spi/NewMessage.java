package io.pgqrs.spi;

import java.util.Objects;

/**
 * One message to store, as {@link MessageTable#insert} receives it: texts the library already validated, kept by the
 * store as they are.
 *
 * @param payload the payload, compact JSON
 * @param headers the headers as a compact JSON object of strings (see {@link PayloadCodec#writeHeaders}), or null
 *        when the message has none
 */
public record NewMessage(String payload, String headers) {

    /** Checks the payload is there. */
    public NewMessage {
        Objects.requireNonNull(payload, "payload");
    }
}
