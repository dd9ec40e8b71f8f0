package io.pgqrs.testsupport;

import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A consumer process for the multi-JVM test: drains a queue with a long lease and writes each archived id to a
 * file, one per line. Exits 0 when the queue is empty, non-zero on any error (a "database is locked" included).
 */
public final class DrainWorker {
    private DrainWorker() {
    }

    /** @param args DSN, queue, output file */
    public static void main(String[] args) throws IOException {
        Config config = Config.builder(args[0]).defaultLockTime(Duration.ofMinutes(10)).build();
        try (Pgqrs pgqrs = Pgqrs.connect(config);
             Consumer consumer = pgqrs.consumer(args[1]);
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2])))) {
            while (true) {
                List<Message> batch = consumer.poll(50, Duration.ofMillis(300));
                if (batch.isEmpty()) {
                    var m = pgqrs.admin().queueMetrics(args[1]);
                    if (m.pendingMessages() + m.lockedMessages() == 0) {
                        return;
                    }
                    continue;
                }
                List<Long> ids = batch.stream().map(Message::id).toList();
                List<Boolean> archived = consumer.archiveMany(ids);
                for (int i = 0; i < ids.size(); i++) {
                    if (archived.get(i)) {
                        out.println(ids.get(i));
                    }
                }
            }
        }
    }
}
