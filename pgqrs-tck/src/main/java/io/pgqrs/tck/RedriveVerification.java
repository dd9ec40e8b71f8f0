package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Consumer;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.PgqrsException;
import io.pgqrs.Producer;
import io.pgqrs.Redrive;
import io.pgqrs.RedriveFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dead-letter redrive: dead letters go back in line with their ids, {@code read_ct = 0} and an audit in their
 * headers; the limit, the filter and the rate are respected; a redrive can be stopped; bad requests move nothing. The
 * rate is measured on the kit's clock, which only moves when a test moves it, so no test waits for real seconds.
 * When a test fails, check {@code MessageTable.redrive}: it must change only rows that are still dead letters
 * (archived, {@code read_ct >= max_read_ct}) and replace their headers.
 */
public abstract class RedriveVerification extends Verification {

    /** Moved dead letters keep their ids and payloads, are live with read_ct 0, and their headers record the move. */
    @Test
    public void r1_redriveMovesDeadLettersBackInLine() {
        String q = newQueue();
        List<Message> dead = deadLetters(q, 3, EnqueueOptions.none().withHeader("trace", "t-1"));
        Message live = pgqrs.producer(q).enqueue(Map.of("live", true));
        Instant at = clock.instant();
        try (Redrive redrive = admin.redrive(q, 100, 1000)) {
            assertThat(redrive.queue()).isEqualTo(q);
            assertThat(redrive.expected()).isEqualTo(3);
            assertDone(redrive);
            assertThat(redrive.moved()).isEqualTo(3);
            assertThat(redrive.stopped()).isFalse();
            assertThat(redrive.failure()).isEmpty();
        }
        assertThat(admin.listDeadLetters(q)).isEmpty();
        for (Message before : dead) {
            Message after = admin.getMessage(before.id());
            assertThat(after.isArchived()).isFalse();
            assertThat(after.readCt()).isZero();
            assertThat(after.consumerWorkerId()).isNull();
            assertThat(after.payload()).isEqualTo(before.payload());
            assertThat(after.headers()).containsEntry("trace", "t-1")
                    .containsEntry("pgqrs-redriven-at", at.toString())
                    .containsEntry("pgqrs-redrive-count", "1")
                    .containsKey("pgqrs-redriven-by");
            assertThat(after.headers().get("pgqrs-redriven-by")).contains("pid " + ProcessHandle.current().pid());
        }
        assertThat(admin.getMessage(live.id()).headers()).as("live messages are not touched").isEmpty();
        try (Consumer c = pgqrs.consumer(q)) {
            assertThat(c.dequeue(10)).extracting(Message::id).as("deliverable again")
                    .containsExactlyInAnyOrder(dead.get(0).id(), dead.get(1).id(), dead.get(2).id(), live.id());
        }
    }

    /** A second redrive of the same message counts it. */
    @Test
    public void r2_redriveCountGrows() {
        String q = newQueue();
        Message m = deadLetters(q, 1, EnqueueOptions.none()).get(0);
        try (Redrive redrive = admin.redrive(q, 10, 100)) {
            assertDone(redrive);
        }
        try (Consumer c = pgqrs.consumer(q)) {
            Message again = c.dequeue(1).get(0);
            assertThat(c.deadLetter(again, "still failing")).isTrue();
        }
        clock.advance(Duration.ofMinutes(1));
        try (Redrive redrive = admin.redrive(q, 10, 100)) {
            assertDone(redrive);
            assertThat(redrive.moved()).isEqualTo(1);
        }
        Message after = admin.getMessage(m.id());
        assertThat(after.headers()).containsEntry("pgqrs-redrive-count", "2")
                .containsEntry("pgqrs-redriven-at", clock.instant().toString());
    }

    /** At most {@code limit} dead letters move, newest first; the rest stay dead. */
    @Test
    public void r3_limitIsRespected() {
        String q = newQueue();
        List<Message> dead = deadLetters(q, 5, EnqueueOptions.none());
        try (Redrive redrive = admin.redrive(q, 2, 1000)) {
            assertThat(redrive.expected()).isEqualTo(2);
            assertDone(redrive);
            assertThat(redrive.moved()).isEqualTo(2);
        }
        assertThat(admin.listDeadLetters(q)).extracting(Message::id)
                .containsExactlyInAnyOrder(dead.get(0).id(), dead.get(1).id(), dead.get(2).id());
    }

    /** A filter on when messages became dead letters keeps the others dead. */
    @Test
    public void r4_filterIsRespected() {
        String q = newQueue();
        List<Message> early = deadLetters(q, 2, EnqueueOptions.none());
        clock.advance(Duration.ofHours(1));
        Instant fixDeployed = clock.instant();
        clock.advance(Duration.ofMinutes(5));
        List<Message> late = deadLetters(q, 2, EnqueueOptions.none());
        try (Redrive redrive = admin.redrive(q, 100, 1000, RedriveFilter.all().deadLetteredAfter(fixDeployed))) {
            assertDone(redrive);
            assertThat(redrive.moved()).isEqualTo(2);
        }
        assertThat(admin.listDeadLetters(q)).extracting(Message::id)
                .containsExactlyInAnyOrder(early.get(0).id(), early.get(1).id());
        assertThat(admin.getMessage(late.get(0).id()).isArchived()).isFalse();
        try (Redrive redrive = admin.redrive(q, 100, 1000, RedriveFilter.all().deadLetteredBefore(fixDeployed))) {
            assertDone(redrive);
            assertThat(redrive.moved()).isEqualTo(2);
        }
        assertThat(admin.listDeadLetters(q)).isEmpty();
    }

