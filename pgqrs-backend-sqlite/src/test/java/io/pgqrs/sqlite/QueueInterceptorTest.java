package io.pgqrs.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgqrs.Config;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueInterceptor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link QueueInterceptor} on a real store: interceptors registered as observers wrap the enqueue in the order they
 * were registered, the headers they add are stored with every message of the call, and a bad header one adds is
 * refused like a caller's, storing nothing.
 */
class QueueInterceptorTest {
    @TempDir
    Path dir;

    @Test
    void interceptorsNestInOrderAndTheHeadersTheyAddAreStored() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Config config = Config.builder("sqlite:" + dir.resolve("nest.db"))
                .observer(new AddingHeader("outer", "first", calls))
                .observer(new AddingHeader("inner", "second", calls)).build();
        try (Pgqrs pgqrs = Pgqrs.connect(config)) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("jobs");
            List<Message> sent = pgqrs.producer("jobs").enqueueBatch(List.of(Map.of("n", 1), Map.of("n", 2)),
                    EnqueueOptions.none().withHeader("tenant", "acme"));

            assertThat(calls).containsExactly("outer in", "inner in", "inner out", "outer out");
            assertThat(pgqrs.consumer("jobs").dequeue(2)).extracting(Message::headers).containsOnly(
                    Map.of("tenant", "acme", "outer", "first", "inner", "second"));
            assertThat(sent).extracting(Message::headers).containsOnly(Map.of("tenant", "acme", "outer", "first", "inner", "second"));
        }
    }

    @Test
    void aBadHeaderAddedByAnInterceptorIsRefusedAndNothingIsStored() {
        Config config = Config.builder("sqlite:" + dir.resolve("bad.db"))
                .observer(new AddingHeader("has space", "x", new CopyOnWriteArrayList<>())).build();
        try (Pgqrs pgqrs = Pgqrs.connect(config)) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("jobs");
            assertThatThrownBy(() -> pgqrs.producer("jobs").enqueue(Map.of("n", 1)))
                    .isInstanceOfSatisfying(PgqrsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION_FAILED));
            assertThat(pgqrs.consumer("jobs").dequeue(1)).isEmpty();
        }
    }

    /** Adds one header to every enqueue and notes when it enters and leaves. */
    private record AddingHeader(String name, String value, List<String> calls) implements QueueInterceptor {
        @Override
        public List<Message> aroundEnqueue(String queue, Map<String, String> headers,
                                           Function<Map<String, String>, List<Message>> proceed) {
            calls.add(name + " in");
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            List<Message> stored = proceed.apply(more);
            calls.add(name + " out");
            return stored;
        }
    }
}
