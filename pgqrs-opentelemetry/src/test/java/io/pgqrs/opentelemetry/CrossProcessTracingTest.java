package io.pgqrs.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.pgqrs.Config;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.tck.TestEnvironment;
import io.pgqrs.testsupport.PostgresServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace across two processes on PostgreSQL: this JVM enqueues inside a span; a second JVM, with an SDK of its own,
 * runs a worker on the queue and writes its finished spans to a file. Its CONSUMER span must be in this JVM's trace,
 * child of this JVM's PRODUCER span, and the handler's span its child.
 */
class CrossProcessTracingTest {
    @TempDir
    Path dir;

    @Test
    void theConsumerSpanInAnotherProcessContinuesTheProducersTrace() throws Exception {
        PostgresServer server = PostgresServer.get();
        String schema = server.newSchema("otel");
        try (Tracing tracing = Tracing.inMemory()) {
            Message sent;
            try (Pgqrs pgqrs = Pgqrs.connect(Config.builder(server.dsn()).schema(schema).maxConnections(2)
                    .observer(PgqrsTelemetry.create(tracing.sdk())).build())) {
                pgqrs.admin().install();
                pgqrs.admin().createQueue("orders");
                Span request = tracing.sdk().getTracer("test").spanBuilder("request").startSpan();
                try (Scope ignored = request.makeCurrent()) {
                    sent = pgqrs.producer("orders").enqueue(Map.of("order", 42));
                } finally {
                    request.end();
                }
            }
            Path spansFile = dir.resolve("worker-spans.tsv");
            runWorkerJvm(server.dsn(), schema, "orders", 1, spansFile);

            SpanData producer = tracing.only(s -> s.getKind() == SpanKind.PRODUCER);
            List<SpanLine> remote = Files.readAllLines(spansFile).stream().map(SpanLine::parse).toList();
            SpanLine consumer = remote.stream().filter(s -> s.kind().equals("CONSUMER")).findFirst().orElseThrow(
                    () -> new AssertionError("no CONSUMER span from the worker JVM: " + remote));
            SpanLine handler = remote.stream().filter(s -> s.name().equals("handle")).findFirst().orElseThrow(
                    () -> new AssertionError("no handler span from the worker JVM: " + remote));

            assertThat(consumer.traceId()).isEqualTo(producer.getTraceId());
            assertThat(consumer.parentSpanId()).isEqualTo(producer.getSpanId());
            assertThat(consumer.name()).isEqualTo("process orders");
            assertThat(consumer.attributes()).containsAllEntriesOf(Map.of("messaging.system", "pgqrs",
                    "messaging.destination.name", "orders", "messaging.operation.type", "process",
                    "messaging.message.id", Long.toString(sent.id())));
            assertThat(handler.traceId()).isEqualTo(producer.getTraceId());
            assertThat(handler.parentSpanId()).isEqualTo(consumer.spanId());
        } finally {
            server.dropSchema(schema);
        }
    }

    /** Runs {@link TracedWorkerProcess} in a JVM of its own on this JVM's class and module paths, and waits for it. */
    private void runWorkerJvm(String dsn, String schema, String queue, int count, Path spansFile) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), TracedWorkerProcess.class.getName(), dsn, schema, queue, Integer.toString(count),
                spansFile.toString()));
        Path log = dir.resolve("worker.log");
        Process worker = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Duration limit = TestEnvironment.timeout(Duration.ofSeconds(90));
        if (!worker.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            worker.destroyForcibly();
            throw new AssertionError("worker JVM did not finish within " + limit + "; its output: " + Files.readString(log));
        }
        assertThat(worker.exitValue()).as("worker JVM exit; its output: %s", Files.readString(log)).isZero();
    }

    /** Every jar and folder of this test JVM (Surefire splits them between class and module path), as a class path. */
    private static String classPath() {
        return Stream.of(System.getProperty("java.class.path", ""), System.getProperty("jdk.module.path", ""),
                        Path.of("target", "test-classes").toAbsolutePath().toString(),
                        Path.of("target", "classes").toAbsolutePath().toString())
                .flatMap(p -> Stream.of(p.split(File.pathSeparator))).filter(p -> !p.isBlank()).distinct()
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }
}
