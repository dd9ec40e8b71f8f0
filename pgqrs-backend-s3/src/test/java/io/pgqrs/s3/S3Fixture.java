package io.pgqrs.s3;

import io.pgqrs.Config;
import io.pgqrs.DurabilityMode;
import io.pgqrs.Pgqrs;
import io.pgqrs.tck.StoreFixture;
import io.pgqrs.testsupport.S3Proxy;
import io.pgqrs.testsupport.S3Server;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A fresh object key per test, reached through the JVM's one {@link S3Proxy} (which makes racing conditional PUTs
 * atomic, as on S3). Each connection gets its own cache directory under {@code PGQRS_S3_LOCAL_CACHE_DIR}. In local
 * mode, {@link #share} publishes the writer's copy and pulls it into the reader's.
 */
final class S3Fixture implements StoreFixture {
    private static S3Proxy proxy;

    private final DurabilityMode mode;
    private String key;

    S3Fixture(DurabilityMode mode) {
        this.mode = mode;
    }

    /** @return the proxy every store of this JVM talks to, started on first use */
    static synchronized S3Proxy proxy() {
        if (proxy == null) {
            proxy = new S3Proxy(S3Server.get().endpoint());
            S3Server.get().useFromThisJvm(proxy.endpoint());
        }
        return proxy;
    }

    @Override
    public Config.Builder freshStore() {
        proxy();
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
