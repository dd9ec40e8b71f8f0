package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pgqrs.Config;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import io.pgqrs.RateLimitStatus;
import io.pgqrs.ValidationConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Enqueue, payload validation and rate limiting; batches above the configured maximum are refused whole.
 * When one fails, check the message insert statement and the time expressions of your dialect.
 */
public abstract class ProducerVerification extends Verification {

    /** A JSON-bindable payload type. @param to recipient @param attempt attempt number */
    public record Email(String to, int attempt) {
    }

    private Producer producer(String queue, UnaryOperator<Config.Builder> settings) {
        return connect(settings).producer(queue);
    }

    private long stored(String queue) {
        seeOtherConnections();
        return admin.queueMetrics(queue).totalMessages();
    }

    /** A stored message has read_ct 0, the producer's id, no holder, vt = enqueued_at = now. */
    @Test
    public void p3_enqueueStoresMessage() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        Message m = p.enqueue(Map.of("to", "a@b.c"));
        assertThat(m.id()).isPositive();
        assertThat(m.queueId()).isEqualTo(admin.getQueue(q).id());
        assertThat(m.readCt()).isZero();
        assertThat(m.producerWorkerId()).isEqualTo(p.id());
        assertThat(m.consumerWorkerId()).isNull();
        assertThat(m.archivedAt()).isNull();
        assertThat(m.dequeuedAt()).isNull();
        assertThat(m.enqueuedAt()).isEqualTo(clock.instant());
        assertThat(m.vt()).isEqualTo(clock.instant());
        assertThat(m.payload().get("to").asText()).isEqualTo("a@b.c");
        assertThat(p.get(m.id())).isEqualTo(m);
    }

    /** Payloads may be POJOs/records, Maps, JsonNodes, strings and numbers, and bind back. */
    @Test
    public void payloadKindsRoundTrip() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        assertThat(p.enqueue(new Email("x@y.z", 2)).payload(Email.class)).isEqualTo(new Email("x@y.z", 2));
        assertThat(p.enqueue(JsonNodeFactory.instance.objectNode().put("k", true)).payload().get("k").asBoolean()).isTrue();
        assertThat(p.enqueue("plain").payload().asText()).isEqualTo("plain");
        assertThat(p.enqueue(42).payload().asInt()).isEqualTo(42);
        assertThat(p.enqueue(Map.of("unicode", "日本語 ✓")).payload().get("unicode").asText()).isEqualTo("日本語 ✓");
    }

    /** A payload Jackson cannot serialize is SERIALIZATION and writes nothing. */
    @Test
    public void unserializablePayloadRefused() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        Object notJson = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                throw new IllegalStateException("cannot serialize me");
            }
        };
        var e = assertFails(ErrorKind.SERIALIZATION, () -> p.enqueue(notJson));
        assertThat(e.getMessage()).contains("JSON-serializable");
        assertThat(stored(q)).isZero();
    }

    /** A delayed message has vt = now + delay and is not dequeued before it. */
    @Test
    public void t42_delayedMessageInvisibleUntilVt() {
        String q = newQueue();
        Message m = pgqrs.producer(q).enqueueDelayed(Map.of("n", 1), Duration.ofSeconds(30));
        assertThat(m.vt()).isEqualTo(clock.instant().plusSeconds(30));
        var c = pgqrs.consumer(q);
        assertThat(c.dequeue(1)).isEmpty();
        clock.advance(Duration.ofSeconds(29));
        assertThat(c.dequeue(1)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(c.dequeue(1)).extracting(Message::id).containsExactly(m.id());
    }

    /** EnqueueAt sets enqueued_at = t and vt = t + delay. */
    @Test
    public void p4_enqueueAtExplicitTime() {
        String q = newQueue();
        Instant t = Instant.parse("2031-05-06T07:08:09.123456Z");
        Message m = pgqrs.producer(q).enqueueAt(Map.of("n", 1), t, Duration.ofSeconds(5));
        assertThat(m.enqueuedAt()).isEqualTo(t);
        assertThat(m.vt()).isEqualTo(t.plusSeconds(5));
    }

    /** A negative delay is VALIDATION_FAILED. */
    @Test
    public void negativeDelayRefused() {
        String q = newQueue();
        assertFails(ErrorKind.VALIDATION_FAILED, () -> pgqrs.producer(q).enqueueDelayed(Map.of(), Duration.ofSeconds(-1)));
        assertThat(stored(q)).isZero();
    }

    /** A batch is stored in order with one enqueued_at; an empty batch stores nothing. */
    @Test
    public void t44_batchInOrder() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        List<Map<String, Integer>> payloads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            payloads.add(Map.of("i", i));
        }
        List<Message> stored = p.enqueueBatch(payloads);
        assertThat(stored).extracting(m -> m.payload().get("i").asInt()).containsExactlyElementsOf(
                payloads.stream().map(m -> m.get("i")).toList());
        assertThat(stored).extracting(Message::id).isSorted();
        assertThat(stored).extracting(Message::enqueuedAt).containsOnly(clock.instant());
        assertThat(p.enqueueBatch(List.of())).isEmpty();
        assertThat(stored(q)).isEqualTo(50);
    }

    /** A batch above default_max_batch_size is VALIDATION_FAILED and stores nothing. */
    @Test
    public void d3_batchAboveMaxRefused() {
        String q = newQueue();
        Producer p = producer(q, b -> b.defaultMaxBatchSize(10).validation(noRateLimit()));
        List<Integer> eleven = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        var e = assertFails(ErrorKind.VALIDATION_FAILED, () -> p.enqueueBatch(eleven));
        assertThat(e.reason().orElseThrow()).contains("11").contains("10");
        assertThat(stored(q)).isZero();
    }

    /** A payload over the size limit is PAYLOAD_TOO_LARGE with both sizes. */
    @Test
    public void t29_payloadTooLarge() {
        String q = newQueue();
        Producer p = producer(q, b -> b.validation(rules(100, 1024, 5, Set.of(), Set.of())));
        var e = assertFails(ErrorKind.PAYLOAD_TOO_LARGE, () -> p.enqueue(Map.of("data", "x".repeat(200))));
        assertThat(e.maxBytes()).hasValue(100);
        assertThat(e.actualBytes().orElseThrow()).isGreaterThan(100);
        assertThat(stored(q)).isZero();
    }

    /** Forbidden keys are refused at the root and nested. */
    @Test
    public void t30_forbiddenKeys() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        assertFails(ErrorKind.VALIDATION_FAILED, () -> p.enqueue(Map.of("__proto__", 1)));
        var e = assertFails(ErrorKind.VALIDATION_FAILED, () -> p.enqueue(Map.of("a", Map.of("constructor", 1))));
        assertThat(e.reason()).contains("Forbidden key 'constructor' found in payload");
        assertThat(stored(q)).isZero();
    }

    /** A missing required key is refused; present, accepted. */
    @Test
    public void t31_requiredKeys() {
        String q = newQueue();
        Producer p = producer(q, b -> b.validation(rules(1 << 20, 1024, 5, Set.of(), Set.of("id"))));
        var e = assertFails(ErrorKind.VALIDATION_FAILED, () -> p.enqueue(Map.of("name", "x")));
        assertThat(e.reason()).contains("Required key 'id' missing from payload");
        assertThat(p.enqueue(Map.of("id", 1)).id()).isPositive();
    }

    /** Deeper than max_object_depth is refused; exactly at the limit is accepted. */
    @Test
    public void t32_depthLimit() {
        String q = newQueue();
        Producer p = producer(q, b -> b.validation(rules(1 << 20, 1024, 2, Set.of(), Set.of())));
        assertThat(p.enqueue(Map.of("a", Map.of("b", 1))).id()).isPositive();
        var e = assertFails(ErrorKind.VALIDATION_FAILED, () -> p.enqueue(Map.of("a", Map.of("b", Map.of("c", 1)))));
        assertThat(e.reason()).contains("Object depth 3 exceeds limit 2");
    }

    /** An over-long string value or key is refused. */
    @Test
    public void t33_stringAndKeyLength() {
        String q = newQueue();
        Producer p = producer(q, b -> b.validation(rules(1 << 20, 8, 5, Set.of(), Set.of())));
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> p.enqueue(Map.of("k", "123456789"))).reason())
                .contains("String length 9 exceeds limit 8");
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> p.enqueue(Map.of("123456789", 1))).reason())
                .contains("Key '123456789' length 9 exceeds limit 8");
        assertThat(stored(q)).isZero();
    }

    /** One bad payload in a batch stores nothing and the reason names its index. */
    @Test
    public void t34_batchAllOrNothing() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        var e = assertFails(ErrorKind.VALIDATION_FAILED,
                () -> p.enqueueBatch(List.of(Map.of("ok", 1), Map.of("__proto__", 1), Map.of("ok", 3))));
        assertThat(e.reason().orElseThrow()).startsWith("Payload at index 1: ");
        Producer small = producer(q, b -> b.validation(rules(20, 1024, 5, Set.of(), Set.of())));
        var tooLarge = assertFails(ErrorKind.VALIDATION_FAILED,
                () -> small.enqueueBatch(List.of(Map.of("a", 1), Map.of("b", "x".repeat(40)))));
        assertThat(tooLarge.reason().orElseThrow()).startsWith("Payload at index 1 too large");
        assertThat(stored(q)).isZero();
    }

    /** The accessors reflect the configuration. */
    @Test
    public void t35_accessors() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        assertThat(p.validationConfig()).isEqualTo(ValidationConfig.defaults());
        assertThat(p.rateLimitStatus()).contains(new RateLimitStatus(50, 1000, 50));
        assertThat(producer(q, b -> b.validation(noRateLimit())).rateLimitStatus()).isEmpty();
    }

    /** Burst B succeeds, B+1 is RATE_LIMITED with retry-after; a token returns after 1/rate s. */
    @Test
    public void t36_rateLimit() {
        String q = newQueue();
        Producer p = producer(q, b -> b.validation(ValidationConfig.defaults().withRateLimit(2L, 3L)));
        for (int i = 0; i < 3; i++) {
            p.enqueue(Map.of("i", i));
        }
        var e = assertFails(ErrorKind.RATE_LIMITED, () -> p.enqueue(Map.of("i", 3)));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertFails(ErrorKind.RATE_LIMITED, () -> p.enqueueBatch(List.of(1, 2, 3, 4)));
        clock.advance(Duration.ofMillis(500));
        assertThat(p.enqueue(Map.of("i", 4)).id()).isPositive();
        assertThat(stored(q)).isEqualTo(4);
    }

    /** A burst of 0 is refused when the configuration is made. */
    @Test
    public void p16_zeroBurstRefused() {
        var e = assertFails(ErrorKind.INVALID_CONFIG, () -> ValidationConfig.defaults().withRateLimit(10L, 0L));
        assertThat(e.field()).contains("validation_config.max_enqueue_burst");
    }

    /** An unknown message id is NOT_FOUND. */
    @Test
    public void p6_getMissingMessage() {
        String q = newQueue();
        assertThat(assertFails(ErrorKind.NOT_FOUND, () -> pgqrs.producer(q).get(987654)).id()).hasValue(987654);
    }

    private static ValidationConfig rules(long maxBytes, int maxString, int maxDepth, Set<String> forbidden, Set<String> required) {
        return new ValidationConfig(maxBytes, maxString, maxDepth, forbidden, required, null, null);
    }

    private static ValidationConfig noRateLimit() {
        return ValidationConfig.defaults().withRateLimit(null, null);
    }

    /**
     * The one-shot enqueue checks its input before registering anything, writes through one shared producer row per
     * queue however many calls there are, and honours an explicit time and delay.
     */
    @Test
    public void oneShotEnqueueSharesOneProducerRowPerQueue() {
        String q = newQueue();
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> Pgqrs.enqueue().to(q).execute(pgqrs)).getMessage())
                .contains("No messages to enqueue");
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> Pgqrs.enqueue().message(1).execute(pgqrs)).getMessage())
                .contains("Queue name is required");
        assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> Pgqrs.enqueue().message(1).to("no_such_queue").execute(pgqrs));
        assertThat(admin.listWorkers(q)).as("workers after refused calls").isEmpty();

        List<Message> first = Pgqrs.enqueue().messages(List.of(1, 2)).to(q).execute(pgqrs);
        List<Message> second = Pgqrs.enqueue().message(3).to(q).execute(pgqrs);
        assertThat(first).extracting(m -> m.payload().asInt()).containsExactly(1, 2);
        assertThat(admin.listWorkers(q)).as("worker rows of three one-shot enqueues").singleElement()
                .satisfies(w -> assertThat(w.name()).startsWith("__ephemeral__producer_"));
        assertThat(second.get(0).producerWorkerId()).isEqualTo(first.get(0).producerWorkerId());

        Instant at = clock.instant().minusSeconds(60);
        Message timed = Pgqrs.enqueue().message(4).to(q).at(at).delay(Duration.ofSeconds(10)).execute(pgqrs).get(0);
        assertThat(timed.enqueuedAt()).isEqualTo(at);
        assertThat(timed.vt()).isEqualTo(at.plusSeconds(10));

        Producer own = pgqrs.producer(q);
        assertThat(Pgqrs.enqueue().message(5).worker(own).execute(pgqrs).get(0).producerWorkerId()).isEqualTo(own.id());
        List<Message> batchAt = own.enqueueBatchAt(List.of(6, 7), at, Duration.ZERO);
        assertThat(batchAt).extracting(Message::enqueuedAt).containsOnly(at);
    }

    /** A handle with its own clock writes that clock's times; the connection keeps its own. */
    @Test
    public void producerWithItsOwnClock() {
        String q = newQueue();
        Instant later = clock.instant().plusSeconds(3600);
        Producer p = pgqrs.producer(q);
        Message m = p.withClock(java.time.Clock.fixed(later, java.time.ZoneOffset.UTC)).enqueue(Map.of("n", 1));
        assertThat(m.enqueuedAt()).isEqualTo(later);
        assertThat(m.producerWorkerId()).isEqualTo(p.id());
        assertThat(p.enqueue(Map.of("n", 2)).enqueuedAt()).isEqualTo(clock.instant());
    }
}
