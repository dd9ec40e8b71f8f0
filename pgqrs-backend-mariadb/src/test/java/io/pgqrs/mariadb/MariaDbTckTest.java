package io.pgqrs.mariadb;

import io.pgqrs.tck.CompatibilityKit;
import io.pgqrs.tck.StoreFixture;

/** The whole compatibility kit against MariaDB, each test in a database of its own. */
class MariaDbTckTest extends CompatibilityKit {
    private final StoreFixture fixture = new MariaDbFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
