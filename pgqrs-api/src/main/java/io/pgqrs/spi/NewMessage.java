package io.pgqrs.spi;

import java.util.Objects;

/**
 * One message to store, as {@link MessageTable#insert} receives it: texts the library already validated, kept by the
 * store as they are.
 *
 * @param payload the payload, compact JSON
 * @param headers the headers as a compact JSON object of strings (see {@link PayloadCodec#writeHeaders}), or null
 *        when the message has none
 * @param idempotencyKey the key no other live message of the queue may hold, or null for none
 * @param idempotencyWindowSeconds how long after the archive the key stays taken, 0 for none
 */
public record NewMessage(String payload, String headers, String idempotencyKey, long idempotencyWindowSeconds) {

    /**
     * Creates a message to store.
     *
     * @param payload the payload, compact JSON; not null
     * @param headers the headers JSON object, or null for none
     * @param idempotencyKey the idempotency key, or null for none
     * @param idempotencyWindowSeconds how long after the archive the key stays taken, 0 for none
     * @throws NullPointerException when {@code payload} is null
     */
    public NewMessage {
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * A message without idempotency key.
     *
     * @param payload the payload, compact JSON
     * @param headers the headers JSON, or null
     */
    public NewMessage(String payload, String headers) {
        this(payload, headers, null, 0);
    }
}
