package io.pgqrs.dashboard;

import io.pgqrs.Pgqrs;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteDashboardApiTest extends DashboardApiVerification {
    @TempDir
    static Path dir;

    @Override
    Pgqrs connect() {
        return open("sqlite:" + dir.resolve("dashboard.db"));
    }
}
