package io.pgqrs.postgres;

import io.pgqrs.tck.QueueVerification;
import io.pgqrs.tck.StoreFixture;

class PostgresQueueTest extends QueueVerification {
    private final StoreFixture fixture = new PostgresFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
