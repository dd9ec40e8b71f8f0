package io.pgqrs.opentelemetry;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Comparator;
import java.util.List;

/** Draws finished spans as an indented tree (name and kind, children by start time), for assertions and the README. */
final class SpanTree {
    private SpanTree() {
    }

    static String render(List<SpanData> spans) {
        StringBuilder out = new StringBuilder();
        spans.stream().filter(s -> spans.stream().noneMatch(p -> p.getSpanId().equals(s.getParentSpanId())))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .forEach(root -> draw(root, spans, 0, out));
        return out.toString();
    }

    private static void draw(SpanData span, List<SpanData> spans, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind()).append("]\n");
        spans.stream().filter(c -> c.getParentSpanId().equals(span.getSpanId()))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .forEach(child -> draw(child, spans, depth + 1, out));
    }
}
