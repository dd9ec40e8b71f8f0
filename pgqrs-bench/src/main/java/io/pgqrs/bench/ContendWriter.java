package io.pgqrs.bench;

import io.pgqrs.Config;
import io.pgqrs.ErrorKind;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.Producer;
import io.pgqrs.ValidationConfig;
import io.pgqrs.testsupport.Tally;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One writer of the {@code contend} scenario: registers a producer and enqueues its messages one at a time, timing
 * each of these writes. A {@code CONFLICT}
 * that reaches it is counted and the same message is enqueued again, so the tally stays exact. Runs in a thread of the
 * bench, or as a process of its own ({@link #main}).
 */
final class ContendWriter {
    static final String QUEUE = "contend";

    /** What one writer saw: each enqueue's wait, and the CONFLICTs that reached it. */
    record Outcome(List<Long> waitsNanos, int conflicts) {
        String line() {
            StringBuilder b = new StringBuilder().append(conflicts);
            waitsNanos.forEach(w -> b.append(' ').append(w));
            return b.toString();
        }

        static Outcome parse(String line) {
            String[] parts = line.trim().split(" ");
            List<Long> waits = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                waits.add(Long.parseLong(parts[i]));
            }
            return new Outcome(waits, Integer.parseInt(parts[0]));
        }
    }

    private ContendWriter() {
    }

    /**
     * @param dsn the S3 object
     * @param cacheDir this writer's own cache directory, as a process has
     * @return a connection with no rate limit
     */
    static Pgqrs connect(String dsn, Path cacheDir) {
        return Pgqrs.connect(Config.builder(dsn).s3CacheDir(cacheDir)
                .validation(ValidationConfig.defaults().withRateLimit(null, null)).build());
    }

    static Outcome write(Pgqrs pgqrs, int writer, int messages) {
        List<Long> waits = new ArrayList<>(messages + 1);
        int conflicts = 0;
        long registering = System.nanoTime();
        try (Producer producer = pgqrs.producer(QUEUE)) {
            waits.add(System.nanoTime() - registering);
            for (int i = 0; i < messages; i++) {
                long before = System.nanoTime();
                try {
                    producer.enqueue(Tally.payload(writer, i));
                    waits.add(System.nanoTime() - before);
                } catch (PgqrsException e) {
                    if (e.kind() != ErrorKind.CONFLICT) {
                        throw e;
                    }
                    conflicts++;
                    i--;
                }
            }
        }
        return new Outcome(waits, conflicts);
    }

    /** @param args DSN, cache directory, writer number, messages; prints {@link Outcome#line()} */
    public static void main(String[] args) {
        try (Pgqrs pgqrs = connect(args[0], Path.of(args[1]))) {
            System.out.println(write(pgqrs, Integer.parseInt(args[2]), Integer.parseInt(args[3])).line());
        }
    }
}
