package io.pgqrs.mariadb;

import io.pgqrs.Config;
import io.pgqrs.tck.MigrationVerification;
import io.pgqrs.tck.StoreFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
    protected void execute(Config config, List<String> statements) {
        try (Connection c = MariaDbTestServer.connect(config.dsn()); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare " + config.dsn(), e);
        }
    }
}
