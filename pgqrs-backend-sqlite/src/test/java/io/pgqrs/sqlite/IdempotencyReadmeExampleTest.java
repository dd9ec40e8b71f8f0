package io.pgqrs.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Consumer;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's "Idempotency keys" example, as written there, runs on a SQLite file. */
class IdempotencyReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeExample() {
        Message first;
        Message again;
        List<Message> batch;
        Message afterArchive;
        // --- README example: begin
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite:" + dir.resolve("shop.db"))) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("orders");
            Producer producer = pgqrs.producer("orders");

            first = producer.enqueue(Map.of("order", 42), EnqueueOptions.idempotencyKey("order-42"));
            again = producer.enqueue(Map.of("order", 42), EnqueueOptions.idempotencyKey("order-42"));
            // again.duplicate() is true and again.id() == first.id(): nothing was written

            batch = producer.enqueueBatch(List.of(Map.of("order", 42), Map.of("order", 43), Map.of("note", "no key")),
                    EnqueueOptions.none().withIdempotencyKeys(Arrays.asList("order-42", "order-43", null)));
            // batch: [duplicate of order-42, new order-43, new unkeyed message], in the payloads' order

            Consumer consumer = pgqrs.consumer("orders");
            for (Message m : consumer.dequeue(10)) {
                consumer.archive(m.id());                    // archived: order-42 is free again (no window)
            }
            afterArchive = producer.enqueue(Map.of("order", 42),
                    EnqueueOptions.idempotencyKey("order-42").withIdempotencyWindow(Duration.ofMinutes(5)));
            // a new message; after its archive, "order-42" stays taken for 5 more minutes
        }
        // --- README example: end
        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(batch).extracting(Message::duplicate).containsExactly(true, false, false);
        assertThat(batch.get(0).id()).isEqualTo(first.id());
        assertThat(afterArchive.duplicate()).isFalse();
        assertThat(afterArchive.id()).isGreaterThan(batch.get(2).id());
    }
}
