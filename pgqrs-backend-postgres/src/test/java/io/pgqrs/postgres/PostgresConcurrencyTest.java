package io.pgqrs.postgres;

import io.pgqrs.tck.ConcurrencyVerification;
import io.pgqrs.tck.StoreFixture;

class PostgresConcurrencyTest extends ConcurrencyVerification {
    private final StoreFixture fixture = new PostgresFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
