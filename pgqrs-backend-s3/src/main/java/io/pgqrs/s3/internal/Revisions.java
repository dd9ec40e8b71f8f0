package io.pgqrs.s3.internal;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.StoreObserver;
import io.pgqrs.StoreObserver.WriteOutcome;
import io.pgqrs.s3.SyncState;
import io.pgqrs.s3.internal.RemoteObject.Revision;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves revisions between the local copy and the object: {@code state()}, {@code snapshot()} and {@code sync()} of
 * local mode, and the publish and fetch steps the durable committer is built from. The caller holds
 * the store's gate exclusively.
 *
 * <p>A PUT that failed in a way that may be transient is retried, but only after a HEAD shows it was not applied:
 * every PUT carries its commit id as metadata, so a PUT that the server applied but whose answer was lost is
 * recognised instead of being applied twice.
 *
 * <p>Every PUT sent is reported to the store observer with its outcome and round trip, and every revision published
 * with the message writes it carries.
 */
final class Revisions {
    private static final Logger LOG = LoggerFactory.getLogger(Revisions.class);
    private static final int TRANSIENT_ATTEMPTS = 5;

    private final LocalReplica replica;
    private final RemoteObject remote;
    private final StoreObserver observer;

    /**
     * @param replica the local copy
     * @param remote the object
     * @param observer told of every PUT and every revision published
     */
    Revisions(LocalReplica replica, RemoteObject remote, StoreObserver observer) {
        this.replica = replica;
        this.remote = remote;
        this.observer = observer;
    }

    /**
     * @return how the local copy and the object relate: which of them exist, whether the copy has unpublished
     *     writes, and whether the object moved on since the copy's revision
     */
    SyncState state() {
        if (!replica.fileExists()) {
            return SyncState.LOCAL_MISSING;
        }
        boolean dirty = replica.dirty();
        Optional<Revision> current = head();
        if (current.isEmpty()) {
            return dirty ? SyncState.REMOTE_MISSING_DIRTY : SyncState.REMOTE_MISSING_CLEAN;
        }
        if (current.get().etag().equals(replica.etag())) {
            return dirty ? SyncState.LOCAL_CHANGES : SyncState.IN_SYNC;
        }
        return dirty ? SyncState.CONCURRENT_CHANGES : SyncState.REMOTE_CHANGES;
    }

    /**
     * Pulls the current object into the local copy; refused ({@code CONFLICT}) while the copy has unpublished
     * writes, {@code NOT_FOUND} when there is no object. Does nothing when the copy is already the current revision.
     */
    void snapshot() {
        if (replica.fileExists() && replica.dirty()) {
            throw PgqrsException.of(ErrorKind.CONFLICT, "Snapshot refused for key '" + key() + "': local store has "
                    + "unsynced writes; sync() publishes them, reset() drops them", null);
        }
        Revision current = head().orElseThrow(this::objectMissing);
        if (current.etag().equals(replica.etag()) && replica.fileExists()) {
            return;
        }
        if (!pull()) {
            throw objectMissing();
        }
    }

    /**
     * Publishes the copy's unpublished writes, if any; refused ({@code CONFLICT}) when the object also moved on since
     * the copy's revision.
     */
    void sync() {
        if (!replica.fileExists() || !replica.dirty()) {
            return;
        }
        SyncState state = state();
        if (state == SyncState.CONCURRENT_CHANGES) {
            throw PgqrsException.of(ErrorKind.CONFLICT, "Sync CAS failed for key '" + key() + "': local and remote "
                    + "changed concurrently; reset() drops the local writes and fetches the remote revision", null);
        }
        publish();
    }

    /**
     * Publishes the local copy: {@code If-Match} its revision, or {@code If-None-Match: *} when it has none or the
     * object was deleted. Compacts the file first when it is fragmented.
     *
     * @throws PgqrsException {@code CONFLICT} when another writer published first
     */
    void publish() {
        replica.compactIfFragmented();
        int messages = replica.unpublishedMessages();
        String base = replica.etag();
        String commit = UUID.randomUUID().toString();
        String etag;
        if (base == null) {
            etag = put(() -> remote.create(replica.file(), commit), commit);
        } else {
            try {
                etag = put(() -> remote.replace(replica.file(), base, commit), commit);
            } catch (PgqrsException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) {
                    throw e;
                }
                LOG.info("{} was deleted; recreating it from the local copy", remote.location());
                etag = put(() -> remote.create(replica.file(), commit), commit);
            }
        }
        replica.published(etag);
        observer.revisionPublished(messages);
    }

    /**
     * Replaces the local copy with the current remote revision, dropping unpublished writes; when the object does
     * not exist the local copy becomes empty.
     */
    void refresh() {
        if (!pull()) {
            replica.discard();
        }
    }

    /** @return whether a revision was fetched (false: the object does not exist) */
    boolean pull() {
        Optional<String> etag = retried(() -> remote.download(replica.incomingFile()));
        etag.ifPresent(e -> replica.adopt(replica.incomingFile(), e));
        return etag.isPresent();
    }

    /** @return the current remote revision, or empty when the object does not exist */
    Optional<Revision> head() {
        return retried(remote::head);
    }

    private String put(Supplier<String> attempt, String commit) {
        for (int i = 1; ; i++) {
            long sent = System.nanoTime();
            try {
                String etag = attempt.get();
                answered(WriteOutcome.PUBLISHED, sent);
                return etag;
            } catch (TransientFailure failure) {
                answered(WriteOutcome.FAILED, sent);
                Optional<String> landed = landed(commit);
                if (landed.isPresent()) {
                    return landed.get();
                }
                if (i >= TRANSIENT_ATTEMPTS) {
                    throw failure.asError();
                }
                LOG.debug("PUT of {} failed ({}), retrying", remote.location(), failure.getMessage());
                backOff(i);
            } catch (PgqrsException conflict) {
                if (conflict.kind() != ErrorKind.CONFLICT) {
                    answered(WriteOutcome.FAILED, sent);
                    throw conflict;
                }
                answered(WriteOutcome.CONFLICT, sent);
                return landed(commit).orElseThrow(() -> conflict);
            }
        }
    }

    private void answered(WriteOutcome outcome, long sentNanos) {
        observer.objectWritten(outcome, Duration.ofNanos(System.nanoTime() - sentNanos));
    }

    /** @return the ETag of the object when it is the revision {@code commit} wrote */
    private Optional<String> landed(String commit) {
        try {
            return head().filter(r -> commit.equals(r.commit())).map(Revision::etag);
        } catch (TransientFailure | PgqrsException e) {
            return Optional.empty();
        }
    }

    private static <T> T retried(Supplier<T> request) {
        for (int i = 1; ; i++) {
            try {
                return request.get();
            } catch (TransientFailure failure) {
                if (i >= TRANSIENT_ATTEMPTS) {
                    throw failure.asError();
                }
                backOff(i);
            }
        }
    }

    /**
     * Back-off after a transient failure of a request (not after a lost race: the committer spaces those itself).
     * Full jitter: 0 to 20 ms on the first retry, doubling up to 250 ms.
     */
    static void backOff(int attempt) {
        long max = Math.min(250, 10L << Math.min(attempt, 5));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(0, max + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PgqrsException.of(ErrorKind.INTERNAL, "interrupted while retrying an S3 request", e);
        }
    }

    private PgqrsException objectMissing() {
        return PgqrsException.of(ErrorKind.NOT_FOUND, "Not found: object '" + key() + "' in bucket '"
                + remote.location().bucket() + "'; install() creates it", null);
    }

    private String key() {
        return remote.location().key();
    }
}
