package io.pgqrs.postgres;

import io.pgqrs.tck.ProducerVerification;
import io.pgqrs.tck.StoreFixture;

class PostgresProducerTest extends ProducerVerification {
    private final StoreFixture fixture = new PostgresFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
