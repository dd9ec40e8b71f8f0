package io.pgqrs.postgres;

import io.pgqrs.tck.ConsumerVerification;
import io.pgqrs.tck.StoreFixture;

class PostgresConsumerTest extends ConsumerVerification {
    private final StoreFixture fixture = new PostgresFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