    /** At most {@code rate} moves per second of the connection's clock: 2 per second moves 2, then 2 more a second later. */
    @Test
    public void r5_rateIsRespected() {
        String q = newQueue();
        deadLetters(q, 5, EnqueueOptions.none());
        try (Redrive redrive = admin.redrive(q, 5, 2)) {
            TestEnvironment.awaitTrue("the first second's 2 moves", Duration.ofSeconds(10), () -> redrive.moved() >= 2);
            assertThat(redrive.moved()).as("no more before the clock moves").isEqualTo(2);
            assertThat(redrive.isDone()).isFalse();
            clock.advance(Duration.ofSeconds(1));
            TestEnvironment.awaitTrue("the second second's 2 moves", Duration.ofSeconds(10), () -> redrive.moved() >= 4);
            assertThat(redrive.moved()).isEqualTo(4);
            assertThat(redrive.isDone()).isFalse();
            clock.advance(Duration.ofSeconds(1));
            assertDone(redrive);
            assertThat(redrive.moved()).isEqualTo(5);
        }
        assertThat(admin.listDeadLetters(q)).isEmpty();
    }

    /** stop() ends a redrive that waits for its rate, keeping what it moved and leaving the rest dead. */
    @Test
    public void r6_stopEndsTheRedrive() {
        String q = newQueue();
        deadLetters(q, 4, EnqueueOptions.none());
        Redrive redrive = admin.redrive(q, 100, 1);
        TestEnvironment.awaitTrue("the first move", Duration.ofSeconds(10), () -> redrive.moved() == 1);
        redrive.stop();
        assertDone(redrive);
        assertThat(redrive.stopped()).isTrue();
        assertThat(redrive.moved()).isEqualTo(1);
        redrive.close();
        assertThat(admin.listDeadLetters(q)).hasSize(3);
    }

    /** A rate or limit of 0 or less, a null filter or a missing queue is refused, and nothing moves. */
    @Test
    public void rb1_badRequestsRefused() {
        String q = newQueue();
        deadLetters(q, 2, EnqueueOptions.none());
        for (int rate : new int[] {0, -5}) {
            PgqrsException e = assertFails(ErrorKind.VALIDATION_FAILED, () -> admin.redrive(q, 10, rate));
            assertThat(e.field()).contains("rate");
            assertThat(e.getMessage()).contains("rate").contains(Integer.toString(rate));
        }
        PgqrsException limit = assertFails(ErrorKind.VALIDATION_FAILED, () -> admin.redrive(q, 0, 10));
        assertThat(limit.field()).contains("limit");
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> admin.redrive(q, 10, 10, null)).field()).contains("filter");
        assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> admin.redrive(uniqueQueue(), 10, 10));
        Instant t = clock.instant();
        PgqrsException range = assertFails(ErrorKind.VALIDATION_FAILED,
                () -> RedriveFilter.all().deadLetteredAfter(t).deadLetteredBefore(t));
        assertThat(range.field()).contains("deadLetteredBefore");
        assertThat(admin.listDeadLetters(q)).hasSize(2);
    }

    /** Archived messages that are not dead letters (handled ones) are not redriven. */
    @Test
    public void r7_onlyDeadLettersMove() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        Message handled = p.enqueue(Map.of("ok", true));
        try (Consumer c = pgqrs.consumer(q)) {
            c.dequeue(1);
            assertThat(c.archive(handled.id())).isTrue();
        }
        try (Redrive redrive = admin.redrive(q, 10, 100)) {
            assertDone(redrive);
            assertThat(redrive.moved()).isZero();
        }
        assertThat(admin.getMessage(handled.id()).isArchived()).isTrue();
    }

    /** Enqueues {@code n} messages and dead-letters them, oldest id first. */
    private List<Message> deadLetters(String q, int n, EnqueueOptions options) {
        Producer p = pgqrs.producer(q);
        List<Message> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(p.enqueue(Map.of("n", i), options));
        }
        try (Consumer c = pgqrs.consumer(q)) {
            for (Message m : c.dequeue(n)) {
                assertThat(c.deadLetter(m, "boom")).isTrue();
            }
        }
        assertThat(admin.listDeadLetters(q)).hasSizeGreaterThanOrEqualTo(n);
        return made;
    }

    private static void assertDone(Redrive redrive) {
        try {
            assertThat(redrive.await(TestEnvironment.timeout(Duration.ofSeconds(20)))).as("redrive ended in time").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the redrive", e);
        }
        assertThat(redrive.failure()).isEmpty();
    }
}
