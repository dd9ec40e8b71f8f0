package io.pgqrs.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgqrs.Message;
import io.pgqrs.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestQueuesTest {

    record Email(String to, String subject) {
    }

    @Test
    void assertsWhatWasEnqueuedByFieldsItNames() {
        try (TestQueues queues = TestQueues.embedded().createQueues("emails")) {
            queues.pgqrs().producer("emails").enqueue(Map.of("to", "a@b.c", "subject", "hi", "meta", Map.of("n", 1)));

            Message m = queues.assertEnqueued("emails", Map.of("to", "a@b.c"));
            assertThat(m.payload().get("subject").asText()).isEqualTo("hi");
            queues.assertEnqueued("emails", new Email("a@b.c", "hi"));
            queues.assertEnqueued("emails", "{\"meta\": {\"n\": 1.0}}");
            queues.assertNotEnqueued("emails", Map.of("to", "x@y.z"));
            assertThatThrownBy(() -> queues.assertEnqueued("emails", Map.of("to", "x@y.z")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("No message on queue 'emails' has a payload like {\"to\":\"x@y.z\"}")
                    .hasMessageContaining("\"to\":\"a@b.c\"");
            assertThatThrownBy(() -> queues.assertEmpty("emails")).hasMessageContaining("1 live message(s)");
        }
    }

    @Test
    void drainRunsReadyMessagesNowAndRetriesFollowTheClock() {
        try (TestQueues queues = TestQueues.embedded().createQueues("jobs")) {
            queues.pgqrs().producer("jobs").enqueueBatch(List.of(Map.of("n", 1), Map.of("n", 2)));
            List<Integer> seen = new ArrayList<>();

            DrainResult first = queues.drain("jobs", m -> {
                int n = m.payload().get("n").asInt();
                seen.add(n);
                if (n == 2 && m.readCt() == 1) {
                    throw new IllegalStateException("flaky");
                }
            });
            assertThat(first).isEqualTo(new DrainResult(1, 1, 0));
            assertThat(queues.drain("jobs", m -> seen.add(-1)).handled()).as("retry not due yet").isZero();

            queues.clock().advance(Duration.ofSeconds(1));
            DrainResult second = queues.drain("jobs", m -> seen.add(m.payload().get("n").asInt()));
            assertThat(second).isEqualTo(new DrainResult(1, 0, 0));
            assertThat(seen).containsExactly(1, 2, 2);
            queues.assertEmpty("jobs");
            assertThat(queues.pgqrs().admin().failures(2)).singleElement()
                    .satisfies(f -> assertThat(f.error()).contains("flaky"));
        }
    }

    @Test
    void aHandlerThatAlwaysFailsEndsAsADeadLetter() {
        try (TestQueues queues = TestQueues.embedded().createQueues("jobs")) {
            queues.pgqrs().producer("jobs").enqueue(Map.of("n", 1));
            DrainResult r = queues.drain("jobs", m -> {
                throw new IllegalArgumentException("never works");
            }, RetryPolicy.fixed(Duration.ZERO).withMaxAttempts(3));
            assertThat(r).isEqualTo(new DrainResult(0, 2, 1));
            assertThat(queues.pgqrs().admin().listDeadLetters("jobs")).hasSize(1);
        }
    }

    @Test
    void closeDeletesTheStore() {
        TestQueues queues = TestQueues.embedded();
        Path file = Path.of(queues.dsn().substring("sqlite:".length()));
        assertThat(file).exists();
        queues.close();
        assertThat(Files.exists(file.getParent())).isFalse();
    }
}
