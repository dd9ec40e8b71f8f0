package io.pgqrs.tck;

import static io.pgqrs.tck.TestEnvironment.awaitTrue;
import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pgqrs.Consumer;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.MessageFailure;
import io.pgqrs.PgqrsException;
import io.pgqrs.Producer;
import io.pgqrs.WorkerStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Dequeue, leases, settling and poll loops: a lease ends at {@code vt} and the message goes to the next consumer;
 * only the current holder settles a live message; a failing handler releases its batch with a back-off of
 * {@code 2^read_ct} seconds (at most 300) and the loop goes on.
 * When one fails, check the claim statement (eligibility, ordering, lease end) and the settle statements' holder checks.
 */
public abstract class ConsumerVerification extends Verification {

    private Producer producer(String q) {
        return pgqrs.producer(q);
    }

    /** Enqueue → dequeue (read_ct 1, holder, dequeued_at) → archive → archived 1, pending 0. */
    @Test
    public void t23_simpleLifecycle() {
        String q = newQueue();
        Message sent = producer(q).enqueue(Map.of("job", 1));
        Consumer c = pgqrs.consumer(q);
        Message got = c.dequeue(1).get(0);
        assertThat(got.id()).isEqualTo(sent.id());
        assertThat(got.readCt()).isEqualTo(1);
        assertThat(got.consumerWorkerId()).isEqualTo(c.id());
        assertThat(got.dequeuedAt()).isEqualTo(clock.instant());
        assertThat(got.vt()).isEqualTo(clock.instant().plus(pgqrs.config().defaultLockTime()));
        assertThat(c.archive(got.id())).isTrue();
        var m = admin.queueMetrics(q);
        assertThat(m.archivedMessages()).isEqualTo(1);
        assertThat(m.pendingMessages()).isZero();
        assertThat(c.dequeue(1)).isEmpty();
    }

    /** Archive, delete and extend of a message not held return false and change nothing. */
    @Test
    public void t24_settlingWhatIsNotHeldIsFalse() {
        String q = newQueue();
        Message m = producer(q).enqueue(Map.of("n", 1));
        Consumer holder = pgqrs.consumer(q);
        Consumer other = pgqrs.consumer(q);
        assertThat(other.archive(m.id())).isFalse();
        holder.dequeue(1);
        assertThat(other.archive(m.id())).isFalse();
        assertThat(other.delete(m.id())).isFalse();
        assertThat(other.extend(m.id(), Duration.ofSeconds(10))).isFalse();
        assertThat(other.release(List.of(m.id()))).isZero();
        assertThat(holder.archive(987654)).isFalse();
        Message now = producer(q).get(m.id());
        assertThat(now.consumerWorkerId()).isEqualTo(holder.id());
        assertThat(now.archivedAt()).isNull();
        assertThat(holder.archive(m.id())).isTrue();
        assertThat(holder.archive(m.id())).as("archiving twice").isFalse();
        assertThat(holder.extend(m.id(), Duration.ofSeconds(10))).as("extending an archived message").isFalse();
    }

    /** Batch settle calls return results aligned with their input. */
    @Test
    public void t41_batchResultsAligned() {
        String q = newQueue();
        producer(q).enqueueBatch(List.of(1, 2, 3, 4));
        Consumer c = pgqrs.consumer(q);
        List<Long> held = c.dequeue(3).stream().map(Message::id).toList();
        long notHeld = 987654;
        assertThat(c.archiveMany(List.of(held.get(0), notHeld, held.get(1)))).containsExactly(true, false, true);
        assertThat(c.deleteMany(List.of(notHeld, held.get(2)))).containsExactly(false, true);
        assertThat(c.archiveMany(List.of())).isEmpty();
        assertThat(c.deleteMany(List.of())).isEmpty();
        assertThat(admin.listDeadLetters(q)).isEmpty();
        assertThat(admin.queueMetrics(q).totalMessages()).isEqualTo(3);
    }

