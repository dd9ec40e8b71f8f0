package io.pgqrs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.internal.json.JsonCodec;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A stored message: one row of {@code pgqrs_messages}. Immutable snapshot of the row as it was when read.
 *
 * @param id database-assigned id, increasing per store
 * @param queueId the queue it belongs to
 * @param payload the JSON payload
 * @param vt visibility time: not deliverable before this instant; while leased, the end of the lease
 * @param enqueuedAt when it was enqueued
 * @param readCt how many times it has been leased
 * @param dequeuedAt the first lease, or null if never leased
 * @param producerWorkerId the producer that enqueued it, or null
 * @param consumerWorkerId the last consumer that leased it, or null when released or never leased
 * @param archivedAt when it was archived, or null while live
 * @param headers the headers it was enqueued with ({@link EnqueueOptions#withHeader}); empty when it has none,
 *        never null. The order of the names is not kept by every store
 * @param priority its priority ({@link EnqueueOptions#withPriority}), 0 by default
 * @param groupKey its ordered group ({@link EnqueueOptions#withGroup}), or null when it has none
 * @param duplicate true when an enqueue with an idempotency key found this message already there and wrote nothing;
 *        false on every other read
 */
public record Message(long id, long queueId, JsonNode payload, Instant vt, Instant enqueuedAt, int readCt,
                      Instant dequeuedAt, Long producerWorkerId, Long consumerWorkerId, Instant archivedAt,
                      Map<String, String> headers, int priority, String groupKey, boolean duplicate) {

    /**
     * Creates a snapshot of a message row; stores call it when they read one.
     *
     * @param id database-assigned id
     * @param queueId the queue it belongs to
     * @param payload the JSON payload; not null
     * @param vt visibility time (the end of the lease while leased); not null
     * @param enqueuedAt when it was enqueued; not null
     * @param readCt how many times it has been leased
     * @param dequeuedAt the first lease, or null if never leased
     * @param producerWorkerId the producer that enqueued it, or null
     * @param consumerWorkerId the last consumer that leased it, or null
     * @param archivedAt when it was archived, or null while live
     * @param headers its headers; null is taken as none. The record keeps an unmodifiable copy
     * @param priority its priority
     * @param groupKey its group key, or null
     * @param duplicate true only for what an enqueue with a taken idempotency key returns
     * @throws NullPointerException when {@code payload}, {@code vt} or {@code enqueuedAt} is null
     */
    public Message {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(vt, "vt");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * Binds the payload to a Java type with Jackson.
     *
     * <p>On the module path, the package of {@code type} must be opened to {@code com.fasterxml.jackson.databind}.
     *
     * @param type the target type, e.g. a record
     * @param <T> the target type
     * @return the bound payload
     * @throws PgqrsException {@code SERIALIZATION} when the payload does not fit the type
     */
    public <T> T payload(Class<T> type) {
        try {
            return JsonCodec.MAPPER.treeToValue(payload, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw PgqrsException.serialization("cannot bind payload of message " + id + " to " + type.getName(), e);
        }
    }

    /** @return this message as an enqueue that found it already there returns it: {@link #duplicate()} true */
    public Message asDuplicate() {
        return new Message(id, queueId, payload, vt, enqueuedAt, readCt, dequeuedAt, producerWorkerId, consumerWorkerId,
                archivedAt, headers, priority, groupKey, true);
    }

    /** @return true once the message has been archived */
    public boolean isArchived() {
        return archivedAt != null;
    }
}
