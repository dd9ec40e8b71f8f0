package io.pgqrs.bench;

import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The producer of the {@code wakeup} scenario: enqueues {@code {"t": System.nanoTime()}} now and then, so that the
 * consumer finds each message while it idles. {@code System.nanoTime()} is the system-wide monotonic clock on Linux,
 * so a consumer in another process on the host can subtract it. Runs in a thread or as a process ({@link #main}).
 */
final class WakeUpProducer {
    static final String QUEUE = "wakeup";

    private WakeUpProducer() {
    }

    /**
     * @param pgqrs the producer's own connection
     * @param samples how many messages
     * @param gapMillis the mean pause between two, drawn from [gap/2, 3 gap/2) so it never lines up with a poll interval
     */
    static void produce(Pgqrs pgqrs, int samples, int gapMillis) throws InterruptedException {
        try (Producer producer = pgqrs.producer(QUEUE)) {
            for (int i = 0; i < samples; i++) {
                TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(gapMillis * 500L, gapMillis * 1500L));
                producer.enqueue(Map.of("t", System.nanoTime()));
            }
        }
    }

    /** @param args DSN, samples, mean gap in ms */
    public static void main(String[] args) throws InterruptedException {
        try (Pgqrs pgqrs = Pgqrs.connect(Config.builder(args[0]).build())) {
            produce(pgqrs, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        }
    }
}
