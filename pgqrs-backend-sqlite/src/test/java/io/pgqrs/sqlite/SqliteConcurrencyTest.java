package io.pgqrs.sqlite;

import io.pgqrs.tck.ConcurrencyVerification;
import io.pgqrs.tck.StoreFixture;

class SqliteConcurrencyTest extends ConcurrencyVerification {
    private final StoreFixture fixture = new SqliteFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