    /** When the lease ends the message goes to the next consumer; the old holder can no longer settle it. */
    @Test
    public void d1_messageReappearsAfterLease() {
        String q = newQueue();
        Message m = producer(q).enqueue(Map.of("n", 1));
        Consumer first = pgqrs.consumer(q);
        Consumer second = pgqrs.consumer(q);
        first.dequeue(1, Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(9));
        assertThat(second.dequeue(1)).as("lease still holds").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Message again = second.dequeue(1).get(0);
        assertThat(again.id()).isEqualTo(m.id());
        assertThat(again.readCt()).isEqualTo(2);
        assertThat(again.consumerWorkerId()).isEqualTo(second.id());
        assertThat(again.dequeuedAt()).as("first lease only").isEqualTo(m.enqueuedAt());
        assertThat(first.archive(m.id())).isFalse();
        assertThat(second.archive(m.id())).isTrue();
    }

    /** Extend moves vt forward from its old value by exactly the given seconds. */
    @Test
    public void t40_extendFromCurrentVt() {
        String q = newQueue();
        producer(q).enqueue(Map.of("n", 1));
        Consumer c = pgqrs.consumer(q);
        Message m = c.dequeue(1, Duration.ofSeconds(10)).get(0);
        assertThat(c.extend(m.id(), Duration.ofSeconds(25))).isTrue();
        assertThat(producer(q).get(m.id()).vt()).isEqualTo(m.vt().plusSeconds(25));
        clock.advance(Duration.ofSeconds(30));
        assertThat(pgqrs.consumer(q).dequeue(1)).as("still leased after extension").isEmpty();
    }

