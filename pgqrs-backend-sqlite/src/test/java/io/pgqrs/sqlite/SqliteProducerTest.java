package io.pgqrs.sqlite;

import io.pgqrs.tck.ProducerVerification;
import io.pgqrs.tck.StoreFixture;

class SqliteProducerTest extends ProducerVerification {
    private final StoreFixture fixture = new SqliteFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
