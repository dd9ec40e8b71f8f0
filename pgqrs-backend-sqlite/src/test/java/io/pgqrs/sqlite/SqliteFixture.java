package io.pgqrs.sqlite;

import io.pgqrs.Config;
import io.pgqrs.tck.StoreFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh SQLite file in its own temporary directory for every test. */
final class SqliteFixture implements StoreFixture {
    private Path dir;

    @Override
    public Config.Builder freshStore() {
        try {
            dir = Files.createTempDirectory("pgqrs-tck");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Config.builder("sqlite:" + dir.resolve("queue.db"));
    }

    @Override
    public void cleanUp() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
