package io.pgqrs.tck;

import io.pgqrs.Config;

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

    /** Removes what {@link #freshStore()} made, after the test that used it. Default: nothing. */
    default void cleanUp() {
    }
}
