package io.pgqrs.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.MessageProcessor;
import io.pgqrs.Pgqrs;
import io.pgqrs.RetryPolicy;
import io.pgqrs.SettableClock;
import io.pgqrs.ValidationConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An embedded queue store for one test: a fresh SQLite file in a temporary directory, installed, whose clock is a
 * {@link SettableClock}. Hand {@link #pgqrs()} to the code under test, then drain queues through your handlers and
 * assert on what was enqueued. Close it after the test (it deletes the file).
 *
 * <pre>{@code
 * try (TestQueues queues = TestQueues.embedded().createQueues("emails")) {
 *     signup.register("a@b.c", queues.pgqrs());                     // code under test enqueues
 *     queues.assertEnqueued("emails", Map.of("to", "a@b.c"));
 *     DrainResult r = queues.drain("emails", mailer::handle);       // runs it now, on this thread
 *     assertEquals(1, r.succeeded());
 * }
 * }</pre>
 *
 * <p>The store is a real one, with the same rules as production (validation, leases, dead letters), so a handler that
 * passes here meets the same semantics under {@link Pgqrs#worker}. The enqueue rate limit is off.
 */
public final class TestQueues implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger DRAINS = new AtomicInteger();
    /** More deliveries than this in one drain means a handler keeps feeding its own queue. */
    private static final int MAX_DELIVERIES = 100_000;

    private final Path dir;
    private final SettableClock clock;
    private final Pgqrs pgqrs;

    private TestQueues(Path dir, SettableClock clock, Pgqrs pgqrs) {
        this.dir = dir;
        this.clock = clock;
        this.pgqrs = pgqrs;
    }

    /** @return a fresh installed store with default settings */
    public static TestQueues embedded() {
        return embedded(b -> b);
    }

    /**
     * @param settings changes to the configuration (the DSN and the clock are set already)
     * @return a fresh installed store
     */
    public static TestQueues embedded(UnaryOperator<Config.Builder> settings) {
        Path dir;
        try {
            dir = Files.createTempDirectory("pgqrs-test");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the test store", e);
        }
        SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Config.Builder builder = Config.builder("sqlite:" + dir.resolve("queues.db"))
                .validation(ValidationConfig.defaults().withRateLimit(null, null));
        Pgqrs pgqrs = Pgqrs.connect(settings.apply(builder).clock(clock).build());
        pgqrs.admin().install();
        return new TestQueues(dir, clock, pgqrs);
    }

    /** @return the connection to hand to the code under test */
    public Pgqrs pgqrs() {
        return pgqrs;
    }

    /** @return the DSN, for code under test that connects by itself (another {@code Pgqrs}, a process) */
    public String dsn() {
        return pgqrs.config().dsn();
    }

    /** @return the store's clock */
    public SettableClock clock() {
        return clock;
    }

    /**
     * @param names queues to create
     * @return this
     */
    public TestQueues createQueues(String... names) {
        for (String name : names) {
            pgqrs.admin().createQueue(name);
        }
        return this;
    }

    /**
     * Handles every message of the queue that is ready now, on the calling thread, as a worker with the default retry
     * policy would: success archives; a failure retries after the policy's delay (the message is ready again once the
     * clock has been advanced that far) or, on the last attempt, makes it a dead letter.
     *
     * @param queue the queue
     * @param handler the handler under test
     * @return what happened
     */
    public DrainResult drain(String queue, MessageProcessor handler) {
        return drain(queue, handler, RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofMinutes(5))
                .withMaxAttempts(pgqrs.config().maxReadCt()));
    }

    /**
     * As {@link #drain(String, MessageProcessor)} with a retry policy; {@code RetryPolicy.fixed(Duration.ZERO)}
     * retries a failing message at once, within the same drain, until its attempts are spent.
     *
     * @param queue the queue
     * @param handler the handler under test
     * @param retry the retry policy
     * @return what happened
     * @throws IllegalStateException when the handler keeps feeding the queue it drains
     */
    public DrainResult drain(String queue, MessageProcessor handler, RetryPolicy retry) {
        int succeeded = 0;
        int retried = 0;
        int dead = 0;
        try (Consumer consumer = pgqrs.consumer(queue, "pgqrs-test-drain-" + DRAINS.incrementAndGet())) {
            List<Message> batch;
            while (!(batch = consumer.dequeue(Math.min(100, pgqrs.config().defaultMaxBatchSize()))).isEmpty()) {
                for (Message m : batch) {
                    try {
                        handler.process(m);
                        consumer.archive(m.id());
                        succeeded++;
                    } catch (Exception e) {
                        if (retry.isExhausted(m.readCt())) {
                            consumer.deadLetter(m, e.toString());
                            dead++;
                        } else {
                            consumer.retryLater(m, e.toString(), retry.delayAfter(m.readCt()));
                            retried++;
                        }
                    }
                }
                if (succeeded + retried + dead > MAX_DELIVERIES) {
                    throw new IllegalStateException("drain of '" + queue + "' made more than " + MAX_DELIVERIES
                            + " deliveries: does the handler enqueue onto the queue it drains?");
                }
            }
        }
        return new DrainResult(succeeded, retried, dead);
    }

    /**
     * @param queue a queue
     * @return its live (not archived) messages, oldest first, ready or not
     */
    public List<Message> enqueued(String queue) {
        return pgqrs.admin().listMessages(queue).stream().sorted(Comparator.comparingLong(Message::id)).toList();
    }

    /**
     * Asserts that a live message of the queue has a payload like {@code like}: every field {@code like} names is there
     * with an equal value (objects nest; other fields may be anything).
     *
     * @param queue a queue
     * @param like a {@code Map}, a record or POJO, a {@code JsonNode}, or a JSON text
     * @return the first such message
     * @throws AssertionError naming the queue's messages when none matches
     */
    public Message assertEnqueued(String queue, Object like) {
        JsonNode expected = json(like);
        List<Message> live = enqueued(queue);
        return live.stream().filter(m -> PayloadMatch.matches(expected, m.payload())).findFirst()
                .orElseThrow(() -> new AssertionError("No message on queue '" + queue + "' has a payload like " + expected
                        + "; its " + live.size() + " live message(s): " + describe(live)));
    }

    /**
     * @param queue a queue
     * @param like as {@link #assertEnqueued}
     * @throws AssertionError naming the first live message whose payload is like {@code like}
     */
    public void assertNotEnqueued(String queue, Object like) {
        JsonNode expected = json(like);
        enqueued(queue).stream().filter(m -> PayloadMatch.matches(expected, m.payload())).findFirst().ifPresent(m -> {
            throw new AssertionError("Message " + m.id() + " on queue '" + queue + "' has a payload like " + expected
                    + ": " + m.payload());
        });
    }

    /**
     * @param queue a queue
     * @throws AssertionError when it has live messages
     */
    public void assertEmpty(String queue) {
        List<Message> live = enqueued(queue);
        if (!live.isEmpty()) {
            throw new AssertionError("Queue '" + queue + "' has " + live.size() + " live message(s): " + describe(live));
        }
    }

    private static JsonNode json(Object like) {
        Objects.requireNonNull(like, "like");
        try {
            return like instanceof String text ? JSON.readTree(text) : JSON.valueToTree(like);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot turn " + like + " into JSON to compare payloads", e);
        }
    }

    private static String describe(List<Message> messages) {
        return messages.stream().limit(10).map(m -> m.id() + "=" + m.payload()).collect(Collectors.joining(", ", "[",
                messages.size() > 10 ? ", …]" : "]"));
    }

    /** Closes the store and deletes its file. */
    @Override
    public void close() {
        pgqrs.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test store in " + dir, e);
        }
    }
}
