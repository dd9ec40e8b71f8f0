package io.pgqrs.sqlite;

import io.pgqrs.tck.CompatibilityKit;
import io.pgqrs.tck.StoreFixture;

/** The whole compatibility kit against Sqlite. */
class SqliteTckTest extends CompatibilityKit {
    private final StoreFixture fixture = new SqliteFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
