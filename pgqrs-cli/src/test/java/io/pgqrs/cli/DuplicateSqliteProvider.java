package io.pgqrs.cli;

import io.pgqrs.Config;
import io.pgqrs.spi.Store;
import io.pgqrs.spi.StoreProvider;
import java.util.Set;

/** A second provider claiming {@code sqlite}, to prove that two claimants fail loudly instead of first-wins. */
public final class DuplicateSqliteProvider implements StoreProvider {
    @Override
    public Set<String> schemes() {
        return Set.of("sqlite");
    }

    @Override
    public Store open(Config config) {
        throw new AssertionError("never chosen: the scheme is ambiguous");
    }
}
