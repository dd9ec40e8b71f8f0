package io.pgqrs.sqlite;

import io.pgqrs.tck.ConsumerVerification;
import io.pgqrs.tck.StoreFixture;

class SqliteConsumerTest extends ConsumerVerification {
    private final StoreFixture fixture = new SqliteFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
