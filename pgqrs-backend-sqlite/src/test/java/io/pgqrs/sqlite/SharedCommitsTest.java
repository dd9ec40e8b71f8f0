package io.pgqrs.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgqrs.Config;
import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueRecord;
import io.pgqrs.internal.SharedCommits;
import io.pgqrs.spi.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes made while another commit is under way share the next one on SQLite, whose single writer takes one write
 * at a time; a write that fails in a shared transaction fails its own caller only.
 */
class SharedCommitsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final int FOLLOWERS = 6;

    @TempDir
    Path dir;
    private Pgqrs pgqrs;
    private Store store;
    private SharedCommits commits;
    private ExecutorService threads;

    @BeforeEach
    void open() throws Exception {
        pgqrs = Pgqrs.connect(Config.builder("sqlite:" + Files.createDirectories(dir).resolve("q.db")).build());
        pgqrs.admin().install();
        store = pgqrs.store();
        commits = new SharedCommits(store);
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        pgqrs.close();
    }

    @Test
    void writesWaitingForACommitShareTheNextOne() throws Exception {
        assertThat(store.takesOneWriteAtATime()).isTrue();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<QueueRecord> first = blockedFirstWrite(release);
        List<Thread> waiting = new ArrayList<>();
        List<CompletableFuture<QueueRecord>> followers = new ArrayList<>();
        for (int i = 0; i < FOLLOWERS; i++) {
            String name = "follower_" + i;
            followers.add(submit(waiting, () -> commits.write(() -> insert(name))));
        }
        awaitWaiting(waiting);
        release.countDown();

        assertThat(first.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).name()).isEqualTo("first");
        for (int i = 0; i < FOLLOWERS; i++) {
            assertThat(followers.get(i).get(DEADLINE.toSeconds(), TimeUnit.SECONDS).name()).isEqualTo("follower_" + i);
        }
        assertThat(commits.transactions()).as("the first write's transaction, then one for all the followers").isEqualTo(2);
        assertThat(store.queues().list()).hasSize(FOLLOWERS + 1);
    }

    @Test
    void aWriteThatFailsInASharedTransactionFailsItsCallerOnly() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<QueueRecord> first = blockedFirstWrite(release);
        List<Thread> waiting = new ArrayList<>();
        List<CompletableFuture<QueueRecord>> good = new ArrayList<>();
        for (int i = 0; i < FOLLOWERS; i++) {
            String name = "good_" + i;
            good.add(submit(waiting, () -> commits.write(() -> insert(name))));
        }
        CompletableFuture<QueueRecord> bad = submit(waiting, () -> commits.write(() -> {
            insert("bad");
            throw PgqrsException.validationFailed("this write fails after its insert");
        }));
        awaitWaiting(waiting);
        release.countDown();

        first.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        for (CompletableFuture<QueueRecord> each : good) {
            assertThat(each.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).name()).startsWith("good_");
        }
        assertThatThrownBy(() -> bad.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).hasCauseInstanceOf(PgqrsException.class)
                .cause().satisfies(e -> assertThat(((PgqrsException) e).kind()).isEqualTo(ErrorKind.VALIDATION_FAILED));
        assertThat(store.queues().findByName("bad")).as("the failed write's insert is undone").isEmpty();
        assertThat(store.queues().list()).hasSize(FOLLOWERS + 1);
        assertThat(commits.transactions()).as("first, the shared attempt, then each of the seven alone")
                .isEqualTo(1 + 1 + FOLLOWERS + 1);
    }

    /** A write that holds the commit under way until {@code release}, started once it runs. */
    private CompletableFuture<QueueRecord> blockedFirstWrite(CountDownLatch release) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<QueueRecord> first = CompletableFuture.supplyAsync(() -> commits.write(() -> {
            running.countDown();
            await(release);
            return insert("first");
        }), threads);
        assertThat(running.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("first write running").isTrue();
        return first;
    }

    private <T> CompletableFuture<T> submit(List<Thread> started, java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        started.add(thread);
        thread.start();
        return result;
    }

    /** Waits, with a deadline, until every thread waits for the commit under way. */
    private static void awaitWaiting(List<Thread> waiting) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!waiting.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            assertThat(System.nanoTime()).as("writers waiting for the commit under way").isLessThan(end);
            Thread.onSpinWait();
        }
    }

    private QueueRecord insert(String name) {
        return store.queues().insert(name, Instant.now()).orElseThrow();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
