package io.pgqrs.opentelemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.pgqrs.PostponeMessage;

/** Ends a span with the outcome of its work: a wait is an event, anything else thrown is an error. */
final class SpanEnd {
    private SpanEnd() {
    }

    /**
     * @param span the span, ended here
     * @param thrown what the work threw, or null when it returned
     */
    static void end(Span span, Throwable thrown) {
        if (thrown instanceof PostponeMessage postponed) {
            span.addEvent("pgqrs.postponed", Attributes.of(SpanAttributes.POSTPONE_REASON, String.valueOf(postponed.getMessage())));
        } else if (thrown != null) {
            span.recordException(thrown);
            span.setStatus(StatusCode.ERROR, thrown.getClass().getSimpleName() + ": " + thrown.getMessage());
        }
        span.end();
    }
}
