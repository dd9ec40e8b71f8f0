package io.pgqrs.sqlite;

import io.pgqrs.tck.QueueVerification;
import io.pgqrs.tck.StoreFixture;

class SqliteQueueTest extends QueueVerification {
    private final StoreFixture fixture = new SqliteFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
