package io.pgqrs.bench;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills a store for the dashboard scenario through the public API only: one large queue of N messages in every state
 * (most pending, a tenth archived, some dead letters with a recorded error, a few leased for an hour) and a few small
 * queues, so the overview lists more than one. Enqueues go in batches of {@link #BATCH} (one statement each).
 *
 * @param pending messages left pending in the large queue
 * @param locked messages leased for an hour
 * @param archived messages archived (not dead)
 * @param dead dead letters, each with its error
 */
record DashboardFill(long pending, int locked, int archived, int dead) {
    /** The large queue. */
    static final String QUEUE = "dashboard_big";
    /** Small queues beside it, each of {@link #SMALL_MESSAGES}. */
    static final int SMALL_QUEUES = 4;
    static final int SMALL_MESSAGES = 100;
    /** Messages per enqueue (one statement) and per dequeue; the connection's largest batch must allow it. */
    static final int BATCH = 1_000;

    /**
     * @param total messages in the large queue, at least 1 000
     * @return the split: a tenth archived, a thousandth (at least 50) dead, 1 000 leased (at most a tenth), the rest
     *         pending
     */
    static DashboardFill of(long total) {
        if (total < 1_000) {
            throw new IllegalArgumentException("--messages must be at least 1000, got " + total);
        }
        int archived = (int) (total / 10);
        int dead = (int) Math.max(50, total / 1_000);
        int locked = (int) Math.min(1_000, total / 10);
        return new DashboardFill(total - archived - dead - locked, locked, archived, dead);
    }

    long total() {
        return pending + locked + archived + dead;
    }

    /**
     * Installs the store and fills it. Dequeues take the oldest messages first, so the dead letters have the lowest
     * ids, then the archived, then the leased ones, and the pending ones are the newest.
     *
     * @param pgqrs a connection without a producer rate limit whose largest batch is at least {@link #BATCH}
     * @param progress told after each enqueued batch, with the count so far
     */
    void fill(Pgqrs pgqrs, java.util.function.LongConsumer progress) {
        pgqrs.admin().install();
        pgqrs.admin().createQueue(QUEUE);
        try (Producer producer = pgqrs.producer(QUEUE)) {
            for (long sent = 0; sent < total(); sent += BATCH) {
                producer.enqueueBatch(payloads(sent, (int) Math.min(BATCH, total() - sent)));
                progress.accept(Math.min(total(), sent + BATCH));
            }
        }
        try (Consumer consumer = pgqrs.consumer(QUEUE)) {
            for (int done = 0; done < dead; done += BATCH) {
                for (Message m : consumer.dequeue(Math.min(BATCH, dead - done))) {
                    consumer.deadLetter(m, "SMTP 550: mailbox unavailable for message " + m.id() + "\n\tat Mailer.send");
                }
            }
            for (int done = 0; done < archived; done += BATCH) {
                consumer.archiveMany(consumer.dequeue(Math.min(BATCH, archived - done)).stream().map(Message::id).toList());
            }
        }
        // Not closed: closing a consumer gives its messages back. The connection's close ends it.
        pgqrs.consumer(QUEUE).dequeue(locked, Duration.ofHours(1));
        for (int q = 0; q < SMALL_QUEUES; q++) {
            String name = "dashboard_small_" + q;
            pgqrs.admin().createQueue(name);
            try (Producer producer = pgqrs.producer(name)) {
                producer.enqueueBatch(payloads(0, SMALL_MESSAGES));
            }
        }
    }

    private static List<Object> payloads(long from, int n) {
        List<Object> batch = new ArrayList<>(n);
        for (long i = from; i < from + n; i++) {
            batch.add(Map.of("n", i, "to", "user" + i + "@example.com", "subject", "Invoice " + i));
        }
        return batch;
    }
}
