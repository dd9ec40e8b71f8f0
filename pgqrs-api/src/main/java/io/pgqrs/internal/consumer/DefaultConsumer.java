package io.pgqrs.internal.consumer;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.MessageHandler;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueRecord;
import io.pgqrs.WorkerRecord;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.transaction.ConnectionBoundView;
import io.pgqrs.internal.validation.RequestLimits;
import io.pgqrs.internal.worker.WorkerHandle;
import io.pgqrs.internal.worker.WorkerTransition;
import io.pgqrs.spi.ArchivedAndClaimed;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Leases, settles and polls messages of one queue. A leased message is invisible until its lease ends; then it is
 * delivered again unless it was archived or deleted.
 */
public final class DefaultConsumer extends WorkerHandle implements Consumer {
    /** The order of a claimed batch: higher priority first, then oldest first. */
    private static final Comparator<Message> FIFO = Comparator.comparingInt(Message::priority).reversed()
            .thenComparing(Message::enqueuedAt).thenComparingLong(Message::id);

    private final QueueRecord queue;
    private volatile boolean leasedAny;
    private volatile boolean archivedAny;
    private volatile boolean claimFailed;

    /**
     * @param engine the connection
     * @param queue the bound queue
     * @param record the registered worker row
     */
    public DefaultConsumer(Engine engine, QueueRecord queue, WorkerRecord record) {
        super(engine, record, queue.name());
        this.queue = queue;
    }

    @Override
    public List<Message> dequeue(int n) {
        return dequeueAt(n, engine.config().defaultLockTime(), engine.at());
    }

    @Override
    public List<Message> dequeue(int n, Duration lease) {
        return dequeueAt(n, lease, engine.at());
    }

    @Override
    public List<Message> dequeueAt(int n, Duration lease, Instant at) {
        List<Message> claimed = claim(n, lease, at);
        if (claimed.isEmpty()) {
            // The claim takes nothing for a worker that is not ready or polling; say why.
            requireFetching();
        }
        return claimed;
    }

    /**
     * Leases up to {@code n} messages, highest priority first, then oldest first, without asking why none came; usable inside a transaction.
     *
     * @param n at most this many
     * @param lease how long they stay leased
     * @param at the time, or null for the store's
     * @return the leased messages
     */
    public List<Message> claim(int n, Duration lease, Instant at) {
        long leaseSeconds = leaseSeconds(n, lease);
        long started = System.nanoTime();
        return leased(claiming(() -> engine.store().messages()
                .claim(queue.id(), id(), n, leaseSeconds, engine.config().maxReadCt(), at)), started);
    }

    @Override
    public List<Message> archiveAndDequeue(List<Long> ids, int n, Duration lease) {
        ArchivedAndLeased oneWrite = ids.isEmpty() ? null : archiveAndClaimInOneWrite(ids, n, lease);
        List<Message> claimed = oneWrite != null ? oneWrite.leased() : engine.store().inTransaction(() -> {
            archiveMany(ids);
            return claim(n, lease, engine.at());
        });
        if (claimed.isEmpty()) {
            requireFetching();
        }
        return claimed;
    }

    /**
     * Archives messages this consumer holds and leases the next ones in one write, where the store can; usable inside
     * a transaction. Where it cannot, nothing is written and the caller archives and claims in one transaction.
     *
     * @param ids messages to archive, at least one
     * @param n at most this many to lease
     * @param lease how long they stay leased
     * @return whether each id was archived and the leased messages, or null when nothing was written
     */
    public ArchivedAndLeased archiveAndClaimInOneWrite(List<Long> ids, int n, Duration lease) {
        long leaseSeconds = leaseSeconds(n, lease);
        long started = System.nanoTime();
        Optional<ArchivedAndClaimed> done = claiming(() -> engine.store().messages()
                .archiveAndClaim(id(), ids, queue.id(), n, leaseSeconds, engine.config().maxReadCt(), engine.at()));
        if (done.isEmpty()) {
            return null;
        }
        List<Boolean> archived = archived(ids, done.get().archived());
        return new ArchivedAndLeased(archived, leased(done.get().claimed(), started));
    }

    /** Checks a claim's size and lease before anything is written. @return the lease in whole seconds */
    private long leaseSeconds(int n, Duration lease) {
        RequestLimits.requireBatchSize(engine.config(), n);
        return RequestLimits.requireLeaseSeconds("Lease", lease);
    }

