package io.pgqrs.opentelemetry;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.function.Predicate;

/**
 * An OpenTelemetry SDK whose finished spans are kept in memory, for one test (or one worker process).
 *
 * @param sdk the SDK to give {@link PgqrsTelemetry}
 * @param exporter the finished spans
 */
record Tracing(OpenTelemetrySdk sdk, InMemorySpanExporter exporter) implements AutoCloseable {

    static Tracing inMemory() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        return new Tracing(OpenTelemetrySdk.builder().setTracerProvider(provider).build(), exporter);
    }

    List<SpanData> spans(Predicate<SpanData> which) {
        return exporter.getFinishedSpanItems().stream().filter(which).toList();
    }

    SpanData only(Predicate<SpanData> which) {
        List<SpanData> found = spans(which);
        if (found.size() != 1) {
            throw new AssertionError("Expected one such span, found " + found.size() + " among " + exporter.getFinishedSpanItems());
        }
        return found.get(0);
    }

    @Override
    public void close() {
        sdk.close();
    }
}
