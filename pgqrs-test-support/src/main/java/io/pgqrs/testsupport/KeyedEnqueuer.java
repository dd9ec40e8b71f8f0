package io.pgqrs.testsupport;

import io.pgqrs.Config;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import io.pgqrs.ValidationConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * A producer process for the two-process idempotency race: connected and ready, it prints {@code ready}, waits for a
 * start file so that both processes begin together, then enqueues keys {@code k-0 … k-(n-1)} in order and writes one
 * line per enqueue, {@code <key> <id> <duplicate>}, to a file. Exits non-zero on any error.
 */
public final class KeyedEnqueuer {
    private KeyedEnqueuer() {
    }

    /** @param args DSN, queue, number of keys, start file, output file */
    public static void main(String[] args) throws IOException {
        Config config = Config.builder(args[0]).validation(ValidationConfig.defaults().withRateLimit(null, null)).build();
        int keys = Integer.parseInt(args[2]);
        Path start = Path.of(args[3]);
        try (Pgqrs pgqrs = Pgqrs.connect(config);
             Producer producer = pgqrs.producer(args[1]);
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[4])))) {
            System.out.println("ready");
            System.out.flush();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!Files.exists(start)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("no start file " + start + " within 2 minutes");
                }
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
            for (int i = 0; i < keys; i++) {
                Message m = producer.enqueue(i, EnqueueOptions.idempotencyKey("k-" + i));
                out.println("k-" + i + " " + m.id() + " " + m.duplicate());
            }
        }
    }
}
