package io.pgqrs.s3;

import io.pgqrs.DurabilityMode;

/**
 * The operations only an S3 store has, reached with {@code pgqrs.store().unwrap(S3Store.class)}.
 *
 * <p>An S3 store keeps the whole queue database as one SQLite object at {@code s3://bucket/key} and works on a
 * local copy in its cache directory. In {@link DurabilityMode#DURABLE} mode (the default) every operation goes
 * through one committer: writes of many threads are applied to the local copy together and published with one
 * conditional PUT, and a call returns only after the PUT that carries it succeeded. When another process
 * published first, the committer fetches the new object and runs the pending operations again on it. Reads see
 * every acknowledged write and refresh when the remote object changed. In {@link DurabilityMode#LOCAL} mode reads
 * and writes touch only the local copy until {@link #sync()} or {@link #snapshot()}.
 *
 * <pre>{@code
 * try (Pgqrs pgqrs = Pgqrs.connect(Config.builder("s3://bucket/queue.sqlite").s3Mode(DurabilityMode.LOCAL).build())) {
 *     S3Store s3 = pgqrs.store().unwrap(S3Store.class).orElseThrow();
 *     s3.snapshot();                       // pull the current revision
 *     pgqrs.producer("jobs").enqueue(job); // local only
 *     s3.sync();                           // publish, or CONFLICT if someone else published meanwhile
 * }
 * }</pre>
 */
public interface S3Store {

    /** @return the durability mode the store was opened with */
    DurabilityMode mode();

    /**
     * Compares the local copy with the remote object: checks the local file, then HEADs the object.
     *
     * @return the current state
     * @throws io.pgqrs.PgqrsException {@code CONNECTION_FAILED} or {@code TIMEOUT} when the object store does
     *         not answer
     */
    SyncState state();

    /**
     * Pulls the remote revision into the local copy. Does nothing when the local copy already is
     * that revision.
     *
     * @throws io.pgqrs.PgqrsException {@code CONFLICT} when the local copy has unpublished writes;
     *         {@code NOT_FOUND} when the object does not exist
     */
    void snapshot();

    /**
     * Publishes the local copy's writes with a conditional PUT: {@code If-Match} the revision it came
     * from, or {@code If-None-Match: *} when there is none or the object was deleted. Does nothing when there is
     * nothing to publish.
     *
     * @throws io.pgqrs.PgqrsException {@code CONFLICT} when another writer published meanwhile
     *         ({@link SyncState#CONCURRENT_CHANGES}): call {@link #reset()} to drop the local writes
     */
    void sync();

    /**
     * Discards the local copy, published or not, and fetches the remote revision again when it exists: the way
     * out of {@link SyncState#CONCURRENT_CHANGES}.
     */
    void reset();
}
