package io.pgqrs.s3;

import io.pgqrs.Config;
import io.pgqrs.DurabilityMode;
import io.pgqrs.Pgqrs;
import io.pgqrs.testsupport.S3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Opens handles on one test object, each with its own cache directory as two processes would have, and looks at
 * the object directly. Closes every handle it opened.
 */
final class S3StoreHarness implements AutoCloseable {
    private final String key = S3Server.newKey("s3test");
    private final Path root;
    private final List<Pgqrs> opened = new ArrayList<>();
    private int handles;

    S3StoreHarness(Path root) {
        this.root = root;
        S3Server.get().proxy();
    }

    String dsn() {
        return S3Server.dsn(key);
    }

    /** @return a new handle with a cache directory of its own */
    Pgqrs open(DurabilityMode mode) {
        return open(mode, b -> b);
    }

    /** @return a new handle with a cache directory of its own and further settings */
    Pgqrs open(DurabilityMode mode, UnaryOperator<Config.Builder> settings) {
        Pgqrs p = Pgqrs.connect(settings.apply(Config.builder(dsn()).s3Mode(mode).s3CacheDir(root.resolve("cache" + ++handles))).build());
        opened.add(p);
        return p;
    }

    /** @return a new handle on the given cache directory */
    Pgqrs open(DurabilityMode mode, Path cacheDir) {
        Pgqrs p = Pgqrs.connect(Config.builder(dsn()).s3Mode(mode).s3CacheDir(cacheDir).build());
        opened.add(p);
        return p;
    }

    static S3Store s3(Pgqrs p) {
        return p.store().unwrap(S3Store.class).orElseThrow();
    }

    /** @return the object's ETag, or empty when it does not exist */
    Optional<String> remoteEtag() {
        try (S3Client c = S3Server.get().client()) {
            return Optional.of(c.headObject(b -> b.bucket(S3Server.BUCKET).key(key)).eTag());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** @return the object's size in bytes */
    long remoteSize() {
        try (S3Client c = S3Server.get().client()) {
            return c.headObject(b -> b.bucket(S3Server.BUCKET).key(key)).contentLength();
        }
    }

    void deleteRemote() {
        try (S3Client c = S3Server.get().client()) {
            c.deleteObject(b -> b.bucket(S3Server.BUCKET).key(key));
        }
    }

    /** @return the revision files ({@code cache*.sqlite}) in a cache directory */
    static List<Path> revisionFiles(Path cacheDir) {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(f -> f.getFileName().toString().matches("cache.*\\.sqlite")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        opened.forEach(Pgqrs::close);
        deleteRemote();
    }
}
