package io.pgqrs.internal;

import io.pgqrs.PgqrsException;
import io.pgqrs.SchemaVersion;
import io.pgqrs.spi.Store;

/**
 * Keeps a connection from writing to a store that a newer library migrated: checked before the connection's first
 * registration or queue creation (the writes every other write follows), once; a store found not newer is not
 * checked again by this connection.
 */
public final class SchemaGuard {
    private final Store store;
    private volatile boolean checked;

    /** @param store the store to guard */
    public SchemaGuard(Store store) {
        this.store = store;
    }

    /** @throws PgqrsException {@code SCHEMA_VALIDATION} when the store's schema version is above this library's */
    public void requireNotNewer() {
        if (checked) {
            return;
        }
        SchemaVersion version = new SchemaVersion(store.schema().installedVersion(), store.schema().latestVersion());
        if (version.isNewer()) {
            throw PgqrsException.schemaNewerThanLibrary(version);
        }
        checked = true;
    }
}
