package io.pgqrs;

import io.pgqrs.internal.validation.HeaderRules;
import io.pgqrs.internal.validation.IdempotencyRules;
import io.pgqrs.internal.validation.OrderingRules;
import io.pgqrs.internal.validation.RequestLimits;
import io.pgqrs.spi.PayloadCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to enqueue: the headers every message of the call gets and its visibility delay. Immutable; each
 * {@code with…} returns a copy and checks its input at once, so a bad header fails before anything is sent.
 *
 * <pre>{@code
 * producer.enqueue(order, EnqueueOptions.none().withHeader("content-type", "application/json")
 *                                              .withHeader("traceparent", traceParent));
 * }</pre>
 *
 * <p>Headers are a small map of strings stored beside the payload (one column) and returned by
 * {@link Message#headers()}: content type, trace context, tags. Names are 1 to 255 printable ASCII characters
 * without spaces; values are any strings. The headers of a message, as a compact JSON object, take at most
 * {@value #MAX_HEADERS_BYTES} bytes in UTF-8; they are capped on their own and do not count toward
 * {@code max_payload_size_bytes}, and the payload rules (forbidden and required keys, depth, string lengths) do not
 * apply to them.
 *
 * <p>An idempotency key makes an enqueue happen at most once: while a message with that key is live (not archived)
 * on the queue, another enqueue with the key writes nothing and returns the message already there, with
 * {@link Message#duplicate()} true. Archiving the message frees the key, unless a window keeps it taken for that long
 * after the archive. A unique index decides between racing enqueues, so concurrent threads and processes get one
 * row. Keys are 1 to {@value #MAX_IDEMPOTENCY_KEY_LENGTH} characters, compared exactly (case matters); a batch gives
 * one key per payload ({@link #withIdempotencyKeys}), and two equal keys in one batch are refused.
 *
 * <pre>{@code
 * Message m = producer.enqueue(order, EnqueueOptions.idempotencyKey("order-42"));
 * if (m.duplicate()) { ... }   // enqueued before: m is that message
 * }</pre>
 *
 * <p>A priority orders the claim: higher first, from {@value #MIN_PRIORITY} to {@value #MAX_PRIORITY}, 0 by default;
 * messages of equal priority go in visibility-time order, then id order. Priorities decide among the messages that are
 * visible now: a delayed message waits for its delay whatever its priority.
 *
 * <p>A group key puts a message in an ordered group of its queue (as SQS message groups): the messages of one group
 * are delivered in the order they were enqueued (id order), at most one at a time. The next message of a group is
 * not delivered while an earlier one is live: leased, waiting for a retry, delayed, or read up to the dead-letter
 * limit and not archived yet. It goes once the earlier one is archived, deleted or dead-lettered. Groups never hold
 * one another up, and messages without a group are not held by any. Inside a group, order wins over priority.
 * Keys are 1 to {@value #MAX_GROUP_LENGTH} characters, compared exactly.
 *
 * <pre>{@code
 * producer.enqueue(invoice, EnqueueOptions.none().withPriority(10).withGroup("customer-42"));
 * }</pre>
 */
public final class EnqueueOptions {
    /** The largest headers of one message, as a compact JSON object in UTF-8 bytes. */
    public static final int MAX_HEADERS_BYTES = HeaderRules.MAX_HEADERS_BYTES;
    /** The longest idempotency key, in characters. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = IdempotencyRules.MAX_KEY_LENGTH;
    /** The lowest priority. */
    public static final int MIN_PRIORITY = OrderingRules.MIN_PRIORITY;
    /** The highest priority. */
    public static final int MAX_PRIORITY = OrderingRules.MAX_PRIORITY;
    /** The longest group key, in characters. */
    public static final int MAX_GROUP_LENGTH = OrderingRules.MAX_GROUP_LENGTH;
    private static final EnqueueOptions NONE = new EnqueueOptions(Map.of(), Duration.ZERO, List.of(), Duration.ZERO, 0,
            List.of(), false);

    private final Map<String, String> headers;
    private final Duration delay;
    private final List<String> idempotencyKeys;
    private final Duration idempotencyWindow;
    private final int priority;
    /** One group for every payload (a one-element list) or one per payload, see {@link #groupsPerPayload}. */
    private final List<String> groups;
    private final boolean groupsPerPayload;

    private EnqueueOptions(Map<String, String> headers, Duration delay, List<String> idempotencyKeys,
                           Duration idempotencyWindow, int priority, List<String> groups, boolean groupsPerPayload) {
        this.headers = headers;
        this.delay = delay;
        this.idempotencyKeys = idempotencyKeys;
        this.idempotencyWindow = idempotencyWindow;
        this.priority = priority;
        this.groups = groups;
        this.groupsPerPayload = groupsPerPayload;
    }

    /** @return options with no headers and no delay */
    public static EnqueueOptions none() {
        return NONE;
    }

    /**
     * @param key the key of a single enqueue
     * @return options with that key and nothing else
     * @throws PgqrsException as {@link #withIdempotencyKey}
     */
    public static EnqueueOptions idempotencyKey(String key) {
        return NONE.withIdempotencyKey(key);
    }

    /**
     * @param name the header name: 1 to 255 printable ASCII characters, no spaces; a name already set is replaced
     * @param value its value, not null
     * @return a copy with the header
     * @throws PgqrsException {@code VALIDATION_FAILED} for a bad name or value, or when the headers would take more
     *         than {@value #MAX_HEADERS_BYTES} bytes
     */
    public EnqueueOptions withHeader(String name, String value) {
        return withHeaders(Collections.singletonMap(name, value));
    }

    /**
     * @param more headers to add, in their iteration order; names already set are replaced
     * @return a copy with the headers
     * @throws PgqrsException as {@link #withHeader}
     */
    public EnqueueOptions withHeaders(Map<String, String> more) {
        Objects.requireNonNull(more, "more");
        Map<String, String> merged = new LinkedHashMap<>(headers);
        more.forEach((name, value) -> {
            HeaderRules.requireHeader(name, value);
            merged.put(name, value);
        });
        return sized(merged);
    }

    private EnqueueOptions sized(Map<String, String> merged) {
        String json = PayloadCodec.writeHeaders(merged);
        if (json != null) {
            HeaderRules.requireSize(merged, json);
        }
        return new EnqueueOptions(Collections.unmodifiableMap(merged), delay, idempotencyKeys, idempotencyWindow, priority,
                groups, groupsPerPayload);
    }

    /**
     * @param visibilityDelay how long the messages stay invisible: whole seconds, not negative
     * @return a copy with the delay
     * @throws PgqrsException {@code VALIDATION_FAILED} for a negative or fractional delay
     */
    public EnqueueOptions withDelay(Duration visibilityDelay) {
        RequestLimits.requireDelaySeconds(Objects.requireNonNull(visibilityDelay, "visibilityDelay"));
        return new EnqueueOptions(headers, visibilityDelay, idempotencyKeys, idempotencyWindow, priority, groups, groupsPerPayload);
    }

    /**
     * @param key the idempotency key of a single enqueue: 1 to {@value #MAX_IDEMPOTENCY_KEY_LENGTH} characters
     * @return a copy with that key (a batch of more than one payload needs {@link #withIdempotencyKeys})
     * @throws PgqrsException {@code VALIDATION_FAILED} for an empty key or one that is too long
     */
    public EnqueueOptions withIdempotencyKey(String key) {
        return withIdempotencyKeys(List.of(Objects.requireNonNull(key, "key")));
    }

    /**
     * @param keys one key per payload of a batch, in the payloads' order; a null element enqueues that payload without
     *        a key. The enqueue fails unless there are as many keys as payloads
     * @return a copy with the keys
     * @throws PgqrsException {@code VALIDATION_FAILED} for an empty or too long key, or two equal keys
     */
    public EnqueueOptions withIdempotencyKeys(List<String> keys) {
        List<String> copy = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(keys, "keys")));
        IdempotencyRules.requireDistinct(copy);
        return new EnqueueOptions(headers, delay, copy, idempotencyWindow, priority, groups, groupsPerPayload);
    }

    /**
     * @param window how long a key stays taken after its message is archived, in whole seconds, not negative; zero
     *        (the default) frees it at the archive. Deleting the message frees it at once whatever the window
     * @return a copy with the window
     * @throws PgqrsException {@code VALIDATION_FAILED} for a negative or fractional window
     */
    public EnqueueOptions withIdempotencyWindow(Duration window) {
        IdempotencyRules.requireWindowSeconds(Objects.requireNonNull(window, "window"));
        return new EnqueueOptions(headers, delay, idempotencyKeys, window, priority, groups, groupsPerPayload);
    }

    /**
     * @param priority the priority of every message of the call: {@value #MIN_PRIORITY} to {@value #MAX_PRIORITY},
     *        higher first; 0 is the default
     * @return a copy with the priority
     * @throws PgqrsException {@code VALIDATION_FAILED} outside that range
     */
    public EnqueueOptions withPriority(int priority) {
        OrderingRules.requirePriority(priority);
        return new EnqueueOptions(headers, delay, idempotencyKeys, idempotencyWindow, priority, groups, groupsPerPayload);
    }

    /**
     * @param group the ordered group of every message of the call (a batch keeps its order inside the group): 1 to
     *        {@value #MAX_GROUP_LENGTH} characters
     * @return a copy with the group
     * @throws PgqrsException {@code VALIDATION_FAILED} for an empty key or one that is too long
     */
    public EnqueueOptions withGroup(String group) {
        OrderingRules.requireGroup(Objects.requireNonNull(group, "group"));
        return new EnqueueOptions(headers, delay, idempotencyKeys, idempotencyWindow, priority, List.of(group), false);
    }

    /**
     * @param groups one group key per payload of a batch, in the payloads' order; a null element enqueues that payload
     *        without a group. The enqueue fails unless there are as many keys as payloads
     * @return a copy with the groups
     * @throws PgqrsException {@code VALIDATION_FAILED} for an empty or too long key
     */
    public EnqueueOptions withGroups(List<String> groups) {
        List<String> copy = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(groups, "groups")));
        OrderingRules.requireGroups(copy);
        return new EnqueueOptions(headers, delay, idempotencyKeys, idempotencyWindow, priority, copy, true);
    }

    /** @return the priority, 0 unless set */
    public int priority() {
        return priority;
    }

    /**
     * @param index the position of a payload in the call
     * @param count how many payloads the call has
     * @return the group key of that payload, or null for none
     * @throws PgqrsException {@code VALIDATION_FAILED} when {@link #withGroups} gave a number of keys other than
     *         {@code count} (one key from {@link #withGroup} applies to every payload)
     */
    public String groupOf(int index, int count) {
        if (!groupsPerPayload) {
            return groups.isEmpty() ? null : groups.get(0);
        }
        if (groups.size() != count) {
            throw PgqrsException.validationFailed("Got " + groups.size() + " group keys for " + count
                    + " payloads: give one key per payload (null for none), or one group for all with withGroup");
        }
        return groups.get(index);
    }

    /** @return the headers, in the order they were added; empty for none */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the visibility delay, zero for none */
    public Duration delay() {
        return delay;
    }

    /** @return the idempotency keys, one per payload (null elements for none); empty when none was set */
    public List<String> idempotencyKeys() {
        return idempotencyKeys;
    }

    /** @return how long keys stay taken after the archive, zero for not at all */
    public Duration idempotencyWindow() {
        return idempotencyWindow;
    }
}
