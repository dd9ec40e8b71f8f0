package io.pgqrs.tck;

import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import java.util.Optional;

/**
 * The one thing a backend writes to run the kit: how to get a fresh, empty store.
 *
 * <pre>{@code
 * final class SqliteFixture implements StoreFixture {
 *     @Override
 *     public Config.Builder freshStore() {
 *         return Config.builder("sqlite:" + Files.createTempFile("tck", ".db"));
 *     }
 * }
 * }</pre>
 */
public interface StoreFixture {

    /**
     * @return a configuration builder for a store no other test uses (its own file, schema, bucket key …),
     *         not installed yet; the kit may change other settings before connecting
     */
    Config.Builder freshStore();

    /**
     * Makes what {@code writer} wrote visible to {@code reader}. The kit calls it when a test opens a second
     * connection (from the test's first connection to the new one) and before it reads on one connection what
     * another wrote. Backends whose connections share state only when asked (the S3 local mode: {@code sync()} on
     * the writer, {@code snapshot()} on the reader) do that here. Default: nothing, every write is visible at once.
     *
     * @param writer the connection that wrote
     * @param reader the connection that must see it
     */
    default void share(Pgqrs writer, Pgqrs reader) {
    }

    /**
     * The application's side of a store's database, for the kit's caller-transaction tests. A backend whose stores
     * have {@link io.pgqrs.Capability#CALLER_TRANSACTIONS} must supply it; the kit fails otherwise.
     *
     * @param store the configuration of a store {@link #freshStore()} made
     * @return plain connections to that store's database; empty (the default) for a backend without the capability
     */
    default Optional<CallerDatabase> callerDatabase(Config store) {
        return Optional.empty();
    }

    /** Removes what {@link #freshStore()} made, after the test that used it. Default: nothing. */
    default void cleanUp() {
    }
}
