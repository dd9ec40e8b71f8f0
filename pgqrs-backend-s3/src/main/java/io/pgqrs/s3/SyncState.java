package io.pgqrs.s3;

/**
 * How the local cache of an S3 store relates to the remote object, as {@link S3Store#state()}
 * finds it: the local file is checked first, then the remote object with one HEAD request.
 */
public enum SyncState {
    /** The cache file of the current revision does not exist (never fetched, or removed). */
    LOCAL_MISSING(false),
    /** The remote object does not exist and the local file has no unpublished writes; {@code sync()} does nothing. */
    REMOTE_MISSING_CLEAN(false),
    /** The remote object does not exist and the local file has unpublished writes; {@code sync()} recreates it. */
    REMOTE_MISSING_DIRTY(true),
    /** The remote object is the revision the local file came from, and nothing was written since. */
    IN_SYNC(false),
    /** The remote object is the revision the local file came from; the local file has unpublished writes. */
    LOCAL_CHANGES(true),
    /** Another writer published a newer revision; the local file has no unpublished writes. */
    REMOTE_CHANGES(false),
    /** Another writer published a newer revision and the local file has unpublished writes. */
    CONCURRENT_CHANGES(true);

    private final boolean localDirty;

    SyncState(boolean localDirty) {
        this.localDirty = localDirty;
    }

    /** @return whether the local file holds writes that are not in the remote object */
    public boolean localDirty() {
        return localDirty;
    }
}
