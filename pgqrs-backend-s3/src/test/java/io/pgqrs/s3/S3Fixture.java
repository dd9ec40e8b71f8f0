package io.pgqrs.s3;

import io.pgqrs.Config;
import io.pgqrs.DurabilityMode;
import io.pgqrs.Pgqrs;
import io.pgqrs.tck.StoreFixture;
import io.pgqrs.testsupport.S3Server;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A fresh object key per test, reached through the JVM's one proxy ({@link S3Server#proxy()}, which makes racing PUTs
 * atomic, as on S3). Each connection gets its own cache directory under {@code PGQRS_S3_LOCAL_CACHE_DIR}. In local
 * mode, {@link #share} publishes the writer's copy and pulls it into the reader's.
 */
final class S3Fixture implements StoreFixture {
    private final DurabilityMode mode;
    private String key;

    S3Fixture(DurabilityMode mode) {
        this.mode = mode;
    }

    @Override
    public Config.Builder freshStore() {
        S3Server.get().proxy();
        key = S3Server.newKey("tck");
        return Config.builder(S3Server.dsn(key)).s3Mode(mode);
    }

    @Override
    public void share(Pgqrs writer, Pgqrs reader) {
        if (mode == DurabilityMode.LOCAL) {
            writer.store().unwrap(S3Store.class).orElseThrow().sync();
            reader.store().unwrap(S3Store.class).orElseThrow().snapshot();
        }
    }

    @Override
    public void cleanUp() {
        try (S3Client client = S3Server.get().client()) {
            client.deleteObject(b -> b.bucket(S3Server.BUCKET).key(key));
        }
    }
}
