package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.ConcurrencyModel;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueWorker;
import io.pgqrs.ScheduleFiring;
import io.pgqrs.ScheduleOptions;
import io.pgqrs.ScheduleRecord;
import io.pgqrs.ScheduleRunner;
import io.pgqrs.Schedules;
import io.pgqrs.ValidationConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Recurring schedules: upsert, list, pause and delete; each tick enqueued exactly once, whoever fires it; the
 * missed-ticks policies; firing from a runner and from a worker; bad input refused with nothing written. The kit's
 * clock starts at 2030-01-01T00:00:00Z and only moves when a test moves it. When a test fails, check that
 * {@code ScheduleTable.advance} is a compare-and-set on {@code next_run_at} decided by the database, that it joins
 * the transaction of the message insert, and that the store returns {@code next_run_at} exactly as it was given.
 */
public abstract class ScheduleVerification extends Verification {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final String EVERY_5_MINUTES = "*/5 * * * *";

    /** An upsert stores the definition and the first tick; a second upsert replaces it; delete removes it. */
    @Test
    public void s1_upsertGetListDelete() {
        String q = newQueue();
        ScheduleRecord made = pgqrs.schedules().upsert("nightly-report", "0 3 * * *", ZoneOffset.UTC, q,
                Map.of("kind", "daily"), ScheduleOptions.defaults().withHeader("team", "billing"));
        assertThat(made.name()).isEqualTo("nightly-report");
        assertThat(made.queueId()).isEqualTo(admin.getQueue(q).id());
        assertThat(made.cron()).isEqualTo("0 3 * * *");
        assertThat(made.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(made.payload().get("kind").asText()).isEqualTo("daily");
        assertThat(made.headers()).containsEntry("team", "billing");
        assertThat(made.catchUpTicks()).isEqualTo(1);
        assertThat(made.paused()).isFalse();
        assertThat(made.nextRunAt()).isEqualTo(Instant.parse("2030-01-01T03:00:00Z"));
        assertThat(made.lastRunAt()).isNull();
        assertThat(pgqrs.schedules().get("nightly-report")).contains(made);

        ScheduleRecord replaced = pgqrs.schedules().upsert("nightly-report", "0 3 * * *", ZoneOffset.UTC, q,
                Map.of("kind", "weekly"));
        assertThat(replaced.payload().get("kind").asText()).isEqualTo("weekly");
        assertThat(replaced.headers()).as("the headers are replaced with the definition").isEmpty();
        assertThat(pgqrs.schedules().list()).extracting(ScheduleRecord::name).containsExactly("nightly-report");
        pgqrs.schedules().upsert("a-first", EVERY_5_MINUTES, ZoneOffset.UTC, q, 1);
        assertThat(pgqrs.schedules().list()).extracting(ScheduleRecord::name).as("by name")
                .containsExactly("a-first", "nightly-report");

        assertThat(pgqrs.schedules().delete("nightly-report")).isTrue();
        assertThat(pgqrs.schedules().get("nightly-report")).isEmpty();
        assertThat(pgqrs.schedules().delete("nightly-report")).as("already gone").isFalse();
    }

    /** The expression is read in the schedule's zone: 03:00 in Paris in winter is 02:00 UTC. */
    @Test
    public void s2_zoneDecidesTheTick() {
        String q = newQueue();
        ScheduleRecord paris = pgqrs.schedules().upsert("paris", "0 3 * * *", ZoneId.of("Europe/Paris"), q, 1);
        assertThat(paris.nextRunAt()).isEqualTo(Instant.parse("2030-01-01T02:00:00Z"));
    }

    /** runDue enqueues one message when a tick passes, with the schedule's headers, and none again for that tick. */
    @Test
    public void s3_runDueFiresOncePerTick() {
        String q = newQueue();
        pgqrs.schedules().upsert("five", EVERY_5_MINUTES, ZoneOffset.UTC, q, Map.of("n", 1),
                ScheduleOptions.defaults().withHeader("team", "ops"));
        assertThat(pgqrs.schedules().runDue()).as("no tick has passed").isEmpty();
        clock.set(START.plus(Duration.ofMinutes(5)));
        List<ScheduleFiring> fired = pgqrs.schedules().runDue();
        assertThat(fired).hasSize(1);
        ScheduleFiring firing = fired.get(0);
        assertThat(firing.schedule()).isEqualTo("five");
        assertThat(firing.tick()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        Message m = admin.getMessage(firing.message().id());
        assertThat(m.queueId()).isEqualTo(admin.getQueue(q).id());
        assertThat(m.payload().get("n").asInt()).isEqualTo(1);
        assertThat(m.headers()).containsEntry("team", "ops").containsEntry(Schedules.SCHEDULE_HEADER, "five")
                .containsEntry(Schedules.TICK_HEADER, "2030-01-01T00:05:00Z");
        assertThat(pgqrs.schedules().runDue()).as("the tick fired already").isEmpty();
        clock.advance(Duration.ofMinutes(4));
        assertThat(pgqrs.schedules().runDue()).as("before the next tick").isEmpty();
        ScheduleRecord after = pgqrs.schedules().get("five").orElseThrow();
        assertThat(after.lastRunAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(after.nextRunAt()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(pgqrs.schedules().runDue()).extracting(ScheduleFiring::tick)
                .containsExactly(START.plus(Duration.ofMinutes(10)));
        assertThat(admin.listMessages(q)).hasSize(2);
    }

    /** By default, missed ticks are skipped: one message, for the latest tick that passed. */
    @Test
    public void s4_missedTicksSkippedByDefault() {
        String q = newQueue();
        pgqrs.schedules().upsert("skip", EVERY_5_MINUTES, ZoneOffset.UTC, q, 1);
        clock.set(START.plus(Duration.ofMinutes(23)));
        assertThat(pgqrs.schedules().runDue()).extracting(ScheduleFiring::tick)
                .containsExactly(START.plus(Duration.ofMinutes(20)));
        assertThat(pgqrs.schedules().get("skip").orElseThrow().nextRunAt()).isEqualTo(START.plus(Duration.ofMinutes(25)));
        assertThat(admin.listMessages(q)).hasSize(1);
    }

    /** With catch-up, missed ticks fire oldest first, but only the latest N of them. */
    @Test
    public void s5_catchUpIsBounded() {
        String q = newQueue();
        pgqrs.schedules().upsert("catch", EVERY_5_MINUTES, ZoneOffset.UTC, q, 1, ScheduleOptions.defaults().withCatchUp(3));
        clock.set(START.plus(Duration.ofMinutes(23)));
        List<ScheduleFiring> fired = pgqrs.schedules().runDue();
        assertThat(fired).extracting(ScheduleFiring::tick).as("00:05 was missed too, beyond the bound").containsExactly(
                START.plus(Duration.ofMinutes(10)), START.plus(Duration.ofMinutes(15)), START.plus(Duration.ofMinutes(20)));
        assertThat(fired).extracting(f -> f.message().headers().get(Schedules.TICK_HEADER))
                .containsExactly("2030-01-01T00:10:00Z", "2030-01-01T00:15:00Z", "2030-01-01T00:20:00Z");
        assertThat(admin.listMessages(q)).hasSize(3);
        assertThat(pgqrs.schedules().runDue()).isEmpty();
        ScheduleRecord after = pgqrs.schedules().get("catch").orElseThrow();
        assertThat(after.lastRunAt()).isEqualTo(START.plus(Duration.ofMinutes(20)));
        assertThat(after.nextRunAt()).isEqualTo(START.plus(Duration.ofMinutes(25)));
    }

    /** A paused schedule fires nothing; resumed, it starts from the first tick after the resume. */
    @Test
    public void s6_pauseAndResume() {
        String q = newQueue();
        pgqrs.schedules().upsert("p", EVERY_5_MINUTES, ZoneOffset.UTC, q, 1);
        assertThat(pgqrs.schedules().pause("p").paused()).isTrue();
        assertThat(pgqrs.schedules().pause("p").paused()).as("idempotent").isTrue();
        clock.set(START.plus(Duration.ofMinutes(12)));
        assertThat(pgqrs.schedules().runDue()).isEmpty();
        ScheduleRecord resumed = pgqrs.schedules().resume("p");
        assertThat(resumed.paused()).isFalse();
        assertThat(resumed.nextRunAt()).as("the ticks of the pause are not fired").isEqualTo(START.plus(Duration.ofMinutes(15)));
        assertThat(pgqrs.schedules().runDue()).isEmpty();
        assertThat(pgqrs.schedules().resume("p").nextRunAt()).as("resuming a running schedule changes nothing")
                .isEqualTo(START.plus(Duration.ofMinutes(15)));
        clock.set(START.plus(Duration.ofMinutes(15)));
        assertThat(pgqrs.schedules().runDue()).hasSize(1);
        assertThat(admin.listMessages(q)).hasSize(1);
    }

    /** Upserting the same expression keeps the pending tick (a restart loses nothing); a new expression moves it. */
    @Test
    public void s7_upsertKeepsThePendingTickUnlessTheExpressionChanges() {
        String q = newQueue();
        pgqrs.schedules().upsert("daily", "0 3 * * *", ZoneOffset.UTC, q, 1);
        clock.set(Instant.parse("2030-01-01T03:00:30Z"));
        ScheduleRecord again = pgqrs.schedules().upsert("daily", "0 3 * * *", ZoneOffset.UTC, q, 2);
        assertThat(again.nextRunAt()).isEqualTo(Instant.parse("2030-01-01T03:00:00Z"));
        assertThat(pgqrs.schedules().runDue()).extracting(f -> f.message().payload().asInt()).containsExactly(2);
        ScheduleRecord moved = pgqrs.schedules().upsert("daily", "30 4 * * *", ZoneOffset.UTC, q, 2);
        assertThat(moved.nextRunAt()).isEqualTo(Instant.parse("2030-01-01T04:30:00Z"));
        assertThat(moved.lastRunAt()).as("kept").isEqualTo(Instant.parse("2030-01-01T03:00:00Z"));
    }

    /**
     * Many threads (and, where the store is shared by processes, many connections) firing the same tick at once
     * enqueue one message. Check the compare-and-set of {@code ScheduleTable.advance} and its transaction.
     *
     * @throws Exception the failure of one of the test's threads, or its timeout, as {@code Future.get} reports it
     */
    @Test
    public void s8_concurrentFiringEnqueuesOnce() throws Exception {
        String q = newQueue();
        pgqrs.schedules().upsert("race", EVERY_5_MINUTES, ZoneOffset.UTC, q, 1);
        pgqrs.schedules().upsert("race-2", EVERY_5_MINUTES, ZoneOffset.UTC, q, 2);
        List<Pgqrs> firers = new ArrayList<>();
        firers.add(pgqrs);
        if (pgqrs.concurrencyModel() == ConcurrencyModel.MULTI_PROCESS) {
            for (int i = 0; i < 3; i++) {
                firers.add(connect(b -> b));
            }
        }
        for (int round = 1; round <= 3; round++) {
            clock.set(START.plus(Duration.ofMinutes(5L * round)));
            int threads = 8;
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<ScheduleFiring> fired = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Pgqrs firer = firers.get(t % firers.size());
                    tasks.add(pool.submit(() -> {
                        go.await();
                        fired.addAll(firer.schedules().runDue());
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> task : tasks) {
                    task.get(TestEnvironment.timeout(Duration.ofSeconds(60)).toMillis(), TimeUnit.MILLISECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(fired).as("round %d: one firing per schedule", round).extracting(ScheduleFiring::schedule)
                    .containsExactlyInAnyOrder("race", "race-2");
            seeOtherConnections();
            assertThat(admin.listMessages(q)).as("round %d: messages stored", round).hasSize(2 * round);
        }
    }

    /** A runner fires due schedules on its own thread; a worker built with runSchedules() does too and handles them. */
    @Test
    public void s9_runnerAndWorkerFire() {
        String q = newQueue();
        pgqrs.schedules().upsert("runner", EVERY_5_MINUTES, ZoneOffset.UTC, q, Map.of("via", "schedule"));
        try (ScheduleRunner runner = pgqrs.schedules().start(Duration.ofMillis(20))) {
            assertThat(runner.isRunning()).isTrue();
            clock.set(START.plus(Duration.ofMinutes(5)));
            TestEnvironment.awaitTrue("the runner to fire the 00:05 tick", Duration.ofSeconds(10), () -> runner.fired() == 1);
            assertThat(runner.lastFailure()).isEmpty();
        }
        assertThat(admin.listMessages(q)).hasSize(1);

        ConcurrentLinkedQueue<Message> handled = new ConcurrentLinkedQueue<>();
        try (QueueWorker worker = pgqrs.worker(q).handler(handled::add).runSchedules(Duration.ofMillis(20)).start()) {
            TestEnvironment.awaitTrue("the worker to handle the first message", Duration.ofSeconds(10), () -> handled.size() == 1);
            clock.set(START.plus(Duration.ofMinutes(10)));
            TestEnvironment.awaitTrue("the worker to fire and handle the 00:10 tick", Duration.ofSeconds(10),
                    () -> handled.size() == 2);
            assertThat(worker.isRunning()).isTrue();
        }
        assertThat(handled).extracting(m -> m.headers().get(Schedules.TICK_HEADER))
                .containsExactlyInAnyOrder("2030-01-01T00:05:00Z", "2030-01-01T00:10:00Z");
    }

    /** A cron expression that does not parse is refused naming the field, and nothing is written. */
    @Test
    public void sb1_unparsableCronRefused() {
        String q = newQueue();
        for (String bad : List.of("0 3 * *", "61 * * * *", "every day", "0 0 3 * * ?", "")) {
            PgqrsException e = assertFails(ErrorKind.VALIDATION_FAILED,
                    () -> pgqrs.schedules().upsert("bad", bad, ZoneOffset.UTC, q, 1));
            assertThat(e.field()).as("field for '%s'", bad).contains("cron");
            assertThat(e.getMessage()).contains("cron");
        }
        assertFails(ErrorKind.VALIDATION_FAILED, () -> pgqrs.schedules().upsert("bad", null, ZoneOffset.UTC, q, 1));
        assertThat(pgqrs.schedules().list()).isEmpty();
    }

    /** An unknown or missing zone is refused naming the field, and nothing is written. */
    @Test
    public void sb2_unknownZoneRefused() {
        String q = newQueue();
        PgqrsException unknown = assertFails(ErrorKind.VALIDATION_FAILED, () -> Schedules.zone("Mars/Olympus_Mons"));
        assertThat(unknown.field()).contains("zone");
        assertThat(unknown.getMessage()).contains("Mars/Olympus_Mons");
        assertThat(Schedules.zone("Europe/Paris")).isEqualTo(ZoneId.of("Europe/Paris"));
        PgqrsException missing = assertFails(ErrorKind.VALIDATION_FAILED,
                () -> pgqrs.schedules().upsert("nozone", "0 3 * * *", null, q, 1));
        assertThat(missing.field()).contains("zone");
        assertThat(pgqrs.schedules().list()).isEmpty();
    }

    /** A schedule for a queue that does not exist is QUEUE_NOT_FOUND, and nothing is written. */
    @Test
    public void sb3_missingQueueRefused() {
        PgqrsException e = assertFails(ErrorKind.QUEUE_NOT_FOUND,
                () -> pgqrs.schedules().upsert("orphan", "0 3 * * *", ZoneOffset.UTC, uniqueQueue(), 1));
        assertThat(e.getMessage()).contains("create it first");
        assertThat(pgqrs.schedules().list()).isEmpty();
    }

    /** Empty, over-long and invisible-character names, payloads an enqueue would refuse, a catch-up out of range. */
    @Test
    public void sb4_badNamesPayloadsAndOptionsRefused() {
        String q = newQueue();
        assertFails(ErrorKind.VALIDATION_FAILED, () -> pgqrs.schedules().upsert("", "0 3 * * *", ZoneOffset.UTC, q, 1));
        PgqrsException tooLong = assertFails(ErrorKind.VALIDATION_FAILED,
                () -> pgqrs.schedules().upsert("s".repeat(256), "0 3 * * *", ZoneOffset.UTC, q, 1));
        assertThat(tooLong.getMessage()).contains("256 bytes");
        assertFails(ErrorKind.VALIDATION_FAILED, () -> pgqrs.schedules().upsert("a b", "0 3 * * *", ZoneOffset.UTC, q, 1));
        Object notJson = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                throw new IllegalStateException("cannot serialize me");
            }
        };
        assertFails(ErrorKind.SERIALIZATION, () -> pgqrs.schedules().upsert("s", "0 3 * * *", ZoneOffset.UTC, q, notJson));
        Pgqrs small = connect(b -> b.validation(new ValidationConfig(100, 1024, 5, Set.of(), Set.of(), null, null)));
        assertFails(ErrorKind.PAYLOAD_TOO_LARGE, () -> small.schedules().upsert("s", "0 3 * * *", ZoneOffset.UTC, q,
                Map.of("data", "x".repeat(200))));
        PgqrsException catchUp = assertFails(ErrorKind.VALIDATION_FAILED, () -> ScheduleOptions.defaults().withCatchUp(0));
        assertThat(catchUp.field()).contains("catchUp");
        assertFails(ErrorKind.VALIDATION_FAILED, () -> ScheduleOptions.defaults().withCatchUp(ScheduleOptions.MAX_CATCH_UP_TICKS + 1));
        assertFails(ErrorKind.VALIDATION_FAILED, () -> pgqrs.schedules().start(Duration.ZERO));
        seeOtherConnections();
        assertThat(pgqrs.schedules().list()).isEmpty();
    }

    /** Pausing or resuming a missing schedule is NOT_FOUND; a queue a schedule targets cannot be deleted. */
    @Test
    public void sb5_missingScheduleAndTargetedQueue() {
        assertFails(ErrorKind.NOT_FOUND, () -> pgqrs.schedules().pause("nope"));
        assertFails(ErrorKind.NOT_FOUND, () -> pgqrs.schedules().resume("nope"));
        String q = newQueue();
        pgqrs.schedules().upsert("keeps-queue", "0 3 * * *", ZoneOffset.UTC, q, 1);
        PgqrsException e = assertFails(ErrorKind.VALIDATION_FAILED, () -> admin.deleteQueue(q));
        assertThat(e.getMessage()).contains("schedule");
        assertThat(admin.getQueue(q).name()).isEqualTo(q);
        pgqrs.schedules().delete("keeps-queue");
        admin.deleteQueue(q);
        assertFails(ErrorKind.QUEUE_NOT_FOUND, () -> admin.getQueue(q));
    }
}