    /** Batches hold at most n and come oldest first. */
    @Test
    public void t46_fifoBatches() {
        String q = newQueue();
        List<Long> ids = producer(q).enqueueBatch(List.of(0, 1, 2, 3, 4, 5, 6)).stream().map(Message::id).toList();
        Consumer c = pgqrs.consumer(q);
        assertThat(c.dequeue(3)).extracting(Message::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(c.dequeue(10)).extracting(Message::id).containsExactlyElementsOf(ids.subList(3, 7));
    }

    /** A batch size of 0, a negative one, or one above the maximum is VALIDATION_FAILED and leases nothing. */
    @Test
    public void d3_badBatchSizes() {
        String q = newQueue();
        producer(q).enqueue(Map.of("n", 1));
        Consumer c = pgqrs.consumer(q);
        for (int n : new int[] {0, -1, pgqrs.config().defaultMaxBatchSize() + 1}) {
            assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> c.dequeue(n)).reason().orElseThrow()).contains(String.valueOf(n));
        }
        assertFails(ErrorKind.VALIDATION_FAILED, () -> c.dequeue(1, Duration.ZERO));
        assertThat(admin.queueMetrics(q).lockedMessages()).isZero();
    }

    /** Release gives messages back at once with read_ct kept. */
    @Test
    public void c13_release() {
        String q = newQueue();
        producer(q).enqueueBatch(List.of(1, 2));
        Consumer c = pgqrs.consumer(q);
        List<Long> ids = c.dequeue(2).stream().map(Message::id).toList();
        assertThat(c.release(ids)).isEqualTo(2);
        List<Message> again = pgqrs.consumer(q).dequeue(2);
        assertThat(again).extracting(Message::readCt).containsOnly(2);
    }

    /** After max_read_ct leases a message stops; dlq() archives it; replay brings it back. */
    @Test
    public void t37_deadLettersAndReplay() {
        String q = newQueue();
        Message m = producer(q).enqueue(Map.of("poison", true));
        Consumer c = pgqrs.consumer(q);
        int max = pgqrs.config().maxReadCt();
        for (int i = 0; i < max; i++) {
            assertThat(c.dequeue(1)).as("lease %d", i + 1).hasSize(1);
            c.release(List.of(m.id()));
        }
        assertThat(c.dequeue(1)).isEmpty();
        assertThat(admin.archiveDeadLetters()).containsExactly(m.id());
        assertThat(admin.listDeadLetters(q)).extracting(Message::id).containsExactly(m.id());
        assertThat(admin.replayDeadLetter(m.id())).hasValueSatisfying(r -> {
            assertThat(r.readCt()).isZero();
            assertThat(r.archivedAt()).isNull();
            assertThat(r.consumerWorkerId()).isNull();
            assertThat(r.dequeuedAt()).isNull();
        });
        assertThat(c.dequeue(1)).extracting(Message::id).containsExactly(m.id());
        assertThat(admin.replayDeadLetter(m.id())).as("replay of a live message").isEmpty();
    }

    /** A suspended consumer's dequeue is SUSPENDED and leases nothing; resumed, it works. */
    @Test
    public void t50_suspendedConsumerCannotFetch() {
        String q = newQueue();
        producer(q).enqueue(Map.of("n", 1));
        Consumer c = pgqrs.consumer(q);
        c.suspend();
        assertThat(assertFails(ErrorKind.SUSPENDED, () -> c.dequeue(1)).reason()).contains("worker suspended");
        assertThat(admin.queueMetrics(q).lockedMessages()).isZero();
        c.resume();
        assertThat(c.dequeue(1)).hasSize(1);
    }

    /** Poll with a timeout on an empty queue returns nothing and leaves the worker ready. */
    @Test
    public void t54_pollTimesOutEmpty() {
        String q = newQueue();
        Consumer c = pgqrs.consumer(q);
        assertThat(c.poll(5, Duration.ofMillis(300))).isEmpty();
        assertThat(c.status()).isEqualTo(WorkerStatus.READY);
    }

    /**
     * Poll returns a message enqueued while it waits, and the worker is ready afterwards.
     *
     * @throws Exception the failure of the background poll, or its timeout, as {@code Future.get} reports it
     */
    @Test
    public void t55_pollReturnsMessageEnqueuedWhileWaiting() throws Exception {
        String q = newQueue();
        Consumer c = pgqrs.consumer(q);
        CompletableFuture<List<Message>> polled = CompletableFuture.supplyAsync(() -> c.poll(1, TestEnvironment.timeout(Duration.ofSeconds(20))));
        awaitTrue("the consumer to be polling", Duration.ofSeconds(10), () -> c.status() == WorkerStatus.POLLING);
        Message m = producer(q).enqueue(Map.of("n", 1));
        assertThat(polled.get(TestEnvironment.timeout(Duration.ofSeconds(20)).toMillis(), TimeUnit.MILLISECONDS))
                .extracting(Message::id).containsExactly(m.id());
        assertThat(c.status()).isEqualTo(WorkerStatus.READY);
    }

    /**
     * A poll loop archives what it handles and exits SUSPENDED when interrupted.
     *
     * @throws Exception the failure of the background poll, or its timeout, as {@code Future.get} reports it
     */
    @Test
    public void t57_pollLoopHandlesUntilInterrupted() throws Exception {
        String q = newQueue();
        producer(q).enqueueBatch(List.of(1, 2, 3, 4, 5));
        Consumer c = pgqrs.consumer(q);
        Set<Long> handled = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> c.poll(2, batch -> batch.forEach(m -> handled.add(m.id()))));
        awaitTrue("5 messages archived", Duration.ofSeconds(20), () -> admin.queueMetrics(q).archivedMessages() == 5);
        c.interrupt();
        Throwable end = loop.handle((ok, err) -> err).get(TestEnvironment.timeout(Duration.ofSeconds(20)).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(end).isNotNull().hasCauseInstanceOf(PgqrsException.class);
        assertThat(((PgqrsException) end.getCause()).reason()).contains("worker interrupted");
        assertThat(handled).hasSize(5);
        assertThat(c.status()).isEqualTo(WorkerStatus.SUSPENDED);
    }

    /**
     * A failing handler releases the batch with back-off 2^read_ct s, and the loop goes on.
     *
     * @throws Exception the failure of the background poll, or its timeout, as {@code Future.get} reports it
     */
    @Test
    public void d10_handlerFailureReleasesWithBackoff() throws Exception {
        String q = newQueue();
        Message m = producer(q).enqueue(Map.of("n", 1));
        Consumer c = pgqrs.consumer(q);
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> c.poll(1, batch -> {
            calls.incrementAndGet();
            throw new IllegalStateException("boom");
        }));
        awaitTrue("the failed message to be released", Duration.ofSeconds(20),
                () -> calls.get() == 1 && producer(q).get(m.id()).consumerWorkerId() == null);
        Message released = producer(q).get(m.id());
        assertThat(released.readCt()).isEqualTo(1);
        assertThat(released.vt()).isEqualTo(clock.instant().plusSeconds(2));
        assertThat(released.archivedAt()).isNull();
        assertThat(c.status()).as("the loop goes on").isEqualTo(WorkerStatus.POLLING);
        c.interrupt();
        assertThat(loop.handle((ok, err) -> err).get(TestEnvironment.timeout(Duration.ofSeconds(20)).toMillis(), TimeUnit.MILLISECONDS))
                .isNotNull();
        assertThat(calls).hasValue(1);
    }

    /** A consumer re-attached by worker id (another process, a restart) settles what the first handle leased. */
    @Test
    public void attachedConsumerSettlesEarlierLeases() {
        String q = newQueue();
        producer(q).enqueueBatch(List.of(1, 2));
        Consumer first = pgqrs.consumer(q);
        List<Message> held = first.dequeue(2);
        Consumer again = connect(b -> b).attachConsumer(first.id());
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.queueName()).contains(q);
        assertThat(again.archive(held.get(0).id())).isTrue();
        assertThat(again.delete(held.get(1).id())).isTrue();
        assertThat(assertFails(ErrorKind.WORKER_NOT_FOUND, () -> pgqrs.attachConsumer(987654)).id()).hasValue(987654);
        long adminId = admin.registerAdmin("ops").id();
        assertFails(ErrorKind.VALIDATION_FAILED, () -> pgqrs.attachConsumer(adminId));
    }

    /** The admin reads any message by id; an unknown id is NOT_FOUND. */
    @Test
    public void a8_adminReadsMessageById() {
        String q = newQueue();
        Message m = producer(q).enqueue(Map.of("n", 1));
        assertThat(admin.getMessage(m.id())).isEqualTo(m);
        assertThat(assertFails(ErrorKind.NOT_FOUND, () -> admin.getMessage(987654)).id()).hasValue(987654);
    }

    /** Closing a consumer releases what it holds, and stops the worker. */
    @Test
    public void closeReleasesHeldMessages() {
        String q = newQueue();
        producer(q).enqueueBatch(List.of(1, 2));
        Consumer c = pgqrs.consumer(q);
        assertThat(c.dequeue(2)).hasSize(2);
        c.close();
        assertThat(c.status()).isEqualTo(WorkerStatus.STOPPED);
        assertThat(pgqrs.consumer(q).dequeue(2)).hasSize(2);
    }

    /**
     * A failed message is retried later or made a dead letter by its holder only, with the failure recorded; the
     * failures go when the message is deleted. When it fails, check the dead-letter update (archived, {@code read_ct}
     * raised to the threshold, holder check) and that failures are written in the same transaction as the release.
     */
    @Test
    public void failedMessagesAreRetriedLaterOrDeadLetteredWithTheirFailures() {
        String q = newQueue();
        producer(q).enqueueBatch(List.of(1, 2));
        Consumer c = pgqrs.consumer(q);
        List<Message> got = c.dequeue(2);
        Message first = got.get(0);
        Message second = got.get(1);
        Consumer other = pgqrs.consumer(q);
        assertThat(other.retryLater(first, "not mine", Duration.ZERO)).as("retry by a non-holder").isFalse();
        assertThat(other.deadLetter(first, "not mine")).as("dead letter by a non-holder").isFalse();
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> c.retryLater(first, "x", Duration.ofMillis(500))).getMessage())
                .contains("whole number of seconds");
        assertThat(c.retryLater(first, "timeout talking to smtp", Duration.ofSeconds(30))).isTrue();
        assertThat(c.deadLetter(second, "bad address")).isTrue();
        assertThat(c.deadLetter(second, "again")).as("dead letter of an archived message").isFalse();

        Message waiting = admin.getMessage(first.id());
        assertThat(waiting.vt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(waiting.consumerWorkerId()).isNull();
        assertThat(waiting.readCt()).isEqualTo(1);
        assertThat(admin.listDeadLetters(q)).extracting(Message::id).containsExactly(second.id());
        assertThat(admin.getMessage(second.id()).readCt()).isEqualTo(pgqrs.config().maxReadCt());
        assertThat(admin.failures(first.id())).containsExactly(
                new MessageFailure(first.id(), 1, "timeout talking to smtp", clock.instant()));
        assertThat(admin.failures(second.id())).containsExactly(
                new MessageFailure(second.id(), 1, "bad address", clock.instant()));
        assertThat(admin.failures(987654)).isEmpty();
        assertThat(admin.lastFailures(List.of(first.id(), second.id(), 987654L))).as("one read for a page").containsOnly(
                Map.entry(first.id(), new MessageFailure(first.id(), 1, "timeout talking to smtp", clock.instant())),
                Map.entry(second.id(), new MessageFailure(second.id(), 1, "bad address", clock.instant())));

        assertThat(c.dequeue(2)).as("nothing visible before the retry delay").isEmpty();
        clock.advance(Duration.ofSeconds(30));
        Message retried = c.dequeue(2).get(0);
        assertThat(retried.id()).isEqualTo(first.id());
        assertThat(retried.readCt()).isEqualTo(2);
        assertThat(c.delete(retried.id())).isTrue();
        assertThat(admin.failures(first.id())).as("failures of a deleted message").isEmpty();
    }

    /**
     * A one-shot dequeue leaves no active worker: a call that fetched nothing, or whose messages all went back to the
     * queue, leaves no row, one that fetched stops its row and keeps the lease, which an attached handle settles;
     * handler runs archive on success and release and rethrow on failure.
      *
      * @throws Exception what a handler run by a one-shot dequeue threw, other than the failure the test provokes
     */
    @Test
    public void oneShotDequeueLeavesNoActiveWorker() throws Exception {
        String q = newQueue();
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> Pgqrs.dequeue().fetchOne(pgqrs)).getMessage())
                .contains("Queue name is required");
        assertThat(Pgqrs.dequeue().from(q).fetchOne(pgqrs)).isEmpty();
        assertThat(admin.listWorkers(q)).as("rows left by a call that fetched nothing").isEmpty();

        producer(q).enqueueBatch(List.of(1, 2, 3, 4));
        Message got = Pgqrs.dequeue().from(q).fetchOne(pgqrs).orElseThrow();
        assertThat(admin.worker(got.consumerWorkerId()).status()).isEqualTo(WorkerStatus.STOPPED);
        assertThat(pgqrs.attachConsumer(got.consumerWorkerId()).archive(got.id())).as("settled later").isTrue();

        assertThat(Pgqrs.dequeue().from(q).handle(m -> { }).execute(pgqrs)).isTrue();
        long rows = admin.listWorkers(q).size();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(catchThrowable(() -> Pgqrs.dequeue().from(q).handle(m -> {
            throw boom;
        }).execute(pgqrs))).isSameAs(boom);
        assertThat(admin.listWorkers(q)).as("rows left by a call whose message went back to the queue").hasSize((int) rows);
        assertThat(Pgqrs.dequeue().from(q).batch(5).fetchAll(pgqrs)).as("the failed one is back at once, with the rest")
                .extracting(m -> m.payload().asInt()).containsExactly(3, 4);
        assertThat(admin.listWorkers(q).stream().filter(w -> w.name().startsWith("__ephemeral__"))
                .filter(w -> w.status() != WorkerStatus.STOPPED)).as("active one-shot workers after the calls").isEmpty();

        assertFails(ErrorKind.VALIDATION_FAILED, () -> Pgqrs.dequeue().from(q).batch(2).handle(m -> { }).execute(pgqrs));
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED,
                () -> Pgqrs.dequeue().from(q).until(Duration.ofSeconds(1)).handle(m -> { }).poll(pgqrs)).getMessage())
                .contains("until() is not supported");
    }

    /** releaseAt, completePoll and a consumer with its own clock. */
    @Test
    public void releaseAtCompletePollAndOwnClock() {
        String q = newQueue();
        producer(q).enqueue(Map.of("n", 1));
        Consumer c = pgqrs.consumer(q);
        Message m = c.dequeue(1).get(0);
        assertThat(c.releaseAt(m.id(), clock.instant().plusSeconds(90))).isTrue();
        assertThat(admin.getMessage(m.id()).vt()).isEqualTo(clock.instant().plusSeconds(90));
        assertThat(c.dequeue(1)).isEmpty();
        Consumer later = c.withClock(java.time.Clock.fixed(clock.instant().plusSeconds(90), java.time.ZoneOffset.UTC));
        assertThat(later.dequeue(1)).extracting(Message::id).containsExactly(m.id());
        assertThat(later.id()).isEqualTo(c.id());

        assertThat(c.poll(1, Duration.ZERO)).isEmpty();
        assertFails(ErrorKind.INVALID_STATE_TRANSITION, c::completePoll);
    }

    /** Postponing gives a message back for later and gives back its delivery: {@code read_ct} goes down by one. */
    @Test
    public void postponeGivesTheDeliveryBack() {
        String q = newQueue();
        producer(q).enqueue(Map.of("n", 1));
        Consumer c = pgqrs.consumer(q);
        Message m = c.dequeue(1).get(0);
        assertThat(pgqrs.consumer(q).postpone(m, Duration.ZERO)).as("postpone by a non-holder").isFalse();
        assertThat(c.postpone(m, Duration.ofMillis(29_500))).isTrue();
        Message waiting = admin.getMessage(m.id());
        assertThat(waiting.readCt()).isZero();
        assertThat(waiting.consumerWorkerId()).isNull();
        assertThat(waiting.vt()).as("rounded up to whole seconds").isEqualTo(clock.instant().plusSeconds(30));
        assertThat(c.postpone(m, Duration.ZERO)).as("postpone of a message no longer held").isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(c.dequeue(1)).singleElement().satisfies(again -> assertThat(again.readCt()).isEqualTo(1));
    }

    /**
     * Acknowledge-and-fetch archives what the consumer holds and leases the next messages in one call; ids it does not
     * hold are skipped, and a call with nothing to archive only fetches.
     */
    @Test
    public void archiveAndDequeueSettlesAndFetchesInOneCall() {
        String q = newQueue();
        producer(q).enqueueBatch(List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3)));
        Consumer c = pgqrs.consumer(q);
        Message first = c.dequeue(1).get(0);
        List<Message> next = c.archiveAndDequeue(List.of(first.id()), 2, Duration.ofSeconds(30));
        assertThat(next).extracting(m -> m.payload().get("n").asInt()).containsExactly(2, 3);
        assertThat(admin.getMessage(first.id()).isArchived()).isTrue();
        assertThat(c.archiveAndDequeue(List.of(next.get(0).id(), 987_654_321L), 1, Duration.ofSeconds(30)))
                .as("nothing left to lease").isEmpty();
        assertThat(admin.getMessage(next.get(0).id()).isArchived()).isTrue();
        assertThat(admin.getMessage(next.get(1).id()).isArchived()).as("still leased, not named").isFalse();
        assertThat(pgqrs.consumer(q).archiveAndDequeue(List.of(next.get(1).id()), 1, Duration.ofSeconds(30)))
                .as("another consumer's message is not archived").isEmpty();
        assertThat(admin.getMessage(next.get(1).id()).isArchived()).isFalse();
        assertFails(ErrorKind.VALIDATION_FAILED, () -> c.archiveAndDequeue(List.of(), 0, Duration.ofSeconds(30)));
    }
}
