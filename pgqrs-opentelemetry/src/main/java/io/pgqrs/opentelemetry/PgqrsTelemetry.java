package io.pgqrs.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.pgqrs.Message;
import io.pgqrs.QueueInterceptor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Traces a pgqrs connection with OpenTelemetry; register it as the connection's observer:
 *
 * <pre>{@code
 * PgqrsTelemetry telemetry = PgqrsTelemetry.create(openTelemetry);
 * Pgqrs pgqrs = Pgqrs.connect(Config.builder(dsn).observer(telemetry).build());
 * }</pre>
 *
 * <p>What it does, following the OpenTelemetry messaging semantic conventions:
 * <ul>
 *   <li>An enqueue is a {@code PRODUCER} span "send &lt;queue&gt;", child of the caller's current span; its context is
 *       written into every message's headers as W3C {@code traceparent} (and {@code tracestate} when there is one).</li>
 *   <li>A worker handler's call is a {@code CONSUMER} span "process &lt;queue&gt;", current while the handler runs, so
 *       the handler's own spans are its children. A single message on its first delivery has the producer's span as
 *       parent (one trace across the queue); a redelivery or a batch starts a new trace that links to each message's
 *       producer span.</li>
 *   <li>A workflow run's execution is an {@code INTERNAL} span "run &lt;workflow&gt;" under the consumer span, and each
 *       step an {@code INTERNAL} span "step &lt;name&gt;" under it, saying whether the recorded result was replayed.</li>
 *   <li>A span whose work threw has status {@code ERROR} and the exception recorded; a
 *       {@link io.pgqrs.PostponeMessage} (a wait) is an event {@code pgqrs.postponed}, not an error.</li>
 * </ul>
 * It uses only the {@link OpenTelemetry} it is given (no global lookup) and is thread-safe.
 */
public final class PgqrsTelemetry implements QueueInterceptor {
    /** The instrumentation scope name of every span. */
    public static final String INSTRUMENTATION_NAME = "io.pgqrs.opentelemetry";

    private final ProducerSpans producer;
    private final ConsumerSpans consumer;
    private final WorkflowSpans workflow;

    private PgqrsTelemetry(Tracer tracer) {
        this.producer = new ProducerSpans(tracer);
        this.consumer = new ConsumerSpans(tracer);
        this.workflow = new WorkflowSpans(tracer);
    }

    /**
     * @param openTelemetry where the spans go
     * @return tracing for one or more connections
     */
    public static PgqrsTelemetry create(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        return new PgqrsTelemetry(openTelemetry.getTracer(INSTRUMENTATION_NAME));
    }

    @Override
    public List<Message> aroundEnqueue(String queue, Map<String, String> headers,
                                       Function<Map<String, String>, List<Message>> proceed) {
        return producer.send(queue, headers, proceed);
    }

    @Override
    public void aroundHandler(String queue, List<Message> messages, Handling proceed) throws Exception {
        consumer.process(queue, messages, proceed);
    }

    @Override
    public void aroundRun(String workflowName, long runId, Handling proceed) throws Exception {
        workflow.run(workflowName, runId, proceed);
    }

    @Override
    public <T> T aroundStep(String workflowName, long runId, String step, boolean replayed, Supplier<T> proceed) {
        return workflow.step(workflowName, runId, step, replayed, proceed);
    }

    @Override
    public String toString() {
        return "PgqrsTelemetry";
    }
}
