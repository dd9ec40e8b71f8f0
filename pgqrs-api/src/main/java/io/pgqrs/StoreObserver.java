package io.pgqrs;

import java.time.Duration;

/**
 * An observer that also hears what the storage backend does beneath the queue calls, for backend meters (the
 * {@code pgqrs-micrometer} module is one): the conditional writes of a store kept as one remote object (an S3 store),
 * the races they lose to other writers and the replays that follow, and the reconnects of a notification listener (the
 * PostgreSQL {@code LISTEN} connection that wakes idle consumers). Register it like any observer, with
 * {@link Config.Builder#observer}; the store sees that it is a store observer.
 *
 * <p>Rules, the same for every method:
 * <ul>
 *   <li>The API names no backend: each method describes a kind of event, and a backend reports only the kinds it has (a
 *       PostgreSQL store writes no object; an S3 store has no listener). A backend reports through
 *       {@link Config#storeObserver()}.</li>
 *   <li>Methods are called on the backend's own thread (an S3 store's committer, the listener thread), after the event,
 *       possibly before {@link #opened} when the event happens while the connection opens. They have empty defaults.</li>
 *   <li>Keep them fast and let them not throw: a failing observer is logged and never fails the work it observes.</li>
 * </ul>
 */
public interface StoreObserver extends QueueObserver {

    /** How the object store answered one conditional write of the store's object. */
    enum WriteOutcome {
        /** The write was applied: a new revision of the object is published. */
        PUBLISHED,
        /**
         * The write's condition failed, so nothing was written: another writer published first ({@code If-Match} lost
         * the compare-and-swap), or a create-only write found the object already there.
         */
        CONFLICT,
        /**
         * No clean answer: an error status, a broken connection, a timeout. The store finds out whether the write was
         * applied before it tries again; when it was, {@link #revisionPublished} follows.
         */
        FAILED
    }

    /**
     * One conditional write of the store's object (an S3 {@code PUT} with {@code If-Match} or
     * {@code If-None-Match: *}) was sent and answered, or failed to be. Called once per request, retries included, so
     * the calls count the requests the object store received (or might have).
     *
     * @param outcome how the object store answered
     * @param took from sending the request to its answer (or failure)
     */
    default void objectWritten(WriteOutcome outcome, Duration took) {
    }

    /**
     * A new revision of the store's object was published: once per revision, after the {@link #objectWritten} call
     * that published it (or, when that write's answer was lost, once the store found that it had been applied).
     *
     * @param messages the message writes the revision carries: each message that one of its operations stored,
     *        leased, archived, deleted, released, postponed, extended, dead-lettered or replayed counts once per
     *        operation (an enqueue of 10 messages counts 10; a lease of 5 and their archive count 10); 0 when it
     *        carries only other changes (queues, workers, workflows)
     */
    default void revisionPublished(int messages) {
    }

    /**
     * A batch of operations lost the race to write the object (another writer published first) and is run again on
     * the newer revision. Called once per replay, so a batch that loses three times in a row is reported three times;
     * a batch that gives up (its callers get {@link ErrorKind#CONFLICT}) is not replayed and not reported here.
     *
     * @param operations how many callers' operations the batch holds
     */
    default void replayed(int operations) {
    }

    /**
     * The store's notification listener is listening again after its connection was lost (or could not be opened):
     * until then idle consumers waited for their poll interval instead of being woken. The listener's first
     * connection is no reconnect.
     *
     * @param down from the moment the listener found its connection broken to the moment it listened again
     */
    default void listenerReconnected(Duration down) {
    }
}
