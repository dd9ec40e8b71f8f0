package io.pgqrs.bench;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import java.time.Duration;
import java.util.List;

/**
 * A drain client through the library: {@code dequeue(n)} then {@code archiveMany(ids)} (or {@code deleteMany(ids)}),
 * or {@code archiveAndDequeue(ids, n, lease)} for ack-and-fetch.
 */
final class LibraryClient implements DrainClient {
    /** The default lease of {@code dequeue(n)}. */
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final Consumer consumer;
    private final boolean delete;

    LibraryClient(Pgqrs pgqrs, String queue, Acknowledgement ack) {
        this.consumer = pgqrs.consumer(queue);
        this.delete = ack == Acknowledgement.DELETE;
    }

    @Override
    public List<Long> claim(int batch) {
        return consumer.dequeue(batch).stream().map(Message::id).toList();
    }

    @Override
    public void acknowledge(List<Long> ids) {
        if (delete) {
            consumer.deleteMany(ids);
        } else {
            consumer.archiveMany(ids);
        }
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
