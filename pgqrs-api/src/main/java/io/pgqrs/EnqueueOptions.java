package io.pgqrs;

import io.pgqrs.internal.validation.HeaderRules;
import io.pgqrs.internal.validation.RequestLimits;
import io.pgqrs.spi.PayloadCodec;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 */
public final class EnqueueOptions {
    /** The largest headers of one message, as a compact JSON object in UTF-8 bytes. */
    public static final int MAX_HEADERS_BYTES = HeaderRules.MAX_HEADERS_BYTES;
    private static final EnqueueOptions NONE = new EnqueueOptions(Map.of(), Duration.ZERO);

    private final Map<String, String> headers;
    private final Duration delay;

    private EnqueueOptions(Map<String, String> headers, Duration delay) {
        this.headers = headers;
        this.delay = delay;
    }

    /** @return options with no headers and no delay */
    public static EnqueueOptions none() {
        return NONE;
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
        return new EnqueueOptions(Collections.unmodifiableMap(merged), delay);
    }

    /**
     * @param visibilityDelay how long the messages stay invisible: whole seconds, not negative
     * @return a copy with the delay
     * @throws PgqrsException {@code VALIDATION_FAILED} for a negative or fractional delay
     */
    public EnqueueOptions withDelay(Duration visibilityDelay) {
        RequestLimits.requireDelaySeconds(Objects.requireNonNull(visibilityDelay, "visibilityDelay"));
        return new EnqueueOptions(headers, visibilityDelay);
    }

    /** @return the headers, in the order they were added; empty for none */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the visibility delay, zero for none */
    public Duration delay() {
        return delay;
    }
}
