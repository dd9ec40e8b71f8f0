package io.pgqrs.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import io.pgqrs.RunHandle;
import io.pgqrs.RunStatus;
import io.pgqrs.StepRecord;
import io.pgqrs.Workflow;
import io.pgqrs.WorkflowRun;
import io.pgqrs.WorkflowStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's "Durable workflows" examples, as written there, run (the first one's sleep shortened to none). */
class WorkflowReadmeExampleTest {
    record Order(int id, int cents) {
    }

    record Charge(String chargeId, int cents) {
    }

    record Receipt(String chargeId, String sentTo) {
    }

    @TempDir
    Path dir;

    private final AtomicInteger charges = new AtomicInteger();

    private Charge charge(Order order) {
        charges.incrementAndGet();
        return new Charge("ch_" + order.id(), order.cents());
    }

    private Receipt mail(Charge charge) {
        return new Receipt(charge.chargeId(), "customer@example.com");
    }

    @Test
    void readmeExampleRuns() {
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite:" + dir.resolve("shop.db"))) {
            pgqrs.admin().install();
            // README: Durable workflows
            Workflow<Order, Receipt> checkout = pgqrs.workflows().define("checkout", Order.class, Receipt.class, (ctx, order) -> {
                Charge charge = ctx.step("charge", Charge.class, () -> charge(order));    // recorded; never re-run once it succeeded
                ctx.sleep("cool-off", Duration.ZERO);                                     // durable: no thread waits
                return ctx.step("receipt", Receipt.class, () -> mail(charge));
            });
            try (QueueWorker worker = checkout.worker().concurrency(4).start()) {
                RunHandle<Receipt> run = checkout.trigger(new Order(42, 1999));           // run id = trigger message id
                Receipt receipt = run.result(Duration.ofSeconds(30));
                assertThat(receipt).isEqualTo(new Receipt("ch_42", "customer@example.com"));
            }
            assertThat(charges).hasValue(1);
        }
    }

    @Test
    void readmeManualLevelExampleRuns() {
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite:" + dir.resolve("manual.db"))) {
            pgqrs.admin().install();
            pgqrs.workflows().define("checkout", Order.class, Charge.class, (ctx, order) -> null);
            long runId = pgqrs.workflows().trigger("checkout", new Order(7, 250));
            Payments payments = this::charge;
            // README: Durable workflows, the manual level
            try (Consumer consumer = pgqrs.consumer("checkout")) {
                for (Message trigger : consumer.dequeue(10)) {
                    WorkflowRun run = pgqrs.workflows().open(trigger);
                    run.start();
                    WorkflowStep charge = run.acquireStep("charge");                             // STEP_NOT_READY, CANCELLED …
                    if (!charge.succeeded()) {
                        charge.complete(payments.charge(run.input(Order.class)));
                    }
                    run.complete(charge.output(Charge.class));
                    consumer.archive(trigger.id());
                }
            }
            assertThat(pgqrs.workflows().run(runId).orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(pgqrs.workflows().steps(runId)).singleElement().extracting(StepRecord::status).isEqualTo(RunStatus.SUCCESS);
            assertThat(charges).hasValue(1);
        }
    }

    /** The payment service of the README's manual example. */
    interface Payments {
        Charge charge(Order order);
    }
}
