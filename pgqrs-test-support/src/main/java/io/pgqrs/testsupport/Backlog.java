package io.pgqrs.testsupport;

import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import java.util.ArrayList;
import java.util.List;

/** Fills a queue before a drain test. */
public final class Backlog {
    private static final int BATCH = 100;

    private Backlog() {
    }

    /**
     * Installs the store, creates the queue and enqueues {@code total} payloads {@code 0 … total-1} in batches of 100.
     * The connection's validation must allow batches of 100 (no rate limit, or a burst of at least 100).
     *
     * @param pgqrs the connection
     * @param queue a queue name that does not exist yet
     * @param total how many messages
     */
    public static void fill(Pgqrs pgqrs, String queue, int total) {
        pgqrs.admin().install();
        pgqrs.admin().createQueue(queue);
        try (Producer producer = pgqrs.producer(queue)) {
            for (int sent = 0; sent < total; sent += BATCH) {
                List<Integer> batch = new ArrayList<>();
                for (int i = sent; i < Math.min(total, sent + BATCH); i++) {
                    batch.add(i);
                }
                producer.enqueueBatch(batch);
            }
        }
    }
}
