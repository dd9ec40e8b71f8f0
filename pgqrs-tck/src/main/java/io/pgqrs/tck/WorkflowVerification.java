package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static io.pgqrs.tck.TestEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgqrs.Consumer;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueWorker;
import io.pgqrs.RetryPolicy;
import io.pgqrs.RunHandle;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.StepRecord;
import io.pgqrs.Workflow;
import io.pgqrs.WorkflowRun;
import io.pgqrs.WorkflowStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Durable workflows on the backend, driven by a worker and the kit's clock (no sleeps: a durable sleep or a step retry
 * postpones the run until the clock is moved). Checks that a succeeded step never runs again, that waiting uses no
 * delivery, that a failing step is retried and then fails its run, that a cancel stops a run before its next step,
 * and that an ended run's redelivered trigger is settled without running user code. When it fails, check the
 * workflow ports (one run per trigger, guarded changes, steps that keep their outcome) and
 * {@code MessageTable.postpone} (which gives the delivery back).
 */
public abstract class WorkflowVerification extends Verification {
    /** An order to check out. @param id the order @param cents its amount */
    public record Order(int id, int cents) {
    }

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private int count(String what) {
        return calls.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private int calls(String what) {
        return calls.getOrDefault(what, new AtomicInteger()).get();
    }

    private Pgqrs fastPolling() {
        return connect(b -> b.pollInterval(Duration.ofMillis(20)));
    }

    private static RunStatus status(Pgqrs p, long runId) {
        return p.workflows().run(runId).map(RunRecord::status).orElse(null);
    }

    /** Steps run once; a durable sleep postpones the run until the clock passes it, using no delivery. */
    @Test
    public void wfa_stepsRunOnceAndSleepsWaitForTheClock() {
        Pgqrs p = fastPolling();
        String name = uniqueQueue();
        Workflow<Order, Integer> checkout = p.workflows().define(name, Order.class, Integer.class, (ctx, order) -> {
            int charged = ctx.step("charge", Integer.class, () -> {
                count("charge");
                return order.cents();
            });
            ctx.sleep("cool-off", Duration.ofMinutes(10));
            return ctx.step("receipt", Integer.class, () -> {
                count("receipt");
                return charged + 1;
            });
        });
        try (QueueWorker worker = checkout.worker().concurrency(1).start()) {
            RunHandle<Integer> run = checkout.trigger(new Order(42, 500));
            awaitTrue("the run asleep", Duration.ofSeconds(20), () -> worker.stats().postponed() == 1);
            assertThat(run.get()).as("result while asleep").isEmpty();
            assertThat(status(p, run.id())).isEqualTo(RunStatus.RUNNING);
            assertThat(p.workflows().steps(run.id())).extracting(StepRecord::stepName, StepRecord::status)
                    .containsExactly(tuple("charge", RunStatus.SUCCESS), tuple("cool-off", RunStatus.SUCCESS));

            clock.advance(Duration.ofMinutes(10));
            assertThat(run.result(TestEnvironment.timeout(Duration.ofSeconds(20)))).isEqualTo(501);
            assertThat(calls("charge")).as("charge runs").isEqualTo(1);
            assertThat(calls("receipt")).as("receipt runs").isEqualTo(1);
            awaitTrue("the trigger archived", Duration.ofSeconds(20), () -> p.admin().getMessage(run.id()).isArchived());
            assertThat(p.admin().getMessage(run.id()).readCt()).as("deliveries counted: the sleep gave its own back").isEqualTo(1);
            assertThat(checkout.runs(RunStatus.SUCCESS, 10)).extracting(RunRecord::messageId).containsExactly(run.id());
        }
    }

    /** A failing step is retried after its delay, then fails the run on its last attempt; the error is kept. */
    @Test
    public void wfb_failingStepIsRetriedThenFailsTheRun() {
        Pgqrs p = fastPolling();
        String name = uniqueQueue();
        Workflow<Order, Integer> flaky = p.workflows().define(name, Order.class, Integer.class, (ctx, order) ->
                ctx.step("charge", Integer.class, RetryPolicy.fixed(Duration.ofSeconds(30)).withMaxAttempts(2), () -> {
                    count("charge");
                    throw new IllegalStateException("card declined");
                }));
        try (QueueWorker worker = flaky.worker().concurrency(1).start()) {
            RunHandle<Integer> run = flaky.trigger(new Order(1, 100));
            awaitTrue("the first attempt failed", Duration.ofSeconds(20), () -> worker.stats().postponed() == 1);
            assertThat(calls("charge")).isEqualTo(1);
            assertThat(run.get()).isEmpty();
            clock.advance(Duration.ofSeconds(30));
            awaitTrue("the run failed", Duration.ofSeconds(20), () -> status(p, run.id()) == RunStatus.ERROR);
            assertThat(calls("charge")).as("attempts").isEqualTo(2);
            assertThat(assertFails(ErrorKind.EXECUTION_FAILED, run::get).getMessage()).contains("card declined");
            assertThat(p.workflows().steps(run.id())).singleElement().satisfies(s -> {
                assertThat(s.status()).isEqualTo(RunStatus.ERROR);
                assertThat(s.retryAt()).isNull();
                assertThat(s.retryCount()).isEqualTo(1);
            });
            awaitTrue("the trigger archived", Duration.ofSeconds(20), () -> p.admin().getMessage(run.id()).isArchived());
        }
    }

    /** A cancel lands while the run sleeps: the run ends CANCELLED before its next step, which never runs. */
    @Test
    public void wfc_cancelStopsTheRunBeforeItsNextStep() {
        Pgqrs p = fastPolling();
        String name = uniqueQueue();
        Workflow<Order, Integer> checkout = p.workflows().define(name, Order.class, Integer.class, (ctx, order) -> {
            ctx.step("charge", Integer.class, () -> count("charge"));
            ctx.sleep("wait", Duration.ofMinutes(1));
            return ctx.step("ship", Integer.class, () -> count("ship"));
        });
        RunHandle<Integer> notStarted = checkout.trigger(new Order(7, 1));
        assertThat(p.workflows().cancel(notStarted.id()).status()).as("cancel before any worker").isEqualTo(RunStatus.CANCELLING);
        try (QueueWorker worker = checkout.worker().concurrency(1).start()) {
            RunHandle<Integer> run = checkout.trigger(new Order(8, 1));
            awaitTrue("the run asleep", Duration.ofSeconds(20), () -> worker.stats().postponed() == 1);
            assertThat(p.workflows().cancel(run.id()).status()).isEqualTo(RunStatus.CANCELLING);
            clock.advance(Duration.ofMinutes(1));
            awaitTrue("both runs cancelled", Duration.ofSeconds(20), () -> status(p, run.id()) == RunStatus.CANCELLED
                    && status(p, notStarted.id()) == RunStatus.CANCELLED);
            assertFails(ErrorKind.CANCELLED, run::get);
            assertThat(calls("charge")).as("charge runs: only the second run started").isEqualTo(1);
            assertThat(calls("ship")).isZero();
            assertFails(ErrorKind.VALIDATION_FAILED, () -> p.workflows().cancel(run.id()));
        }
    }

    /** A redelivered trigger of an ended run is settled at once: user code does not run again. */
    @Test
    public void wfd_endedRunIsNotRunAgainOnRedelivery() {
        Pgqrs p = fastPolling();
        String name = uniqueQueue();
        Workflow<Order, Integer> once = p.workflows().define(name, Order.class, Integer.class,
                (ctx, order) -> count("body") + ctx.step("only", Integer.class, () -> order.id()));
        try (QueueWorker worker = once.worker().start()) {
            RunHandle<Integer> run = once.trigger(new Order(3, 1));
            assertThat(run.result(TestEnvironment.timeout(Duration.ofSeconds(20)))).isEqualTo(4);
            awaitTrue("the trigger archived", Duration.ofSeconds(20), () -> p.admin().getMessage(run.id()).isArchived());
            assertThat(p.admin().replayDeadLetter(run.id())).isPresent();
            awaitTrue("the replayed trigger settled", Duration.ofSeconds(20), () -> p.admin().getMessage(run.id()).isArchived());
            assertThat(calls("body")).isEqualTo(1);
            assertThat(run.result(Duration.ZERO)).isEqualTo(4);
        }
    }

    /** Bad input: a second definition, a null input, an unknown run, a bad step name, a negative sleep, a timeout. */
    @Test
    public void wfe_badInputIsRefusedClearly() {
        Pgqrs p = fastPolling();
        String name = uniqueQueue();
        Workflow<Order, Integer> wf = p.workflows().define(name, Order.class, Integer.class, (ctx, order) -> {
            if (order.id() == 1) {
                ctx.step("", Integer.class, () -> 1);
            }
            ctx.sleep("negative", Duration.ofSeconds(-1));
            return 0;
        });
        assertFails(ErrorKind.WORKFLOW_ALREADY_EXISTS, () -> p.workflows().define(name, Order.class, Integer.class, (c, o) -> 0));
        String unicode = name + "_commande_été_注文";
        Workflow<Order, Integer> other = p.workflows().define(unicode, Order.class, Integer.class, (c, o) -> 0);
        assertThat(p.admin().getQueue(unicode).name()).as("a workflow's queue is named as it").isEqualTo(unicode);
        assertThat(other.trigger(new Order(1, 1)).record()).as("a run no worker has seen").isEmpty();
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> wf.trigger(null)).getMessage()).contains("input is required");
        assertFails(ErrorKind.WORKFLOW_NOT_FOUND, () -> p.workflows().cancel(987654));
        RunHandle<Integer> pending = wf.trigger(new Order(1, 1));
        assertFails(ErrorKind.TIMEOUT, () -> pending.result(Duration.ofMillis(50)));
        try (QueueWorker worker = wf.worker().start()) {
            RunHandle<Integer> negative = wf.trigger(new Order(2, 1));
            assertThat(assertFails(ErrorKind.EXECUTION_FAILED, () -> pending.result(TestEnvironment.timeout(Duration.ofSeconds(20))))
                    .getMessage()).contains("Step name is empty");
            assertThat(assertFails(ErrorKind.EXECUTION_FAILED, () -> negative.result(TestEnvironment.timeout(Duration.ofSeconds(20))))
                    .getMessage()).contains("must not be negative");
        }
    }

    /**
     * A paused run waits (PAUSED, with its reason) until resumed by hand, without the clock moving; the pause is not
     * repeated when the run goes on. A run is triggered by name, as a tool without the function would.
     */
    @Test
    public void wff_pausedRunGoesOnWhenResumed() {
        Pgqrs p = fastPolling();
        String name = uniqueQueue();
        Workflow<Order, Integer> review = p.workflows().define(name, Order.class, Integer.class, (ctx, order) -> {
            ctx.step("check", Integer.class, () -> count("check"));
            ctx.pause("approval", "waiting for a person", Duration.ofDays(1));
            return ctx.step("ship", Integer.class, () -> count("ship") + order.id());
        });
        assertFails(ErrorKind.WORKFLOW_NOT_FOUND, () -> p.workflows().trigger("no_such_workflow", Map.of("id", 1)));
        assertFails(ErrorKind.WORKFLOW_NOT_FOUND, () -> p.workflows().runs("no_such_workflow", null, 10));
        try (QueueWorker worker = review.worker().concurrency(1).start()) {
            long runId = p.workflows().trigger(name, Map.of("id", 5, "cents", 1));
            awaitTrue("the run paused", Duration.ofSeconds(20), () -> status(p, runId) == RunStatus.PAUSED);
            RunRecord paused = p.workflows().run(runId).orElseThrow();
            assertThat(paused.error().get("message").asText()).isEqualTo("waiting for a person");
            assertThat(paused.error().get("resume_after").asLong()).isEqualTo(86_400);
            assertThat(paused.pausedAt()).isEqualTo(clock.instant());
            assertThat(review.run(runId).get()).isEmpty();

            assertThat(p.workflows().runs(name, RunStatus.PAUSED, 10)).extracting(RunRecord::messageId).containsExactly(runId);
            assertThat(p.workflows().resume(runId).status()).isEqualTo(RunStatus.PAUSED);
            assertThat(review.run(runId).result(TestEnvironment.timeout(Duration.ofSeconds(20)))).isEqualTo(6);
            assertThat(review.run(runId).record().orElseThrow().error()).as("pause reason once resumed").isNull();
            assertThat(calls("check")).isEqualTo(1);
            assertThat(calls("ship")).isEqualTo(1);
            assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> p.workflows().resume(runId)).getMessage())
                    .contains("only a PAUSED run can be resumed");
            assertFails(ErrorKind.WORKFLOW_NOT_FOUND, () -> p.workflows().resume(987654));
        }
    }

    /** A value Jackson cannot write: its getter throws. */
    public static final class Unwritable {
        /** @return never: it throws */
        public int getValue() {
            throw new IllegalStateException("this value cannot be written");
        }
    }

    /** Void workflows and null step results work, and a worker fetching several triggers at once runs each as its own run. */
    @Test
    public void wfg_nullResultsAndBatchesOfRuns() {
        Pgqrs p = fastPolling();
        String name = uniqueQueue();
        Workflow<Order, Void> notify = p.workflows().define(name, Order.class, Void.class, (ctx, order) -> {
            String none = ctx.step("lookup", String.class, () -> {
                count("lookup-" + order.id());
                return null;
            });
            ctx.step("send", Void.class, () -> {
                count("send-" + order.id() + "-" + none);
                return null;
            });
            return null;
        });
        List<RunHandle<Void>> runs = IntStream.range(0, 8)
                .mapToObj(i -> notify.trigger(new Order(i, 1))).toList();
        try (QueueWorker worker = notify.worker().batch(4).concurrency(2).start()) {
            awaitTrue("all runs ended", Duration.ofSeconds(30), () -> notify.runs(RunStatus.SUCCESS, 100).size() == 8);
            for (RunHandle<Void> run : runs) {
                assertThat(run.result(Duration.ZERO)).isNull();
            }
        }
        for (int i = 0; i < 8; i++) {
            assertThat(calls("lookup-" + i)).as("lookup of order " + i).isEqualTo(1);
            assertThat(calls("send-" + i + "-null")).as("send of order " + i).isEqualTo(1);
        }
        assertThat(p.workflows().steps(runs.get(0).id())).extracting(StepRecord::stepName, s -> s.output().isNull())
                .containsExactly(tuple("lookup", true), tuple("send", true));
    }

    /**
     * A step that another execution of the same run recorded meanwhile (as after a lease ran out) is not run again:
     * this execution's next step write sees a step of the run it did not write, and the step is looked up before it
     * runs; its recorded result is what the workflow gets.
     */
    @Test
    public void wfk_stepRecordedByAnotherExecutionIsNotRunAgain() {
        Pgqrs p = fastPolling();
        String name = uniqueQueue();
        Workflow<Order, Integer> wf = p.workflows().define(name, Order.class, Integer.class, (ctx, order) -> {
            int one = ctx.step("one", Integer.class, () -> 1);
            int two = ctx.step("two", Integer.class, () -> {
                // The other execution: it records step three while this one runs step two.
                WorkflowRun other = p.workflows().open(p.admin().getMessage(ctx.runId()));
                other.acquireStep("three").complete(100);
                return 2;
            });
            return one + two + ctx.step("three", Integer.class, () -> count("three-" + order.id()));
        });
        RunHandle<Integer> run = wf.trigger(new Order(1, 1));
        try (QueueWorker worker = wf.worker().start()) {
            awaitTrue("the run ended", Duration.ofSeconds(30), () -> status(p, run.id()) == RunStatus.SUCCESS);
        }
        assertThat(calls("three-1")).as("step three's body, recorded by the other execution").isZero();
        assertThat(run.result(Duration.ZERO)).as("1 + 2 + the recorded 100").isEqualTo(103);
    }

    /**
     * Mistakes in a workflow fail its run with the reason and archive its trigger: a step name used twice, an
     * over-long step name, a step result Jackson cannot write. An input Jackson cannot write enqueues nothing, and an
     * id that is no run of the workflow is refused.
     */
    @Test
    public void wfh_mistakesFailTheRunWithTheReason() {
        Pgqrs p = fastPolling();
        String name = uniqueQueue();
        Workflow<Order, Integer> wf = p.workflows().define(name, Order.class, Integer.class, (ctx, order) -> switch (order.id()) {
            case 1 -> ctx.step("twice", Integer.class, () -> 1) + ctx.step("twice", Integer.class, () -> 2);
            case 2 -> ctx.step("x".repeat(256), Integer.class, () -> 1);
            default -> {
                ctx.step("unwritable", Unwritable.class, Unwritable::new);
                yield 0;
            }
        });
        assertThat(assertFails(ErrorKind.SERIALIZATION, () -> p.workflows().trigger(name, new Unwritable())).getMessage())
                .contains("workflow input");
        assertThat(p.admin().queueMetrics(name).totalMessages()).as("messages after a refused trigger").isZero();
        String other = p.admin().createQueue(uniqueQueue()).name();
        long foreign = p.producer(other).enqueue(Map.of("not", "a run")).id();
        assertFails(ErrorKind.WORKFLOW_NOT_FOUND, () -> wf.run(foreign).get());
        assertFails(ErrorKind.WORKFLOW_NOT_FOUND, () -> wf.run(987_654_321L).result(Duration.ofSeconds(1)));

        RunHandle<Integer> twice = wf.trigger(new Order(1, 1));
        RunHandle<Integer> longName = wf.trigger(new Order(2, 1));
        RunHandle<Integer> unwritable = wf.trigger(new Order(3, 1));
        try (QueueWorker worker = wf.worker().start()) {
            Duration wait = TestEnvironment.timeout(Duration.ofSeconds(20));
            assertThat(assertFails(ErrorKind.EXECUTION_FAILED, () -> twice.result(wait)).getMessage())
                    .contains("'twice' is used twice");
            assertThat(assertFails(ErrorKind.EXECUTION_FAILED, () -> longName.result(wait)).getMessage())
                    .contains("above the limit of 255 bytes");
            assertThat(assertFails(ErrorKind.EXECUTION_FAILED, () -> unwritable.result(wait)).getMessage())
                    .contains("cannot be written as JSON");
            for (RunHandle<Integer> run : List.of(twice, longName, unwritable)) {
                awaitTrue("trigger " + run.id() + " archived", Duration.ofSeconds(20), () -> p.admin().getMessage(run.id()).isArchived());
            }
        }
        assertThat(p.workflows().steps(twice.id())).as("the first 'twice' is recorded, once")
                .extracting(StepRecord::stepName).containsExactly("twice");
        assertThat(p.workflows().steps(unwritable.id())).as("an unwritable result is not recorded").isEmpty();
    }

    /**
     * A cancel that lands while the last step runs wins: the run ends CANCELLED, not SUCCESS. A step that pauses its
     * run uses no attempt (a one-attempt step pauses and then succeeds). A workflow's own step policy applies to its
     * steps.
     */
    @Test
    public void wfi_cancelDuringLastStepWinsAndPausesUseNoAttempt() {
        Pgqrs p = fastPolling();
        String name = uniqueQueue();
        Workflow<Order, Integer> wf = p.workflows().define(name, Order.class, Integer.class,
                RetryPolicy.fixed(Duration.ofSeconds(10)).withMaxAttempts(2), (ctx, order) -> switch (order.id()) {
                    case 1 -> ctx.step("last", Integer.class, () -> {
                        p.workflows().cancel(ctx.runId());
                        return 1;
                    });
                    case 2 -> ctx.step("approve", Integer.class, RetryPolicy.fixed(Duration.ofSeconds(1)).withMaxAttempts(1), () -> {
                        if (count("approve") == 1) {
                            throw PgqrsException.paused("needs a person", Duration.ofHours(1));
                        }
                        return 2;
                    });
                    default -> ctx.step("flaky", Integer.class, () -> {
                        count("flaky");
                        throw new IllegalStateException("down");
                    });
                });
        try (QueueWorker worker = wf.worker().concurrency(1).start()) {
            RunHandle<Integer> cancelled = wf.trigger(new Order(1, 1));
            awaitTrue("the run cancelled", Duration.ofSeconds(20), () -> status(p, cancelled.id()) == RunStatus.CANCELLED);
            assertFails(ErrorKind.CANCELLED, cancelled::get);

            RunHandle<Integer> paused = wf.trigger(new Order(2, 1));
            awaitTrue("the run paused", Duration.ofSeconds(20), () -> worker.stats().postponed() == 1);
            assertThat(status(p, paused.id())).isEqualTo(RunStatus.PAUSED);
            assertThat(p.workflows().run(paused.id()).orElseThrow().error().get("message").asText()).isEqualTo("needs a person");
            assertThat(p.workflows().steps(paused.id())).as("a pause is no failed attempt").isEmpty();
            clock.advance(Duration.ofHours(1));
            assertThat(paused.result(TestEnvironment.timeout(Duration.ofSeconds(20)))).isEqualTo(2);
            assertThat(calls("approve")).isEqualTo(2);

            RunHandle<Integer> flaky = wf.trigger(new Order(3, 1));
            awaitTrue("the first attempt failed", Duration.ofSeconds(20), () -> worker.stats().postponed() == 2);
            assertThat(calls("flaky")).isEqualTo(1);
            assertThat(p.workflows().steps(flaky.id()).get(0).retryAt()).as("the workflow's fixed 10 s")
                    .isEqualTo(clock.instant().plusSeconds(10));
            clock.advance(Duration.ofSeconds(10));
            awaitTrue("the run failed", Duration.ofSeconds(20), () -> status(p, flaky.id()) == RunStatus.ERROR);
            assertThat(calls("flaky")).as("attempts under the workflow's policy").isEqualTo(2);
        }
    }

    /** The manual level: a run driven from one's own consumer, step by step, with retries, a pause and cancels. */
    @Test
    public void wfj_manualLevelDrivesARunStepByStep() {
        Pgqrs p = fastPolling();
        String name = uniqueQueue();
        p.workflows().define(name, Order.class, Integer.class, (ctx, order) -> 0);
        long first = p.workflows().trigger(name, new Order(1, 500));
        long second = p.workflows().trigger(name, new Order(2, 1));
        try (Consumer consumer = p.consumer(name)) {
            List<Message> triggers = consumer.dequeue(2);
            assertThat(triggers).extracting(Message::id).containsExactly(first, second);

            WorkflowRun run = p.workflows().open(triggers.get(0));
            assertThat(run.id()).isEqualTo(first);
            assertThat(run.record().status()).isEqualTo(RunStatus.QUEUED);
            assertThat(run.start().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(run.start().status()).as("a second start, as on redelivery").isEqualTo(RunStatus.RUNNING);
            assertThat(run.record().input().get("cents").asInt()).isEqualTo(500);

            WorkflowStep charge = run.acquireStep("charge");
            assertThat(charge.succeeded()).isFalse();
            assertThat(charge.complete(500).status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(run.acquireStep("charge").output(Integer.class)).as("recorded result").isEqualTo(500);

            RetryPolicy twice = RetryPolicy.fixed(Duration.ofSeconds(30)).withMaxAttempts(2);
            StepRecord failed = run.acquireStep("mail").fail(new IllegalStateException("smtp down"), twice);
            assertThat(failed.retryAt()).isEqualTo(clock.instant().plusSeconds(30));
            PgqrsException notReady = assertFails(ErrorKind.STEP_NOT_READY, () -> run.acquireStep("mail"));
            assertThat(notReady.retryAt()).contains(clock.instant().plusSeconds(30));
            assertThat(notReady.count()).hasValue(1);
            clock.advance(Duration.ofSeconds(30));
            assertThat(run.acquireStep("mail").fail(new IllegalStateException("smtp still down"), twice).retryAt()).isNull();
            assertThat(assertFails(ErrorKind.RETRIES_EXHAUSTED, () -> run.acquireStep("mail")).count()).hasValue(2);

            assertThat(run.pause("approval", Duration.ofHours(1)).status()).isEqualTo(RunStatus.PAUSED);
            assertThat(run.refresh().error().get("resume_after").asLong()).isEqualTo(3600);
            assertThat(run.start().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(run.complete(7).output().asInt()).isEqualTo(7);
            assertThat(assertFails(ErrorKind.VALIDATION_FAILED, run::start).getMessage()).contains("terminal SUCCESS");
            assertFails(ErrorKind.VALIDATION_FAILED, run::cancel);

            WorkflowRun cancelled = p.workflows().open(triggers.get(1));
            cancelled.start();
            assertThat(cancelled.cancel().status()).isEqualTo(RunStatus.CANCELLING);
            assertFails(ErrorKind.CANCELLED, () -> cancelled.complete(1));
            assertThat(cancelled.record().status()).as("the cancel wins over complete").isEqualTo(RunStatus.CANCELLED);
            assertFails(ErrorKind.CANCELLED, () -> cancelled.acquireStep("any"));
            assertThat(consumer.archiveMany(List.of(first, second))).containsExactly(true, true);
        }
        String plain = p.admin().createQueue(uniqueQueue()).name();
        p.producer(plain).enqueue(Map.of("k", 1));
        try (Consumer consumer = p.consumer(plain)) {
            Message message = consumer.dequeue(1).get(0);
            assertFails(ErrorKind.WORKFLOW_NOT_FOUND, () -> p.workflows().open(message));
        }
        assertThat(p.workflows().run(first).orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
    }
}
