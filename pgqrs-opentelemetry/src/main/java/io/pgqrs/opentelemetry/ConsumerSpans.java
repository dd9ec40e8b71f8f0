package io.pgqrs.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.pgqrs.Message;
import io.pgqrs.QueueInterceptor;
import java.util.List;

/**
 * The CONSUMER span of a worker handler's call, current while the handler runs. A single message on its first
 * delivery is parented on its producer's span; a redelivery or a batch starts a trace of its own with a link to each
 * producer span, as the messaging conventions advise when the creation context is not the parent.
 */
final class ConsumerSpans {
    private final Tracer tracer;

    ConsumerSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    void process(String queue, List<Message> messages, QueueInterceptor.Handling proceed) throws Exception {
        SpanBuilder builder = tracer.spanBuilder("process " + queue)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.SYSTEM)
                .setAttribute(SpanAttributes.DESTINATION, queue)
                .setAttribute(SpanAttributes.OPERATION_TYPE, "process")
                .setAttribute(SpanAttributes.OPERATION_NAME, "process");
        if (messages.size() == 1) {
            Message message = messages.get(0);
            builder.setAttribute(SpanAttributes.MESSAGE_ID, Long.toString(message.id()))
                    .setAttribute(SpanAttributes.READ_COUNT, (long) message.readCt());
            Context producer = producerContext(message);
            if (message.readCt() <= 1 && Span.fromContext(producer).getSpanContext().isValid()) {
                builder.setParent(producer);
            } else {
                link(builder.setNoParent(), messages);
            }
        } else {
            link(builder.setNoParent().setAttribute(SpanAttributes.BATCH_COUNT, (long) messages.size()), messages);
        }
        InSpan.run(builder.startSpan(), proceed);
    }

    private static void link(SpanBuilder builder, List<Message> messages) {
        for (Message message : messages) {
            SpanContext producer = Span.fromContext(producerContext(message)).getSpanContext();
            if (producer.isValid()) {
                builder.addLink(producer);
            }
        }
    }

    private static Context producerContext(Message message) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), message.headers(), HeaderCarrier.INSTANCE);
    }
}
