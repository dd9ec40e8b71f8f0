package io.pgqrs.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.WorkerStatus;
import io.pgqrs.tck.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Poll loops wake on enqueues of another connection to the same file, without waiting out their poll interval. */
class SqliteWakeUpTest {
    @TempDir
    Path dir;

    private Config.Builder config() {
        return Config.builder("sqlite:" + dir.resolve("wake.db"));
    }

    /**
     * A consumer idling with a 30 s poll interval gets a message enqueued through another {@code Pgqrs} on the file
     * within seconds. If it fails, the change feed did not see the other connection's commit.
     */
    @Test
    void idleConsumerWakesOnEnqueueOfAnotherInstance() throws Exception {
        try (Pgqrs consumerSide = Pgqrs.connect(config().pollInterval(Duration.ofSeconds(30)).build());
                Pgqrs producerSide = Pgqrs.connect(config().build())) {
            consumerSide.admin().install();
            consumerSide.admin().createQueue("wake");
            Consumer consumer = consumerSide.consumer("wake");
            CompletableFuture<List<Message>> polled =
                    CompletableFuture.supplyAsync(() -> consumer.poll(1, Duration.ofSeconds(60)));
            TestEnvironment.awaitTrue("consumer polling", Duration.ofSeconds(10),
                    () -> consumer.status() == WorkerStatus.POLLING);
            Message sent = producerSide.producer("wake").enqueue(Map.of("n", 1));
            List<Message> got = polled.get(TestEnvironment.timeout(Duration.ofSeconds(5)).toMillis(),
                    TimeUnit.MILLISECONDS);
            assertThat(got).extracting(Message::id).containsExactly(sent.id());
        }
    }

    /**
     * The store tells a subscriber the queue of each message another connection enqueued, and watches the file only
     * while someone is subscribed.
     */
    @Test
    void storeWatchesOnlyWhileSubscribed() throws Exception {
        try (Pgqrs watching = Pgqrs.connect(config().build()); Pgqrs producing = Pgqrs.connect(config().build())) {
            watching.admin().install();
            long first = watching.admin().createQueue("first").id();
            long second = watching.admin().createQueue("second").id();
            assertThat(watcherThreads()).as("no watcher before a subscription").isZero();
            Set<Long> notified = ConcurrentHashMap.newKeySet();
            AutoCloseable subscription = watching.store().subscribe(notified::add);
            assertThat(watcherThreads()).isEqualTo(1);
            producing.producer("second").enqueue(Map.of("n", 1));
            TestEnvironment.awaitTrue("queue 'second' notified", Duration.ofSeconds(5), () -> notified.contains(second));
            assertThat(notified).doesNotContain(first);
            subscription.close();
            TestEnvironment.awaitTrue("watcher stopped", Duration.ofSeconds(5), () -> watcherThreads() == 0);
        }
    }

    private long watcherThreads() {
        String name = "pgqrs-sqlite-watch " + dir.resolve("wake.db").toAbsolutePath().normalize();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
    }
}
