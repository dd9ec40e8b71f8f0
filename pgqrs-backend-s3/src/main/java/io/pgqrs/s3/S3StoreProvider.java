package io.pgqrs.s3;

import io.pgqrs.Config;
import io.pgqrs.s3.internal.CacheDirectory;
import io.pgqrs.s3.internal.S3Clients;
import io.pgqrs.s3.internal.S3Location;
import io.pgqrs.s3.internal.S3QueueStore;
import io.pgqrs.spi.Store;
import io.pgqrs.spi.StoreProvider;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Opens S3 stores for {@code s3://bucket/key}. Opening contacts no server: it parses the DSN, builds
 * the client from the {@code AWS_*} settings and locks the cache directory; the first operation fetches the object.
 * The store is an {@link S3Store}.
 */
public final class S3StoreProvider implements StoreProvider {

    /** Creates the provider; it does no I/O until {@link #open(Config)}. */
    public S3StoreProvider() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public Store open(Config config) {
        S3Location location = S3Location.parse(config.dsn());
        S3Client client = S3Clients.create(config, System.getenv());
        CacheDirectory dir;
        try {
            dir = CacheDirectory.open(config, System.getenv());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new S3QueueStore(config, location, client, dir);
    }
}
