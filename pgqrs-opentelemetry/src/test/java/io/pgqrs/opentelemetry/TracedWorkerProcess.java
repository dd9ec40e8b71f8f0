package io.pgqrs.opentelemetry;

import static io.pgqrs.tck.TestEnvironment.awaitTrue;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A worker JVM for {@link CrossProcessTracingTest}: traces with its own SDK, handles {@code count} messages of a
 * queue (each handler opening a span of its own), then writes its finished spans, one per line, as
 * {@link SpanLine}s, and exits.
 *
 * <p>Arguments: DSN, schema, queue, count, output file.
 */
public final class TracedWorkerProcess {
    private TracedWorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        String dsn = args[0];
        String schema = args[1];
        String queue = args[2];
        int count = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        try (Tracing tracing = Tracing.inMemory()) {
            Tracer tracer = tracing.sdk().getTracer("worker");
            Config config = Config.builder(dsn).schema(schema).maxConnections(2).pollInterval(Duration.ofMillis(20))
                    .observer(PgqrsTelemetry.create(tracing.sdk())).build();
            try (Pgqrs pgqrs = Pgqrs.connect(config);
                 QueueWorker worker = pgqrs.worker(queue).handler(m -> tracer.spanBuilder("handle").startSpan().end()).start()) {
                awaitTrue(count + " messages handled", Duration.ofSeconds(60), () -> worker.stats().succeeded() >= count);
            }
            List<SpanData> spans = tracing.exporter().getFinishedSpanItems();
            Files.write(out, spans.stream().map(SpanLine::of).map(SpanLine::toString).toList());
        }
    }
}