    /** Runs a claim, noting when it failed: whether it leased anything is then unknown. */
    private <T> T claiming(Supplier<T> claim) {
        try {
            return claim.get();
        } catch (RuntimeException | Error e) {
            claimFailed = true;
            throw e;
        }
    }

    /** Reports a claim to the observers. @return the claimed messages, highest priority first, then oldest first */
    private List<Message> leased(List<Message> claimed, long startedNanos) {
        if (!claimed.isEmpty()) {
            leasedAny = true;
        }
        engine.observers().dequeued(queue.name(), claimed.size(), Duration.ofNanos(System.nanoTime() - startedNanos));
        return claimed.stream().sorted(FIFO).toList();
    }

    /** Reports an archive to the observers. @return whether each of {@code ids} was archived, in their order */
    private List<Boolean> archived(List<Long> ids, List<Long> archived) {
        if (!archived.isEmpty()) {
            archivedAny = true;
        }
        engine.observers().archived(queue.name(), archived.size());
        return aligned(ids, archived);
    }

    /**
     * Whether a message names this consumer as its holder, archived messages included, answered from what this
     * object's own calls did where they tell: a consumer that leased nothing is named by none, one that archived or
     * dead-lettered a message is named by it, and otherwise only the messages it still holds are counted (an index
     * read). After a claim that failed without saying whether it leased anything, every message is looked at (a scan:
     * archived messages are not indexed by holder).
     *
     * @return whether a message names this consumer
     */
    public boolean namedByAnyMessage() {
        if (claimFailed) {
            return engine.store().messages().countReferencing(id()) > 0;
        }
        return leasedAny && (archivedAny || engine.store().messages().countLiveHeldBy(id()) > 0);
    }

    /**
     * What {@link #archiveAndClaimInOneWrite} did.
     *
     * @param archived whether each id was archived, in the order given
     * @param leased the leased messages, highest priority first, then oldest first
     */
    public record ArchivedAndLeased(List<Boolean> archived, List<Message> leased) {
    }

    @Override
    public boolean archive(long id) {
        return archiveMany(List.of(id)).get(0);
    }

    @Override
    public List<Boolean> archiveMany(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return archived(ids, engine.store().messages().archive(id(), ids, engine.at()));
    }

    @Override
    public boolean delete(long id) {
        return deleteMany(List.of(id)).get(0);
    }

    @Override
    public List<Boolean> deleteMany(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> deleted = engine.store().messages().delete(id(), ids);
        engine.observers().deleted(queue.name(), deleted.size());
        return aligned(ids, deleted);
    }

    @Override
    public boolean extend(long id, Duration by) {
        long seconds = RequestLimits.requireLeaseSeconds("Extension", by);
        return !engine.store().messages().extend(id(), List.of(id), seconds).isEmpty();
    }

    @Override
    public long release(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        int released = engine.store().messages().release(id(), ids, 0, engine.at()).size();
        engine.observers().released(queue.name(), released);
        return released;
    }

    @Override
    public boolean releaseAt(long id, Instant visibleAt) {
        Duration wait = Duration.between(engine.now(), visibleAt);
        long delaySeconds = wait.isNegative() ? 0 : wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        boolean released = !engine.store().messages().release(id(), List.of(id), delaySeconds, engine.at()).isEmpty();
        if (released) {
            engine.observers().released(queue.name(), 1);
        }
        if (released && delaySeconds == 0) {
            engine.signals().fire(queue.id());
        }
        return released;
    }

    @Override
    public void completePoll() {
        leavePolling();
    }

    @Override
    public Consumer withConnection(Connection connection) {
        return ConnectionBoundView.of(Consumer.class, this, engine, connection);
    }

    @Override
    public Consumer withClock(Clock clock) {
        return new DefaultConsumer(engine.withClock(clock), queue, record());
    }

