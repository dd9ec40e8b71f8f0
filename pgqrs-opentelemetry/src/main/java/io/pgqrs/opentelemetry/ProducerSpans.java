package io.pgqrs.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.pgqrs.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The PRODUCER span of an enqueue call, whose context goes into the messages' headers. */
final class ProducerSpans {
    private final Tracer tracer;

    ProducerSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    List<Message> send(String queue, Map<String, String> headers, Function<Map<String, String>, List<Message>> proceed) {
        Span span = tracer.spanBuilder("send " + queue)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.SYSTEM)
                .setAttribute(SpanAttributes.DESTINATION, queue)
                .setAttribute(SpanAttributes.OPERATION_TYPE, "send")
                .setAttribute(SpanAttributes.OPERATION_NAME, "send")
                .startSpan();
        Map<String, String> traced = new LinkedHashMap<>(headers);
        W3CTraceContextPropagator.getInstance().inject(Context.current().with(span), traced, HeaderCarrier.INSTANCE);
        return InSpan.get(span, () -> {
            List<Message> stored = proceed.apply(traced);
            if (stored.size() == 1) {
                span.setAttribute(SpanAttributes.MESSAGE_ID, Long.toString(stored.get(0).id()));
            } else {
                span.setAttribute(SpanAttributes.BATCH_COUNT, (long) stored.size());
            }
            return stored;
        });
    }
}
