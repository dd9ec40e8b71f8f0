package io.pgqrs.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import io.pgqrs.RunHandle;
import io.pgqrs.Workflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's "Durable workflows" example, as written there, runs (its sleep shortened to none). */
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
}
