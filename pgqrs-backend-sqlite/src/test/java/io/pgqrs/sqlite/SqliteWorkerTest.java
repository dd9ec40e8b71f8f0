package io.pgqrs.sqlite;

import io.pgqrs.tck.WorkerVerification;
import io.pgqrs.tck.StoreFixture;

class SqliteWorkerTest extends WorkerVerification {
    private final StoreFixture fixture = new SqliteFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
