package io.pgqrs.tck;

import org.junit.jupiter.api.Nested;

/**
 * The whole kit in one class: extend it once, give it the fixture, and JUnit runs every verification class as a
 * nested group.
 *
 * <pre>{@code
 * class MyDbTckTest extends CompatibilityKit {
 *     private final StoreFixture fixture = new MyDbFixture();
 *
 *     @Override
 *     protected StoreFixture fixture() {
 *         return fixture;
 *     }
 * }
 * }</pre>
 *
 * To change one group (say a larger {@link ConcurrencyVerification#messageCount()}), extend that verification
 * class on its own instead.
 */
public abstract class CompatibilityKit {

    /** @return the backend's fixture, shared by every group */
    protected abstract StoreFixture fixture();

    /** Queues, install and verify, statistics. */
    @Nested
    class Queues extends QueueVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /** Enqueue and validation. */
    @Nested
    class Producers extends ProducerVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /** Message headers: round trip, defaults, bad names, the size cap. */
    @Nested
    class Headers extends HeadersVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /** Priorities and ordered groups: claim order, one message per group at a time, groups never blocking each other. */
    @Nested
    class Ordering extends OrderingVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /** Idempotency keys: duplicates, archive and window, batches, racing threads, bad keys. */
    @Nested
    class Idempotency extends IdempotencyVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /** Leases, settling, polling. */
    @Nested
    class Consumers extends ConsumerVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /** Worker lifecycle and health. */
    @Nested
    class Workers extends WorkerVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /** The store's transactions and the claim's state guard, on the ports directly. */
    @Nested
    class StoreContracts extends StoreVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /**
     * @return messages in the worker runtime's settlement test: 20 000, unless every write of the backend costs a
     *         round trip so long that it cannot settle them within the test's deadline (then say why where you lower it)
     */
    protected int runtimeMessageCount() {
        return 20_000;
    }

    /** The worker runtime: settlement by the retry policy, leases, shutdown. */
    @Nested
    class Runtime extends WorkerRuntimeVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }

        @Override
        protected int messageCount() {
            return runtimeMessageCount();
        }
    }

    /** Durable workflows: steps once, sleeps and retries by the clock, cancel, redelivery of ended runs. */
    @Nested
    class Workflows extends WorkflowVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /** Enqueue and settle in the application's own transaction, or the typed refusal where the backend cannot. */
    @Nested
    class CallerTransactions extends CallerTransactionVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /** Recurring schedules: upsert, pause, one enqueue per tick across threads and connections, missed ticks, bad input. */
    @Nested
    class Schedules extends ScheduleVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /** Dead-letter redrive: ids kept, read_ct reset, audit headers, limit, filter, rate, stop, bad requests. */
    @Nested
    class Redrives extends RedriveVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }

    /** Every message once under contention. */
    @Nested
    class Concurrency extends ConcurrencyVerification {
        @Override
        protected StoreFixture fixture() {
            return CompatibilityKit.this.fixture();
        }
    }
}
