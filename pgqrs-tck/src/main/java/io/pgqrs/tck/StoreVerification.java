package io.pgqrs.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.StepRecord;
import io.pgqrs.WorkflowRecord;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.spi.ArchivedAndClaimed;
import io.pgqrs.spi.NewMessage;
import io.pgqrs.spi.RecordedStep;
import io.pgqrs.spi.StartedRun;
import io.pgqrs.spi.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The store's own contracts that the library builds on, checked on the ports directly: what
 * {@link Store#inTransaction} must guarantee, and the claim's guard on the consumer's state. A backend can pass
 * every behaviour test of the other groups and still break these, because the library's rules only need them in
 * rare interleavings.
 */
public abstract class StoreVerification extends Verification {
    /** How long a transaction waits for another thread that a serializing backend keeps waiting until it commits. */
    private static final Duration HAND_OFF = Duration.ofMillis(500);

    private Store store() {
        return pgqrs.store();
    }

    private Instant now() {
        return clock.instant();
    }

    /**
     * A unit of work that throws leaves nothing behind: neither the queue it created nor the messages it enqueued.
     * When it fails, check that {@code inTransaction} runs the work on one connection in one database transaction
     * and rolls it back when the work throws.
     */
    @Test
    public void tx1_failingUnitOfWorkLeavesNothingBehind() {
        String q = uniqueQueue();
        long producer = pgqrs.producer(newQueue()).id();
        assertThatThrownBy(() -> store().inTransaction(() -> {
            long queueId = store().queues().insert(q, now()).orElseThrow().id();
            store().messages().insert(queueId, producer, List.of(new NewMessage("{\"n\":1}", null), new NewMessage("{\"n\":2}", null)), 0, now());
            throw new IllegalStateException("the unit of work fails");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the unit of work fails");

        assertThat(store().queues().findByName(q)).as("queue created by the failed unit").isEmpty();
    }

    /**
     * A nested unit of work that throws undoes only its own writes; the outer unit goes on and commits the rest.
     * When it fails, check that a nested {@code inTransaction} runs in a savepoint of the outer transaction and
     * rolls back to it, instead of rolling back everything or nothing.
     */
    @Test
    public void tx2_nestedFailureUndoesOnlyItsOwnPart() {
        String outer = uniqueQueue();
        String inner = uniqueQueue();
        String after = uniqueQueue();
        store().inTransaction(() -> {
            store().queues().insert(outer, now()).orElseThrow();
            assertThatThrownBy(() -> store().inTransaction(() -> {
                store().queues().insert(inner, now()).orElseThrow();
                throw new IllegalStateException("the nested unit fails");
            })).hasMessage("the nested unit fails");
            return store().queues().insert(after, now()).orElseThrow();
        });

        assertThat(store().queues().findByName(outer)).as("written before the nested unit").isPresent();
        assertThat(store().queues().findByName(inner)).as("written by the failed nested unit").isEmpty();
        assertThat(store().queues().findByName(after)).as("written after the nested unit").isPresent();
    }

    /**
     * While a unit of work is between two of its writes, another thread sees none of them; once it commits, both.
     * When it fails, check that the other threads' statements do not run on the transaction's connection and that
     * the store's isolation hides uncommitted rows (a backend that serializes everything may instead make the
     * other thread wait for the commit).
      *
      * @throws Exception the failure of one of the test's threads, or its timeout, as {@code Future.get} reports it
     */
    @Test
    public void tx3_otherThreadsNeverSeeHalfAUnitOfWork() throws Exception {
        String q = newQueue();
        long queueId = admin.getQueue(q).id();
        long producer = pgqrs.producer(q).id();
        CountDownLatch halfWritten = new CountDownLatch(1);
        CountDownLatch counted = new CountDownLatch(1);
        CompletableFuture<Long> seenMidway = CompletableFuture.supplyAsync(() -> {
            await(halfWritten, TestEnvironment.timeout(Duration.ofSeconds(30)));
            long count = store().messages().countByQueue(queueId);
            counted.countDown();
            return count;
        });
        store().inTransaction(() -> {
            store().messages().insert(queueId, producer, List.of(new NewMessage("{\"half\":1}", null)), 0, now());
            halfWritten.countDown();
            await(counted, HAND_OFF);
            return store().messages().insert(queueId, producer, List.of(new NewMessage("{\"half\":2}", null)), 0, now());
        });

        assertThat(seenMidway.get(TestEnvironment.timeout(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS))
                .as("messages another thread counted while the unit of work had written one of two").isIn(0L, 2L);
        assertThat(store().messages().countByQueue(queueId)).isEqualTo(2);
    }

    /**
     * Two threads' units of work are separate transactions: one that fails rolls back only its own writes, even
     * while the other is open. When it fails, check that each thread's {@code inTransaction} has its own
     * connection and transaction rather than one shared by the store.
      *
      * @throws Exception the failure of one of the test's threads, or its timeout, as {@code Future.get} reports it
     */
    @Test
    public void tx4_oneThreadsRollbackNeverUndoesAnothersWork() throws Exception {
        String kept = uniqueQueue();
        String undone = uniqueQueue();
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            await(firstWritten, TestEnvironment.timeout(Duration.ofSeconds(30)));
            try {
                store().inTransaction(() -> {
                    store().queues().insert(undone, now()).orElseThrow();
                    throw new IllegalStateException("the second unit fails");
                });
            } catch (IllegalStateException expected) {
                // The rollback under test.
            } finally {
                secondDone.countDown();
            }
        });
        store().inTransaction(() -> {
            store().queues().insert(kept, now()).orElseThrow();
            firstWritten.countDown();
            await(secondDone, HAND_OFF);
            return null;
        });
        second.get(TestEnvironment.timeout(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS);

        assertThat(store().queues().findByName(kept)).as("committed by the first thread").isPresent();
        assertThat(store().queues().findByName(undone)).as("rolled back by the second thread").isEmpty();
    }

    /**
     * The claim leases nothing to a consumer that is not {@code ready} or {@code polling} (suspended, interrupted
     * or stopped), even when it is called directly: the library relies on the claim to check the state in the
     * same statement, so that a consumer suspended by another process stops at once. When it fails, check the
     * claim's condition on the consumer's row.
     */
    @Test
    public void claimLeasesNothingToAConsumerThatIsNotReadyOrPolling() {
        String q = newQueue();
        long queueId = admin.getQueue(q).id();
        pgqrs.producer(q).enqueue(1);
        Consumer consumer = pgqrs.consumer(q);
        consumer.suspend();
        assertThat(store().messages().claim(queueId, consumer.id(), 10, 30, Integer.MAX_VALUE, now()))
                .as("leased to a suspended consumer").isEmpty();
        consumer.resume();
        assertThat(store().messages().claim(queueId, consumer.id(), 10, 30, Integer.MAX_VALUE, now()))
                .as("leased to the resumed consumer").hasSize(1);
    }

    /**
     * Archive and claim in one write: the consumer's held message is archived (another's is not) and the next ones are
     * leased to it, never one of the ids given, even when their leases ran out; a store without such a write answers empty and
     * changes nothing. When it fails, check {@code MessageTable.archiveAndClaim} against {@code archive} and
     * {@code claim}.
     */
    @Test
    public void archiveAndClaimInOneWriteDoesWhatBothCallsDo() {
        String q = newQueue();
        long queueId = admin.getQueue(q).id();
        long free = pgqrs.producer(q).enqueueBatch(List.of(1, 2, 3)).get(2).id();
        Consumer consumer = pgqrs.consumer(q);
        Consumer other = pgqrs.consumer(q);
        long held = consumer.dequeue(1).get(0).id();
        long othersHeld = other.dequeue(1).get(0).id();
        Instant leasesOver = now().plus(Duration.ofHours(1));

        Optional<ArchivedAndClaimed> done = store().messages().archiveAndClaim(consumer.id(), List.of(held, othersHeld),
                queueId, 5, 30, Integer.MAX_VALUE, leasesOver);
        if (done.isEmpty()) {
            assertThat(admin.getMessage(held).archivedAt()).as("no one-write form: nothing archived").isNull();
            return;
        }
        assertThat(done.get().archived()).as("only the consumer's own").containsExactly(held);
        assertThat(done.get().claimed()).extracting(Message::id).as("the free one; none of the ids given, though "
                + "their leases ran out").containsExactly(free);
        assertThat(done.get().claimed()).allSatisfy(m -> assertThat(m.consumerWorkerId()).isEqualTo(consumer.id()));
        assertThat(admin.getMessage(held).archivedAt()).isNotNull();

        Optional<ArchivedAndClaimed> next = store().messages().archiveAndClaim(consumer.id(),
                List.of(free), queueId, 5, 30, Integer.MAX_VALUE, leasesOver);
        assertThat(next).hasValueSatisfying(d -> {
            assertThat(d.archived()).containsExactly(free);
            assertThat(d.claimed()).extracting(Message::id).as("the other's, whose lease ran out, now not given")
                    .containsExactly(othersHeld);
        });
        Optional<ArchivedAndClaimed> nothingLeft = store().messages().archiveAndClaim(consumer.id(),
                List.of(othersHeld), queueId, 5, 30, Integer.MAX_VALUE, leasesOver);
        assertThat(nothingLeft).hasValueSatisfying(d -> {
            assertThat(d.archived()).containsExactly(othersHeld);
            assertThat(d.claimed()).as("nothing left to lease").isEmpty();
        });
    }

    /**
     * A closed store refuses work with a {@code PgqrsException} and writes nothing, rather than hanging, reopening
     * itself or failing with a driver's own exception. When it fails, check what your ports do after
     * {@link Store#close()}.
     */
    @Test
    public void closedStoreRefusesWorkAndWritesNothing() {
        String q = uniqueQueue();
        Pgqrs other = connect(b -> b);
        Store closed = other.store();
        other.close();
        assertThatThrownBy(() -> closed.queues().insert(q, now())).isInstanceOfSatisfying(PgqrsException.class,
                e -> assertThat(e.retryable()).as("retrying a closed store helps nothing: %s", e.getMessage()).isFalse());
        assertThat(store().queues().findByName(q)).as("queue written through a closed store").isEmpty();
    }

    private static void await(CountDownLatch latch, Duration limit) {
        try {
            latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private long triggerMessage(String queue) {
        return pgqrs.producer(queue).enqueue(Map.of("input", Map.of("order", 42))).id();
    }

    /** Workflow definitions are unique by name: a second insert of a name changes nothing and says so. */
    @Test
    public void wf1_workflowDefinitionsAreUniqueByName() {
        String q = newQueue();
        long queueId = admin.getQueue(q).id();
        WorkflowRecord made = store().workflows().insert("checkout_" + q, queueId, now()).orElseThrow();
        assertThat(made.name()).isEqualTo("checkout_" + q);
        assertThat(made.queueId()).isEqualTo(queueId);
        assertThat(made.createdAt()).isEqualTo(now());
        assertThat(store().workflows().insert("checkout_" + q, queueId, now())).as("second insert of the name").isEmpty();
        assertThat(store().workflows().findByName("checkout_" + q)).contains(made);
        assertThat(store().workflows().list()).contains(made);
        assertThat(store().workflows().findByName("missing")).isEmpty();
    }

    /** One run per trigger message, whoever materialises it first; listed by status. */
    @Test
    public void wf2_oneRunPerTriggerMessage() {
        String q = newQueue();
        long workflowId = store().workflows().insert("wf_" + q, admin.getQueue(q).id(), now()).orElseThrow().id();
        long message = triggerMessage(q);
        RunRecord run = store().runs().materialise(workflowId, message, "{\"order\":42}", now());
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.input()).isEqualTo(json("{\"order\":42}"));
        assertThat(run.messageId()).isEqualTo(message);
        assertThat(run.createdAt()).isEqualTo(now());
        assertThat(store().runs().materialise(workflowId, message, "{\"other\":1}", now())).as("again").isEqualTo(run);
        assertThat(store().runs().findByMessage(message)).contains(run);
        assertThat(store().runs().get(run.id())).contains(run);
        assertThat(store().runs().list(workflowId, RunStatus.QUEUED, 10)).containsExactly(run);
        assertThat(store().runs().list(workflowId, RunStatus.RUNNING, 10)).isEmpty();
        assertThat(store().runs().list(workflowId, null, 10)).containsExactly(run);
    }

    /**
     * A worker's materialise-and-start: a new run is created RUNNING with its start time; a queued one is started; a
     * cancelled one is left as it is.
     */
    @Test
    public void wf2b_materialiseStartedCreatesStartsOrLeaves() {
        String q = newQueue();
        long workflowId = store().workflows().insert("wf_" + q, admin.getQueue(q).id(), now()).orElseThrow().id();
        long fresh = triggerMessage(q);
        RunRecord created = store().runs().materialiseStarted(workflowId, fresh, "{\"order\":7}", now());
        assertThat(created.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(created.startedAt()).isEqualTo(now());
        assertThat(created.input()).isEqualTo(json("{\"order\":7}"));
        assertThat(store().runs().materialiseStarted(workflowId, fresh, null, now())).as("again").isEqualTo(created);

        long queued = triggerMessage(q);
        RunRecord waiting = store().runs().materialise(workflowId, queued, null, now());
        assertThat(store().runs().materialiseStarted(workflowId, queued, null, now())).satisfies(r -> {
            assertThat(r.id()).isEqualTo(waiting.id());
            assertThat(r.status()).isEqualTo(RunStatus.RUNNING);
        });

        long cancelled = triggerMessage(q);
        long cancelledRun = store().runs().materialise(workflowId, cancelled, null, now()).id();
        store().runs().cancel(cancelledRun, now()).orElseThrow();
        RunStatus before = store().runs().get(cancelledRun).orElseThrow().status();
        assertThat(store().runs().materialiseStarted(workflowId, cancelled, null, now()).status()).isEqualTo(before);
        assertThat(before).isIn(RunStatus.CANCELLING, RunStatus.CANCELLED);
        assertThat(store().runs().countByStatus(workflowId)).as("runs per state")
                .containsExactlyInAnyOrderEntriesOf(Map.of(RunStatus.RUNNING, 2L, before, 1L));
    }

    /**
     * Run status changes are guarded: start only from QUEUED or PAUSED, cancel only from a live state, and complete,
     * fail and pause never overwrite a cancel.
     */
    @Test
    public void wf3_runStatusChangesAreGuarded() {
        String q = newQueue();
        long workflowId = store().workflows().insert("wf_" + q, admin.getQueue(q).id(), now()).orElseThrow().id();
        long run = store().runs().materialise(workflowId, triggerMessage(q), null, now()).id();
        Instant started = now();
        assertThat(store().runs().start(run, started)).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(r.startedAt()).isEqualTo(started);
        });
        assertThat(store().runs().start(run, now())).as("start of a running run").isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(store().runs().pause(run, "{\"message\":\"wait\",\"resume_after\":60}", now())).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.PAUSED);
            assertThat(r.pausedAt()).isEqualTo(now());
            assertThat(r.error().get("resume_after").asInt()).isEqualTo(60);
        });
        clock.advance(Duration.ofSeconds(5));
        assertThat(store().runs().start(run, now())).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(r.startedAt()).as("first start kept").isEqualTo(started);
            assertThat(r.updatedAt()).isEqualTo(now());
        });
        assertThat(store().runs().cancel(run, now())).get().extracting(RunRecord::status).isEqualTo(RunStatus.CANCELLING);
        assertThat(store().runs().complete(run, "1", now())).as("complete over a cancel").isEmpty();
        assertThat(store().runs().fail(run, "\"x\"", now())).as("fail over a cancel").isEmpty();
        assertThat(store().runs().pause(run, "{}", now())).as("pause over a cancel").isEmpty();
        assertThat(store().runs().completeCancel(run, now())).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(r.completedAt()).isEqualTo(now());
        });
        assertThat(store().runs().cancel(run, now())).as("cancel of a cancelled run").isEmpty();
        assertThat(store().runs().completeCancel(run, now())).isEmpty();

        long other = store().runs().materialise(workflowId, triggerMessage(q), null, now()).id();
        assertThat(store().runs().complete(other, "{\"receipt\":7}", now())).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(r.output()).isEqualTo(json("{\"receipt\":7}"));
            assertThat(r.completedAt()).isEqualTo(now());
        });
        long failing = store().runs().materialise(workflowId, triggerMessage(q), null, now()).id();
        assertThat(store().runs().fail(failing, "\"boom\"", now())).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.ERROR);
            assertThat(r.error().asText()).isEqualTo("boom");
        });
    }

    /**
     * A step is acquired once: a succeeded or failed step keeps its outcome when acquired again, a step left running
     * (its worker died) restarts, and a scheduled retry is taken only once it is due.
     */
    @Test
    public void wf4_stepsKeepTheirOutcomeAndRetriesWaitUntilDue() {
        String q = newQueue();
        long workflowId = store().workflows().insert("wf_" + q, admin.getQueue(q).id(), now()).orElseThrow().id();
        long run = store().runs().materialise(workflowId, triggerMessage(q), null, now()).id();

        StepRecord charge = store().steps().acquire(run, "charge", now());
        assertThat(charge.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(charge.retryCount()).isZero();
        assertThat(charge.startedAt()).isEqualTo(now());
        assertThat(store().steps().complete(run, "charge", "{\"charge\":1}", now())).get()
                .extracting(StepRecord::status).isEqualTo(RunStatus.SUCCESS);
        assertThat(store().steps().complete(run, "charge", "{\"charge\":2}", now())).as("complete twice").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store().steps().acquire(run, "charge", now())).satisfies(s -> {
            assertThat(s.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(s.output()).isEqualTo(json("{\"charge\":1}"));
        });

        Instant firstStart = now();
        store().steps().acquire(run, "mail", now());
        clock.advance(Duration.ofSeconds(1));
        assertThat(store().steps().acquire(run, "mail", now()).startedAt()).as("a step left running restarts")
                .isEqualTo(firstStart.plusSeconds(1));
        Instant retryAt = now().plusSeconds(10);
        assertThat(store().steps().fail(run, "mail", "{\"is_transient\":true}", retryAt, now())).get().satisfies(s -> {
            assertThat(s.status()).isEqualTo(RunStatus.ERROR);
            assertThat(s.retryCount()).isEqualTo(1);
            assertThat(s.retryAt()).isEqualTo(retryAt);
        });
        assertThat(store().steps().acquire(run, "mail", now()).status()).as("acquire keeps the error").isEqualTo(RunStatus.ERROR);
        assertThat(store().steps().takeRetry(run, "mail", now())).as("retry not due").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(store().steps().takeRetry(run, "mail", now())).get().satisfies(s -> {
            assertThat(s.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(s.retryAt()).isNull();
            assertThat(s.error()).isNull();
            assertThat(s.retryCount()).isEqualTo(1);
        });
        assertThat(store().steps().fail(run, "mail", "{\"is_transient\":false}", null, now())).get().satisfies(s -> {
            assertThat(s.status()).isEqualTo(RunStatus.ERROR);
            assertThat(s.retryAt()).isNull();
            assertThat(s.completedAt()).isEqualTo(now());
        });
        assertThat(store().steps().takeRetry(run, "mail", now())).as("no retry scheduled").isEmpty();
        assertThat(store().steps().list(run)).extracting(StepRecord::stepName).containsExactly("charge", "mail");
    }

    /**
     * A step that succeeds at its first attempt is recorded in one write; a second record leaves the first result. The
     * write reports whether it wrote the step, the run's status and how many other steps the run has.
     */
    @Test
    public void wf5_firstSuccessIsRecordedOnce() {
        String q = newQueue();
        long workflowId = store().workflows().insert("wf_" + q, admin.getQueue(q).id(), now()).orElseThrow().id();
        long run = store().runs().materialise(workflowId, triggerMessage(q), null, now()).id();
        store().runs().start(run, now());
        assertThat(store().steps().find(run, "charge")).isEmpty();
        RecordedStep first = store().steps().recordSuccess(run, "charge", "{\"charge\":1}", now());
        StepRecord recorded = first.step();
        assertThat(recorded.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(recorded.output()).isEqualTo(json("{\"charge\":1}"));
        assertThat(recorded.completedAt()).isEqualTo(now());
        assertThat(first.written()).as("written by this call").isTrue();
        assertThat(first.runStatus()).isEqualTo(RunStatus.RUNNING);
        assertThat(first.otherSteps()).as("the run's other steps").isZero();

        RecordedStep again = store().steps().recordSuccess(run, "charge", "{\"charge\":2}", now());
        assertThat(again.step().output()).as("a second record").isEqualTo(json("{\"charge\":1}"));
        assertThat(again.written()).as("a second record writes nothing").isFalse();
        assertThat(again.otherSteps()).isZero();
        assertThat(store().steps().find(run, "charge")).contains(recorded);

        store().runs().cancel(run, now());
        RecordedStep afterCancel = store().steps().recordSuccess(run, "mail", "{\"mail\":1}", now());
        assertThat(afterCancel.written()).isTrue();
        assertThat(afterCancel.runStatus()).as("a cancel asked for meanwhile").isEqualTo(RunStatus.CANCELLING);
        assertThat(afterCancel.otherSteps()).as("charge").isEqualTo(1);
    }

    /**
     * A run and its first step in one write: the run is created RUNNING with its input and the step SUCCESS; for a run
     * that exists already nothing is written. A backend without such a write returns empty, and then writes nothing.
     */
    @Test
    public void wf5b_runStartsWithItsFirstStepInOneWrite() {
        String q = newQueue();
        long workflowId = store().workflows().insert("wf_" + q, admin.getQueue(q).id(), now()).orElseThrow().id();
        long message = triggerMessage(q);
        Optional<StartedRun> started = store().runs().startWithFirstStep(workflowId, message, "{\"n\":1}", "charge",
                "{\"charge\":1}", now());
        if (started.isEmpty()) {
            assertThat(store().runs().findByMessage(message)).as("no one-write start: nothing written").isEmpty();
            return;
        }
        RunRecord run = started.get().run();
        assertThat(run.messageId()).isEqualTo(message);
        assertThat(run.workflowId()).isEqualTo(workflowId);
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.input()).isEqualTo(json("{\"n\":1}"));
        assertThat(run.startedAt()).isEqualTo(now());
        RecordedStep step = started.get().firstStep();
        assertThat(step.written()).isTrue();
        assertThat(step.runStatus()).isEqualTo(RunStatus.RUNNING);
        assertThat(step.otherSteps()).isZero();
        assertThat(step.step().runId()).isEqualTo(run.id());
        assertThat(step.step().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(step.step().output()).isEqualTo(json("{\"charge\":1}"));
        assertThat(store().runs().findByMessage(message)).contains(run);
        assertThat(store().steps().find(run.id(), "charge")).contains(step.step());

        assertThat(store().runs().startWithFirstStep(workflowId, message, "{\"n\":2}", "other", "{}", now()))
                .as("the run exists").isEmpty();
        assertThat(store().steps().list(run.id())).extracting(StepRecord::stepName).containsExactly("charge");
        assertThat(store().runs().findByMessage(message)).contains(run);
    }

    /**
     * A step lookup reads the run's status now and the step together: the step only when it was recorded, a cancel as
     * soon as it was asked for, and nothing for a run that does not exist.
     */
    @Test
    public void wf6_stepLookupSeesTheRunStatusAndTheStep() {
        String q = newQueue();
        long workflowId = store().workflows().insert("wf_" + q, admin.getQueue(q).id(), now()).orElseThrow().id();
        long run = store().runs().materialise(workflowId, triggerMessage(q), null, now()).id();
        assertThat(store().runs().lookupStep(run, "charge")).hasValueSatisfying(l -> {
            assertThat(l.runStatus()).isEqualTo(RunStatus.QUEUED);
            assertThat(l.step()).isEmpty();
        });
        store().runs().start(run, now());
        StepRecord recorded = store().steps().recordSuccess(run, "charge", "{\"charge\":1}", now()).step();
        store().steps().recordSuccess(run, "mail", "{\"mail\":1}", now());
        assertThat(store().runs().lookupStep(run, "charge")).hasValueSatisfying(l -> {
            assertThat(l.runStatus()).isEqualTo(RunStatus.RUNNING);
            assertThat(l.step()).contains(recorded);
        });
        store().runs().cancel(run, now());
        assertThat(store().runs().lookupStep(run, "ship")).hasValueSatisfying(l -> {
            assertThat(l.runStatus()).isEqualTo(RunStatus.CANCELLING);
            assertThat(l.step()).isEmpty();
        });
        assertThat(store().runs().lookupStep(run + 1_000_000, "charge")).as("no such run").isEmpty();
    }
}
