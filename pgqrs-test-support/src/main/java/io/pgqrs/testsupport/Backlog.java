package io.pgqrs.testsupport;

import io.pgqrs.EnqueueOptions;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Fills a queue before a drain test. */
public final class Backlog {
    private static final int BATCH = 100;
    /** The options of a plain backlog: none. */
    public static final Function<List<Integer>, EnqueueOptions> PLAIN = batch -> EnqueueOptions.none();

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
        fill(pgqrs, queue, total, PLAIN);
    }

    /**
     * As {@link #fill(Pgqrs, String, int)}, each batch with the options {@code options} gives for its payloads.
     *
     * @param pgqrs the connection
     * @param queue a queue name that does not exist yet
     * @param total how many messages
     * @param options the options of a batch, given its payloads
     */
    public static void fill(Pgqrs pgqrs, String queue, int total, Function<List<Integer>, EnqueueOptions> options) {
        pgqrs.admin().install();
        pgqrs.admin().createQueue(queue);
        try (Producer producer = pgqrs.producer(queue)) {
            for (int sent = 0; sent < total; sent += BATCH) {
                List<Integer> batch = new ArrayList<>();
                for (int i = sent; i < Math.min(total, sent + BATCH); i++) {
                    batch.add(i);
                }
                producer.enqueueBatch(batch, options.apply(batch));
            }
        }
    }
}
