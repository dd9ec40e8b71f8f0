package io.pgqrs.mariadb;

import io.pgqrs.Config;
import io.pgqrs.tck.MigrationVerification;
import io.pgqrs.tck.StoreFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Migrations on MariaDB: its first layout upgraded with rows intact, a newer schema refused, two installs racing
 * under {@code GET_LOCK}. MariaDB has no reference layout (the reference implementation has no MariaDB backend).
 */
class MariaDbMigrationTest extends MigrationVerification {
    private final StoreFixture fixture = new MariaDbFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }

    @Override
    protected List<String> firstLayout() {
        return MariaDbSchema.MIGRATIONS.get(0).statements();
    }

    @Override
    protected Connection connectDirectly(Config config) throws SQLException {
        return MariaDbTestServer.connect(config.dsn());
    }
}
