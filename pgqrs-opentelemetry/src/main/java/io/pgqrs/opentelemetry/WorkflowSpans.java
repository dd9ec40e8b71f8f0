package io.pgqrs.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.pgqrs.QueueInterceptor;
import java.util.function.Supplier;

/** The INTERNAL spans of a workflow run's execution and of each of its steps, children of the current span. */
final class WorkflowSpans {
    private final Tracer tracer;

    WorkflowSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    void run(String workflow, long runId, QueueInterceptor.Handling proceed) throws Exception {
        Span span = tracer.spanBuilder("run " + workflow)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(SpanAttributes.WORKFLOW, workflow)
                .setAttribute(SpanAttributes.RUN_ID, runId)
                .startSpan();
        InSpan.run(span, proceed);
    }

    <T> T step(String workflow, long runId, String step, boolean replayed, Supplier<T> proceed) {
        Span span = tracer.spanBuilder("step " + step)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(SpanAttributes.WORKFLOW, workflow)
                .setAttribute(SpanAttributes.RUN_ID, runId)
                .setAttribute(SpanAttributes.STEP, step)
                .setAttribute(SpanAttributes.REPLAYED, replayed)
                .startSpan();
        return InSpan.get(span, proceed);
    }
}
