package io.pgqrs.opentelemetry;

import static io.pgqrs.tck.TestEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.pgqrs.Config;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import io.pgqrs.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process on SQLite: an enqueue inside a span and a worker handling the message give a PRODUCER span and a
 * CONSUMER span in one trace, the context travels in the message's {@code traceparent} header, the handler's own span
 * is a child of the CONSUMER span, and a failing handler's span has status ERROR with the exception recorded.
 */
class PgqrsTelemetryTest {
    @TempDir
    Path dir;

    private Tracing tracing;
    private Tracer tracer;
    private Pgqrs pgqrs;
    private final Map<Long, String> traceparents = new ConcurrentHashMap<>();

    @BeforeEach
    void connect() {
        tracing = Tracing.inMemory();
        tracer = tracing.sdk().getTracer("test");
        pgqrs = Pgqrs.connect(Config.builder("sqlite:" + dir.resolve("traces.db")).pollInterval(Duration.ofMillis(20))
                .observer(PgqrsTelemetry.create(tracing.sdk())).build());
        pgqrs.admin().install();
        pgqrs.admin().createQueue("emails");
    }

    @AfterEach
    void close() {
        pgqrs.close();
        tracing.close();
    }

    @Test
    void producerAndConsumerShareATraceAndTheHandlersSpanIsAChild() {
        Message sent = enqueueInSpan(Map.of("to", "a@b.c"));
        try (QueueWorker worker = startWorker()) {
            awaitTrue("the message handled", Duration.ofSeconds(30), () -> worker.stats().succeeded() == 1);
        }
        SpanData checkout = tracing.only(s -> s.getName().equals("checkout"));
        SpanData producer = tracing.only(s -> s.getKind() == SpanKind.PRODUCER);
        SpanData consumer = tracing.only(s -> s.getKind() == SpanKind.CONSUMER);
        SpanData handler = tracing.only(s -> s.getName().equals("send-email"));

        assertThat(producer.getName()).isEqualTo("send emails");
        assertThat(producer.getParentSpanId()).isEqualTo(checkout.getSpanId());
        assertThat(producer.getAttributes().asMap()).containsAllEntriesOf(Map.of(
                AttributeKey.stringKey("messaging.system"), "pgqrs",
                AttributeKey.stringKey("messaging.destination.name"), "emails",
                AttributeKey.stringKey("messaging.operation.type"), "send",
                AttributeKey.stringKey("messaging.message.id"), Long.toString(sent.id())));
        assertThat(sent.headers().get("traceparent"))
                .isEqualTo(traceparent(producer));
        assertThat(traceparents.get(sent.id())).isEqualTo(sent.headers().get("traceparent"));

        assertThat(consumer.getName()).isEqualTo("process emails");
        assertThat(consumer.getTraceId()).isEqualTo(producer.getTraceId());
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
        assertThat(consumer.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(consumer.getAttributes().asMap()).containsAllEntriesOf(Map.of(
                AttributeKey.stringKey("messaging.system"), "pgqrs",
                AttributeKey.stringKey("messaging.destination.name"), "emails",
                AttributeKey.stringKey("messaging.operation.type"), "process",
                AttributeKey.stringKey("messaging.message.id"), Long.toString(sent.id()),
                AttributeKey.longKey("pgqrs.message.read_ct"), 1L));

        assertThat(handler.getTraceId()).isEqualTo(consumer.getTraceId());
        assertThat(handler.getParentSpanId()).isEqualTo(consumer.getSpanId());
    }

    @Test
    void aFailingHandlersSpanHasStatusErrorAndTheException() {
        Message sent = enqueueInSpan(Map.of("to", "bounce"));
        try (QueueWorker worker = startWorker()) {
            awaitTrue("the message dead-lettered", Duration.ofSeconds(30), () -> worker.stats().deadLettered() == 1);
        }
        SpanData producer = tracing.only(s -> s.getKind() == SpanKind.PRODUCER);
        SpanData consumer = tracing.only(s -> s.getKind() == SpanKind.CONSUMER);
        assertThat(consumer.getTraceId()).isEqualTo(producer.getTraceId());
        assertThat(consumer.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
                .isEqualTo(Long.toString(sent.id()));
        assertThat(consumer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(consumer.getStatus().getDescription()).contains("IllegalStateException", "bounced");
        assertThat(consumer.getEvents()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("exception");
            assertThat(e.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("bounced");
        });
    }

    @Test
    void aBatchEnqueueIsOneProducerSpanWhoseContextEveryMessageCarries() {
        Span checkout = tracer.spanBuilder("checkout").startSpan();
        List<Message> sent;
        try (Scope ignored = checkout.makeCurrent()) {
            sent = pgqrs.producer("emails").enqueueBatch(List.of(Map.of("n", 1), Map.of("n", 2)));
        } finally {
            checkout.end();
        }
        SpanData producer = tracing.only(s -> s.getKind() == SpanKind.PRODUCER);
        assertThat(producer.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count"))).isEqualTo(2L);
        assertThat(sent).extracting(m -> m.headers().get("traceparent"))
                .containsOnly(traceparent(producer));
    }

    @Test
    void aRedeliveryStartsATraceOfItsOwnLinkedToTheProducer() {
        Message sent = enqueueInSpan(Map.of("to", "once"));
        AtomicInteger attempts = new AtomicInteger();
        try (QueueWorker worker = pgqrs.worker("emails").retry(RetryPolicy.fixed(Duration.ofSeconds(1)).withMaxAttempts(2))
                .handler(m -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("first attempt fails");
                    }
                }).start()) {
            awaitTrue("the retry handled", Duration.ofSeconds(30), () -> worker.stats().succeeded() == 1);
        }
        SpanData producer = tracing.only(s -> s.getKind() == SpanKind.PRODUCER);
        List<SpanData> deliveries = tracing.spans(s -> s.getKind() == SpanKind.CONSUMER);
        assertThat(deliveries).hasSize(2);
        SpanData first = deliveries.get(0);
        SpanData retry = deliveries.get(1);
        assertThat(first.getParentSpanId()).isEqualTo(producer.getSpanId());
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(retry.getAttributes().get(AttributeKey.longKey("pgqrs.message.read_ct"))).isEqualTo(2L);
        assertThat(retry.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))).isEqualTo(Long.toString(sent.id()));
        assertThat(retry.getParentSpanContext().isValid()).isFalse();
        assertThat(retry.getTraceId()).isNotEqualTo(producer.getTraceId());
        assertThat(retry.getLinks()).extracting(l -> l.getSpanContext().getSpanId()).containsExactly(producer.getSpanId());
        assertThat(retry.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aBatchHandlersSpanLinksToEachProducer() {
        enqueueInSpan(Map.of("to", "a"));
        enqueueInSpan(Map.of("to", "b"));
        try (QueueWorker worker = pgqrs.worker("emails").batch(2).batchHandler(batch -> { }).start()) {
            awaitTrue("both handled", Duration.ofSeconds(30), () -> worker.stats().succeeded() == 2);
        }
        List<String> producers = tracing.spans(s -> s.getKind() == SpanKind.PRODUCER).stream().map(SpanData::getSpanId).toList();
        SpanData consumer = tracing.only(s -> s.getKind() == SpanKind.CONSUMER);
        assertThat(consumer.getParentSpanContext().isValid()).isFalse();
        assertThat(consumer.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count"))).isEqualTo(2L);
        assertThat(consumer.getLinks()).extracting(l -> l.getSpanContext().getSpanId())
                .containsExactlyInAnyOrderElementsOf(producers).hasSize(2);
    }

    /** The W3C header that carries a span's context: version, trace id, span id, flags. */
    private static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
    }

    private Message enqueueInSpan(Object payload) {
        Span checkout = tracer.spanBuilder("checkout").startSpan();
        try (Scope ignored = checkout.makeCurrent()) {
            return pgqrs.producer("emails").enqueue(payload);
        } finally {
            checkout.end();
        }
    }

    private QueueWorker startWorker() {
        return pgqrs.worker("emails").retry(RetryPolicy.fixed(Duration.ofSeconds(1)).withMaxAttempts(1)).handler(m -> {
            traceparents.put(m.id(), m.headers().get("traceparent"));
            Span own = tracer.spanBuilder("send-email").startSpan();
            try (Scope ignored = own.makeCurrent()) {
                if (m.payload().get("to").asText().equals("bounce")) {
                    throw new IllegalStateException("bounced");
                }
            } finally {
                own.end();
            }
        }).start();
    }
}
