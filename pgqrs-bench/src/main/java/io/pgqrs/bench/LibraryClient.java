package io.pgqrs.bench;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import java.util.List;

/** A drain client through the library: {@code dequeue(n)} then {@code archiveMany(ids)}. */
final class LibraryClient implements DrainClient {
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
    public void close() {
        consumer.close();
    }
}
