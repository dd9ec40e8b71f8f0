package io.pgqrs.postgres;

import io.pgqrs.tck.CompatibilityKit;
import io.pgqrs.tck.StoreFixture;

/** The whole compatibility kit against Postgres. */
class PostgresTckTest extends CompatibilityKit {
    private final StoreFixture fixture = new PostgresFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
