package io.pgqrs.s3.internal;

import java.util.function.Supplier;

/** How the operations of an S3 store reach the local copy: the durable committer or the local-mode lock. */
interface Gate extends AutoCloseable {

    /**
     * @param operation a storage step
     * @param <T> its result
     * @return its result, once the mode's guarantee holds (durable: published)
     */
    <T> T run(Operation<T> operation);

    /**
     * Runs {@code work} with no storage step in progress: for snapshot, sync, state and reset.
     *
     * @param work the work
     * @param <T> its result
     * @return its result
     */
    <T> T exclusive(Supplier<T> work);

    @Override
    void close();
}
