package io.pgqrs.spring;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link ListenerEndToEndTest} on a SQLite file. */
class SqliteEndToEndTest extends ListenerEndToEndTest {
    @TempDir
    Path dir;

    @Override
    String dsn() {
        return "sqlite://" + dir.resolve("orders.db");
    }
}
