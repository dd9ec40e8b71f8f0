package io.pgqrs.spi;

import io.pgqrs.Config;
import java.util.Set;

/**
 * A storage backend, found with {@link java.util.ServiceLoader}. A backend jar registers its provider
 * both in {@code module-info.java} ({@code provides io.pgqrs.spi.StoreProvider with …}) and in
 * {@code META-INF/services/io.pgqrs.spi.StoreProvider}.
 *
 * <p>The constructor must do no I/O: every provider on the path is instantiated on each lookup.
 */
public interface StoreProvider {

    /**
     * @return the DSN schemes this provider serves, in lower case and without the colon,
     *         e.g. {@code Set.of("postgres", "postgresql")}
     */
    Set<String> schemes();

    /**
     * Opens a store for the configuration. The store need not be installed yet.
     *
     * @param config the configuration; its DSN has one of {@link #schemes()}
     * @return an open store, owned by the caller
     * @throws io.pgqrs.PgqrsException {@code INVALID_CONFIG} for a DSN this backend cannot parse,
     *         {@code CONNECTION_FAILED} when the store cannot be reached
     */
    Store open(Config config);
}
