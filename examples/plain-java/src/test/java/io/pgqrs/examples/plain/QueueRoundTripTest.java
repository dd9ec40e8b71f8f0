package io.pgqrs.examples.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import io.pgqrs.QueueMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Enqueues, dequeues and archives one message on a SQLite file, through the API only. */
class QueueRoundTripTest {

    @Test
    void enqueuedMessageIsDequeuedAndArchived() throws IOException {
        Path db = Path.of("target", "round-trip.db");
        Files.deleteIfExists(db);
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite:" + db)) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("emails");

            try (Producer producer = pgqrs.producer("emails")) {
                producer.enqueue(Map.of("to", "a@b.c"));
            }
            try (Consumer consumer = pgqrs.consumer("emails")) {
                List<Message> leased = consumer.dequeue(10);
                assertEquals(1, leased.size());
                assertEquals("a@b.c", leased.get(0).payload().get("to").asText());
                assertTrue(consumer.archive(leased.get(0).id()));
            }

            QueueMetrics metrics = pgqrs.admin().queueMetrics("emails");
            assertEquals(1, metrics.totalMessages());
            assertEquals(0, metrics.pendingMessages());
            assertEquals(0, metrics.lockedMessages());
            assertEquals(1, metrics.archivedMessages());
        }
    }
}
