package io.pgqrs.postgres;

import io.pgqrs.tck.WorkerVerification;
import io.pgqrs.tck.StoreFixture;

class PostgresWorkerTest extends WorkerVerification {
    private final StoreFixture fixture = new PostgresFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
