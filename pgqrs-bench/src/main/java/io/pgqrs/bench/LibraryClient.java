package io.pgqrs.bench;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import java.time.Duration;
import java.util.List;

/**
 * A drain client through the library: {@code dequeue(n)} then {@code archiveMany(ids)}, or
 * {@code archiveAndDequeue(ids, n, lease)} for ack-and-fetch.
 */
final class LibraryClient implements DrainClient {
    /** The default lease of {@code dequeue(n)}. */
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final Consumer consumer;

    LibraryClient(Pgqrs pgqrs, String queue) {
        this.consumer = pgqrs.consumer(queue);
    }

    @Override
    public List<Long> claim(int batch) {
        return consumer.dequeue(batch).stream().map(Message::id).toList();
    }

    @Override
    public void archive(List<Long> ids) {
        consumer.archiveMany(ids);
    }

    @Override
    public List<Long> archiveAndClaim(List<Long> ids, int batch) {
        return consumer.archiveAndDequeue(ids, batch, LEASE).stream().map(Message::id).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
