package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static io.pgqrs.tck.TestEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgqrs.ErrorKind;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import io.pgqrs.RetryPolicy;
import io.pgqrs.RunHandle;
import io.pgqrs.RunRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.StepRecord;
import io.pgqrs.Workflow;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
}
