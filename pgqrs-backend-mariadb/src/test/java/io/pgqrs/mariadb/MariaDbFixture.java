package io.pgqrs.mariadb;

import io.pgqrs.Config;
import io.pgqrs.tck.StoreFixture;

/** A new database on the test server for every test, dropped afterwards. */
final class MariaDbFixture implements StoreFixture {
    private String dsn;

    @Override
    public Config.Builder freshStore() {
        dsn = MariaDbTestServer.newDatabase();
        return Config.builder(dsn).maxConnections(8);
    }

    @Override
    public void cleanUp() {
        MariaDbTestServer.dropDatabase(dsn);
    }
}
