package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.EnqueueOptions;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.Producer;
import io.pgqrs.ValidationConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Message headers: a small map of strings stored beside the payload and returned on every read. When one fails,
 * check that the store writes the headers text it is given into the {@code headers} column of every row of the
 * insert (batches included) and reads that column back wherever it reads messages.
 */
public abstract class HeadersVerification extends Verification {
    private static final Map<String, String> TRACE = Map.of(
            "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "content-type", "application/json",
            "tenant", "acme ✓");

    /** Headers given to a single enqueue come back on the stored message, on get, and on dequeue. */
    @Test
    public void h1_singleEnqueueKeepsHeaders() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        Message sent = p.enqueue(Map.of("n", 1), EnqueueOptions.none().withHeaders(TRACE));
        assertThat(sent.headers()).isEqualTo(TRACE);
        assertThat(p.get(sent.id()).headers()).isEqualTo(TRACE);
        List<Message> got = pgqrs.consumer(q).dequeue(1);
        assertThat(got).singleElement().satisfies(m -> assertThat(m.headers()).isEqualTo(TRACE));
    }

    /** Every message of a batch gets the batch's headers; a second connection reads them too. */
    @Test
    public void h2_batchEnqueueKeepsHeaders() {
        String q = newQueue();
        EnqueueOptions options = EnqueueOptions.none().withHeader("batch", "b-7").withDelay(Duration.ZERO);
        List<Message> sent = pgqrs.producer(q).enqueueBatch(List.of(Map.of("n", 1), Map.of("n", 2), "three"), options);
        assertThat(sent).hasSize(3).allSatisfy(m -> assertThat(m.headers()).isEqualTo(Map.of("batch", "b-7")));
        Pgqrs other = connect(b -> b);
        assertThat(other.consumer(q).dequeue(3)).hasSize(3)
                .allSatisfy(m -> assertThat(m.headers()).isEqualTo(Map.of("batch", "b-7")));
    }

    /** The one-shot builder sets headers on every message it sends. */
    @Test
    public void h3_builderSetsHeaders() {
        String q = newQueue();
        List<Message> sent = Pgqrs.enqueue().messages(List.of(1, 2)).to(q).header("k", "v").execute(pgqrs);
        assertThat(sent).extracting(m -> admin.getMessage(m.id()).headers()).containsOnly(Map.of("k", "v"));
    }

    /** A message enqueued without headers (or with an empty map of them) has an empty map, never null, on every path. */
    @Test
    public void h4_noHeadersIsEmptyMap() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        Message plain = p.enqueue(Map.of("n", 1));
        Message emptyOptions = p.enqueue(Map.of("n", 0), EnqueueOptions.none().withHeaders(Map.of()));
        assertThat(emptyOptions.headers()).isNotNull().isEmpty();
        Message batch = p.enqueueBatch(List.of(2, 3)).get(0);
        assertThat(plain.headers()).isNotNull().isEmpty();
        assertThat(batch.headers()).isNotNull().isEmpty();
        assertThat(admin.getMessage(plain.id()).headers()).isEmpty();
        assertThat(pgqrs.consumer(q).dequeue(4)).hasSize(4).allSatisfy(m -> assertThat(m.headers()).isEmpty());
    }

    /**
     * A header name that is empty, has a space or a character outside printable ASCII, or a null value, is
     * {@code VALIDATION_FAILED} saying what is wrong; nothing is enqueued.
     */
    @Test
    public void h5_badHeaderNamesRefused() {
        String q = newQueue();
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> EnqueueOptions.none().withHeader("", "v")).getMessage())
                .contains("must not be empty");
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> EnqueueOptions.none().withHeader("café", "v")).getMessage())
                .contains("printable ASCII").contains("U+00E9");
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> EnqueueOptions.none().withHeader("a b", "v")).getMessage())
                .contains("U+0020");
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("ok", "1");
        nullValue.put("empty", null);
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> EnqueueOptions.none().withHeaders(nullValue)).getMessage())
                .contains("'empty' has no value");
        assertFails(ErrorKind.VALIDATION_FAILED, () -> Pgqrs.enqueue().message(1).to(q).header("tab\t", "v").execute(pgqrs));
        assertThat(admin.queueMetrics(q).totalMessages()).isZero();
    }

    /**
     * Headers are capped at {@value EnqueueOptions#MAX_HEADERS_BYTES} bytes of JSON on their own: one byte over is
     * refused, the cap itself is accepted, and the headers do not count toward {@code max_payload_size_bytes}.
     */
    @Test
    public void h6_headersSizeCappedSeparately() {
        String filler = "x".repeat(EnqueueOptions.MAX_HEADERS_BYTES - "{\"big\":\"\"}".length());
        EnqueueOptions atCap = EnqueueOptions.none().withHeader("big", filler);
        PgqrsException over = assertFails(ErrorKind.VALIDATION_FAILED, () -> atCap.withHeader("big", filler + "x"));
        assertThat(over.getMessage()).contains((EnqueueOptions.MAX_HEADERS_BYTES + 1) + " bytes")
                .contains(String.valueOf(EnqueueOptions.MAX_HEADERS_BYTES));
        String q = newQueue();
        Pgqrs small = connect(b -> b.validation(new ValidationConfig(64, 1024, 5, Set.of(), Set.of(), null, null)));
        Message m = small.producer(q).enqueue(Map.of("n", 1), atCap);
        assertThat(small.admin().getMessage(m.id()).headers().get("big")).hasSize(filler.length());
    }

    /** Header names may look like forbidden payload keys: payload rules do not apply to headers. */
    @Test
    public void h7_payloadKeyRulesDoNotApply() {
        String q = newQueue();
        Pgqrs strict = connect(b -> b.validation(new ValidationConfig(1_048_576, 8, 5, Set.of("secret"), Set.of("n"), null, null)));
        Producer p = strict.producer(q);
        Message m = p.enqueue(Map.of("n", 1), EnqueueOptions.none().withHeader("secret", "a value longer than eight"));
        assertThat(m.headers()).containsEntry("secret", "a value longer than eight");
        assertFails(ErrorKind.VALIDATION_FAILED, () -> p.enqueue(Map.of("n", 1, "secret", 1)));
    }
}
