package io.pgqrs.cli;

import io.pgqrs.Admin;
import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.Producer;
import io.pgqrs.ValidationConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Shows the queue at work: fills a queue, drains it with several consumers, and counts every message. */
@Command(name = "demo", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Install, create a queue, enqueue N messages and drain them with C consumer threads; "
                + "prints one summary line with lost and duplicate counts.",
        footer = {"", "Example:", "  pgqrs demo --messages 10000 --consumers 4"})
final class DemoCommand implements Callable<Integer> {
    private static final int ENQUEUE_BATCH = 100;

    @ParentCommand
    PgqrsCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--messages", defaultValue = "10000", description = "Messages to enqueue (default: ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--consumers", defaultValue = "4", description = "Consumer threads (default: ${DEFAULT-VALUE})")
    int consumers;

    @Option(names = "--batch", defaultValue = "50", description = "Dequeue batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--queue", defaultValue = "demo", description = "Queue name; it is purged first (default: ${DEFAULT-VALUE})")
    String queue;

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || consumers < 1) {
            throw PgqrsException.validationFailed("--messages and --consumers must be at least 1");
        }
        Config base = root.config();
        // The demo sends batches of 100, above the default burst of 50; rate limiting is for producers in apps.
        Config config = base.toBuilder().validation(base.validation().withRateLimit(null, null)).build();
        boolean json = root.jsonOutput();
        Progress progress = new Progress(spec.commandLine().getErr(), messages, !json);
        try (Pgqrs pgqrs = Pgqrs.connect(config)) {
            prepareQueue(pgqrs.admin());
            long started = System.nanoTime();
            Counts counts = run(pgqrs, progress);
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.finish();
            long lost = messages - counts.archived();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("backend", pgqrs.backendName());
            fields.put("messages", messages);
            fields.put("consumers", consumers);
            fields.put("seconds", Math.round(seconds * 100) / 100.0);
            fields.put("msgs_per_s", Math.round(messages / seconds));
            fields.put("lost", lost);
            fields.put("duplicates", counts.duplicates());
            new Output(spec.commandLine().getOut(), json).status(String.format(Locale.ROOT,
                    "demo: backend=%s messages=%d consumers=%d seconds=%.2f msgs/s=%.0f lost=%d duplicates=%d",
                    pgqrs.backendName(), messages, consumers, seconds, messages / seconds, lost, counts.duplicates()), fields);
            return lost == 0 && counts.duplicates() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    private void prepareQueue(Admin admin) {
        admin.install();
        try {
            admin.createQueue(queue);
        } catch (PgqrsException e) {
            if (e.kind() != ErrorKind.QUEUE_ALREADY_EXISTS) {
                throw e;
            }
            admin.purgeQueue(queue);
        }
    }

    private Counts run(Pgqrs pgqrs, Progress progress) throws Exception {
        Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Set<Long> archived = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(consumers + 1);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            tasks.add(pool.submit(() -> produce(pgqrs, progress)));
            for (int c = 0; c < consumers; c++) {
                tasks.add(pool.submit(() -> consume(pgqrs, deliveries, archived, progress)));
            }
            for (Future<?> t : tasks) {
                t.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long duplicates = deliveries.values().stream().mapToLong(n -> Math.max(0, n.get() - 1)).sum();
        return new Counts(archived.size(), duplicates);
    }

    private Void produce(Pgqrs pgqrs, Progress progress) {
        try (Producer producer = pgqrs.producer(queue)) {
            for (int sent = 0; sent < messages; sent += ENQUEUE_BATCH) {
                List<Map<String, Integer>> payloads = new ArrayList<>();
                for (int i = sent; i < Math.min(messages, sent + ENQUEUE_BATCH); i++) {
                    payloads.add(Map.of("n", i));
                }
                progress.enqueued(producer.enqueueBatch(payloads).size());
            }
        }
        return null;
    }

    private Void consume(Pgqrs pgqrs, Map<Long, AtomicInteger> deliveries, Set<Long> archived, Progress progress) {
        try (Consumer consumer = pgqrs.consumer(queue)) {
            while (archived.size() < messages) {
                List<Long> ids = consumer.poll(batch, Duration.ofMillis(200)).stream().map(Message::id).toList();
                ids.forEach(id -> deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
                List<Boolean> done = consumer.archiveMany(ids);
                for (int i = 0; i < ids.size(); i++) {
                    if (done.get(i) && archived.add(ids.get(i))) {
                        progress.archived(1);
                    }
                }
            }
        }
        return null;
    }

    /** @param archived distinct messages archived @param duplicates deliveries beyond the first, counted per message */
    private record Counts(long archived, long duplicates) {
    }
}
