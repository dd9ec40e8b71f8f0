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
 * @param priority the claim order's first key, higher first (see {@link MessageTable#claim})
 * @param groupKey the ordered group the message belongs to (see {@link MessageTable#claim}), or null for none
 */
public record NewMessage(String payload, String headers, String idempotencyKey, long idempotencyWindowSeconds,
                         int priority, String groupKey) {

    /**
     * Creates a message to store.
     *
     * @param payload the payload, compact JSON; not null
     * @param headers the headers JSON object, or null for none
     * @param idempotencyKey the idempotency key, or null for none
     * @param idempotencyWindowSeconds how long after the archive the key stays taken, 0 for none
     * @param priority the priority, 0 for the default
     * @param groupKey the group key, or null for none
     * @throws NullPointerException when {@code payload} is null
     */
    public NewMessage {
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * A message of the default priority, without group.
     *
     * @param payload the payload, compact JSON
     * @param headers the headers JSON, or null
     * @param idempotencyKey the idempotency key, or null for none
     * @param idempotencyWindowSeconds how long after the archive the key stays taken, 0 for none
     */
    public NewMessage(String payload, String headers, String idempotencyKey, long idempotencyWindowSeconds) {
        this(payload, headers, idempotencyKey, idempotencyWindowSeconds, 0, null);
    }

    /**
     * A message without idempotency key.
     *
     * @param payload the payload, compact JSON
     * @param headers the headers JSON, or null
     */
    public NewMessage(String payload, String headers) {
        this(payload, headers, null, 0, 0, null);
    }
}
