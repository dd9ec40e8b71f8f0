package io.pgqrs.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A finished span as one tab-separated line, how the worker JVM of {@link CrossProcessTracingTest} hands its spans
 * back: name, kind, trace id, span id, parent span id, then {@code key=value} attributes.
 *
 * @param name the span's name
 * @param kind its kind
 * @param traceId its trace id
 * @param spanId its span id
 * @param parentSpanId its parent's span id (all zeros for a root)
 * @param attributes its attributes as strings
 */
record SpanLine(String name, String kind, String traceId, String spanId, String parentSpanId, Map<String, String> attributes) {

    static SpanLine of(SpanData span) {
        Map<String, String> attributes = new TreeMap<>();
        span.getAttributes().forEach((AttributeKey<?> key, Object value) -> attributes.put(key.getKey(), String.valueOf(value)));
        return new SpanLine(span.getName(), span.getKind().name(), span.getTraceId(), span.getSpanId(),
                span.getParentSpanId(), attributes);
    }

    static SpanLine parse(String line) {
        List<String> fields = Arrays.asList(line.split("\t"));
        Map<String, String> attributes = fields.subList(5, fields.size()).stream().map(f -> f.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, TreeMap::new));
        return new SpanLine(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4), attributes);
    }

    @Override
    public String toString() {
        return String.join("\t", name, kind, traceId, spanId, parentSpanId) + attributes.entrySet().stream()
                .map(e -> "\t" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
    }
}
