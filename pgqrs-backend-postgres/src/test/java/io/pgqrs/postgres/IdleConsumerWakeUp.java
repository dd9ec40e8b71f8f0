package io.pgqrs.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.WorkerStatus;
import io.pgqrs.tck.TestEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Checks that a consumer idling in its poll loop gets a message another connection enqueues, within a deadline. */
final class IdleConsumerWakeUp {
    private IdleConsumerWakeUp() {
    }

    /**
     * @param consumerSide the connection whose consumer polls (its poll interval decides what the wake-up proves)
     * @param producerSide another connection to the same store
     * @param queue an existing queue
     * @param within how long the consumer may take to return the message (scaled by {@link TestEnvironment})
     * @throws Exception when the poll fails or the deadline passes
     */
    static void assertWakes(Pgqrs consumerSide, Pgqrs producerSide, String queue, Duration within) throws Exception {
        Consumer consumer = consumerSide.consumer(queue);
        CompletableFuture<List<Message>> polled = CompletableFuture.supplyAsync(() -> consumer.poll(1, Duration.ofSeconds(60)));
        TestEnvironment.awaitTrue("consumer polling", Duration.ofSeconds(10), () -> consumer.status() == WorkerStatus.POLLING);
        Message sent = producerSide.producer(queue).enqueue(Map.of("n", 1));
        List<Message> got = polled.get(TestEnvironment.timeout(within).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(got).extracting(Message::id).containsExactly(sent.id());
    }
}