    @Override
    public boolean postpone(Message message, Duration delay) {
        long seconds = Math.max(0, delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0));
        return !engine.store().messages().postpone(id(), List.of(message.id()), seconds, engine.at()).isEmpty();
    }

    @Override
    public boolean retryLater(Message message, String error, Duration delay) {
        long delaySeconds = RequestLimits.requireDelaySeconds(delay);
        boolean released = settleWithFailure(message, error,
                () -> engine.store().messages().release(id(), List.of(message.id()), delaySeconds, engine.at()));
        if (released) {
            engine.observers().released(queue.name(), 1);
        }
        if (released && delaySeconds == 0) {
            engine.signals().fire(queue.id());
        }
        return released;
    }

    @Override
    public boolean deadLetter(Message message, String error) {
        boolean deadLettered = settleWithFailure(message, error, () -> engine.store().messages()
                .deadLetter(id(), List.of(message.id()), engine.config().maxReadCt(), engine.at()));
        if (deadLettered) {
            archivedAny = true;
            engine.observers().deadLettered(queue.name(), 1);
        }
        return deadLettered;
    }

    /** Runs the state change and, if it touched the message, records the failure, both in one transaction. */
    private boolean settleWithFailure(Message message, String error, Supplier<List<Long>> change) {
        Objects.requireNonNull(error, "error");
        return engine.store().inTransaction(() -> {
            if (change.get().isEmpty()) {
                return false;
            }
            engine.store().messages().recordFailure(message.id(), message.readCt(), error, engine.at());
            return true;
        });
    }

    /**
     * Releases a failed batch, each message invisible for {@code min(2^read_ct, 300)} seconds so that a failing
     * message backs off.
     *
     * @param batch messages this consumer holds
     */
    void releaseWithBackoff(List<Message> batch) {
        batch.stream()
                .collect(Collectors.groupingBy(m -> Math.min(1L << Math.min(m.readCt(), 9), 300L)))
                .forEach((delay, group) -> engine.observers().released(queue.name(), engine.store().messages()
                        .release(id(), group.stream().map(Message::id).toList(), delay, engine.at()).size()));
    }

    @Override
    public List<Message> poll(int n, Duration timeout) {
        RequestLimits.requireBatchSize(engine.config(), n);
        return new PollSession(this, engine, queue.id()).pollOnce(n, timeout);
    }

    @Override
    public void poll(int n, MessageHandler handler) {
        RequestLimits.requireBatchSize(engine.config(), n);
        new PollSession(this, engine, queue.id()).run(n, handler);
    }

    @Override
    public void interrupt() {
        apply(WorkerTransition.INTERRUPT);
        engine.signals().fire(queue.id());
    }

    @Override
    public void shutdown() {
        long held = engine.store().messages().countLiveHeldBy(id());
        if (held > 0) {
            throw PgqrsException.workerHasPendingMessages(held);
        }
        super.shutdown();
    }

    @Override
    public void close() {
        engine.store().messages().releaseAllHeldBy(id(), engine.at());
        super.close();
    }

    /** Stops the worker row and leaves what it holds leased: those leases run out unless settled by an attached handle. */
    public void stopKeepingLeases() {
        super.close();
    }

    /**
     * Enters the poll state ({@code ready | polling → polling}), or fails as {@link #requireFetching()} says for a
     * worker that may not fetch.
     */
    public void enterPolling() {
        try {
            apply(WorkerTransition.POLL);
        } catch (PgqrsException e) {
            requireFetching();
            throw e;
        }
    }

    /**
     * Leaves the poll state ({@code polling → ready}), or fails as {@link #requireFetching()} says for a worker
     * that was interrupted, suspended or stopped meanwhile.
     */
    public void leavePolling() {
        try {
            apply(WorkerTransition.COMPLETE_POLL);
        } catch (PgqrsException e) {
            requireFetching();
            throw e;
        }
    }

    /**
     * Whether this worker may fetch: an interrupted worker becomes suspended; suspended and
     * stopped workers may not fetch.
     *
     * @throws PgqrsException {@code SUSPENDED} with the reason
     */
    public void requireFetching() {
        switch (status()) {
            case INTERRUPTED -> {
                apply(WorkerTransition.SUSPEND);
                throw PgqrsException.suspended("worker interrupted");
            }
            case SUSPENDED -> throw PgqrsException.suspended("worker suspended");
            case STOPPED -> throw PgqrsException.suspended("worker stopped");
            default -> {
                // ready or polling: may fetch
            }
        }
    }

    private static List<Boolean> aligned(List<Long> ids, Collection<Long> done) {
        Set<Long> remaining = new HashSet<>(done);
        return ids.stream().map(remaining::remove).toList();
    }
}
