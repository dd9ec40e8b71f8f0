package io.pgqrs.mariadb;

import io.pgqrs.tck.ConcurrencyVerification;
import io.pgqrs.tck.ConsumerVerification;
import io.pgqrs.tck.ProducerVerification;
import io.pgqrs.tck.QueueVerification;
import io.pgqrs.tck.StoreFixture;
import io.pgqrs.tck.WorkerVerification;
import org.junit.jupiter.api.Nested;

/** The whole compatibility kit against MariaDB, each test in a database of its own. */
class MariaDbTckTest {
    private final StoreFixture fixture = new MariaDbFixture();

    @Nested
    class Queues extends QueueVerification {
        @Override
        protected StoreFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Producers extends ProducerVerification {
        @Override
        protected StoreFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Consumers extends ConsumerVerification {
        @Override
        protected StoreFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Workers extends WorkerVerification {
        @Override
        protected StoreFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Concurrency extends ConcurrencyVerification {
        @Override
        protected StoreFixture fixture() {
            return fixture;
        }
    }
}
