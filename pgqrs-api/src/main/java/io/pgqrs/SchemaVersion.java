package io.pgqrs;

/**
 * Where a store's schema stands against this library: the version recorded in the store and the newest one this
 * library knows. A store without a version record (empty, installed by the reference implementation, or installed
 * before schemas had versions) is at version 0. The library writes only to a store whose version is not above its
 * own; {@link Admin#install()} brings an older one up to date.
 *
 * @param installed the version recorded in the store, 0 when there is none
 * @param latest the newest version this library knows
 */
public record SchemaVersion(int installed, int latest) {

    /** @return true when the store is exactly at this library's version */
    public boolean isCurrent() {
        return installed == latest;
    }

    /** @return true when the store lacks migrations this library has: run {@link Admin#install()} */
    public boolean isOlder() {
        return installed < latest;
    }

    /** @return true when a newer library migrated the store: this one must not write to it */
    public boolean isNewer() {
        return installed > latest;
    }
}
