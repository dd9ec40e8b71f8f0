package io.pgqrs.s3.internal;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.StoreObserver;
import io.pgqrs.s3.internal.RemoteObject.Revision;
import io.pgqrs.spi.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable mode: every operation of the store goes through one committer thread. It takes all the operations
 * waiting, applies them to the local copy in one transaction (each in its own savepoint, so one failing operation
 * fails only its caller), publishes the file with one conditional PUT and only then completes every caller. While a
 * PUT is in flight the next batch gathers.
 *
 * <p>When another writer published first (the PUT answers 412), the committer fetches the new revision and runs
 * the same operations again on it: each is a function of the database, so a dequeue picks what is free in the new
 * state. It keeps trying until the replay deadline (the store's connection timeout) has passed since the batch's
 * first attempt; only then do the callers get {@code CONFLICT}. {@link Contention} spaces the attempts so that
 * writers of several processes take turns instead of one starving the others, and {@link TurnRequests} lets a
 * writer that keeps losing ask the winner for a turn. A batch that wrote nothing is not
 * uploaded; one HEAD checks that it read the current revision, else it runs again on a fresh one and is done: a
 * revision downloaded while the batch was out was the current one when it was read, so a reader is never held back
 * by a writer that keeps publishing (nor is a batch that wrote nothing after a lost race). That HEAD is sent
 * from another thread, so that it holds back no one: when another operation arrives before it answers, the batch
 * goes out again together with it, once, and that batch's PUT (or HEAD) confirms what it read. An install is
 * always uploaded, alone, and never replayed: on an object it did not create it is a {@code CONFLICT}. Unpublished
 * writes left by a failed PUT, or by a crash, are never built upon: the next batch starts from the remote revision.
 */
final class GroupCommitter implements Gate {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final int MAX_BATCH = 1000;
    private static final long MAX_GATHER_MILLIS = 5;

    private final LocalReplica replica;
    private final Revisions revisions;
    private final String object;
    private final long replayDeadlineNanos;
    private final StoreObserver observer;
    private final WriteTally tally = new WriteTally();
    private final Contention contention = new Contention(System::nanoTime, new SplittableRandom());
    private final TurnRequests turns;
    private final LinkedBlockingDeque<Pending<?>> queue = new LinkedBlockingDeque<>();
    private final Thread thread;
    private final ExecutorService heads;
    private volatile boolean closed;
    /** Set while the committer waits for a HEAD and would let a newly arrived operation wake it. */
    private volatile boolean watchingHead;
    private Set<Thread> lastCallers = Set.of();
    private long gatherWindowNanos;
    private long yieldUntilNanos;

    /**
     * @param replica the local copy
     * @param revisions moves revisions between the copy and the object
     * @param turns the marker through which writers ask each other for a turn; closed with this committer
     * @param object bucket and key, for logs and errors
     * @param replayDeadline how long a batch may keep losing races to other writers before its callers get
     *     {@code CONFLICT}
     * @param observer told of every replay after a lost race
     */
    GroupCommitter(LocalReplica replica, Revisions revisions, TurnRequests turns, String object, Duration replayDeadline,
            StoreObserver observer) {
        this.replica = replica;
        this.revisions = revisions;
        this.turns = turns;
        this.object = object;
        this.replayDeadlineNanos = replayDeadline.toNanos();
        this.observer = observer;
        this.heads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pgqrs-s3-head " + object);
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::loop, "pgqrs-s3-committer " + object);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public <T> T run(Operation<T> operation) {
        if (Thread.currentThread() == thread) {
            // A port call inside a batch's operation (a transaction's): it counts toward that operation.
            return tally.run(operation, replica.store(), replica::wroteMessages);
        }
        return submit(new Pending<>(operation, null));
    }

    @Override
    public <T> T exclusive(Supplier<T> work) {
        if (Thread.currentThread() == thread) {
            return work.get();
        }
        return submit(new Pending<>(null, work));
    }

    /**
     * Waits for the committer, uninterruptibly: an operation handed over is applied and published whatever the
     * caller does meanwhile, so the caller waits for its outcome (the interrupt flag is kept). A request that slipped
     * in while the store closed is failed, not left waiting.
     */
    private <T> T submit(Pending<T> pending) {
        if (closed) {
            throw closedError();
        }
        queue.add(pending);
        if (watchingHead) {
            LockSupport.unpark(thread);
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return pending.result.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    if (!thread.isAlive() && queue.remove(pending)) {
                        throw closedError();
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw Causes.rethrown(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (!closed) {
            List<Pending<?>> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                break;
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                if (batch.get(0).exclusive != null) {
                    batch.get(0).runExclusive();
                } else {
                    commit(batch);
                }
            } catch (PgqrsException e) {
                if (expected(batch, e)) {
                    LOG.debug("S3 committer for {}: {}", object, e.getMessage());
                } else {
                    LOG.warn("S3 committer for {}: a batch of {} failed: {}", object, batch.size(), e.getMessage());
                }
                batch.forEach(p -> p.fail(e));
            } catch (InterruptedException e) {
                batch.forEach(p -> p.fail(closedError()));
                break;
            } catch (RuntimeException | Error t) {
                LOG.error("S3 committer for {} failed a batch of {}", object, batch.size(), t);
                batch.forEach(p -> p.fail(t));
            }
        }
        Pending<?> left;
        while ((left = queue.poll()) != null) {
            left.fail(closedError());
        }
    }

    /**
     * Operations that may be batched come together; an exclusive step or an install is a batch of its own. The batch
     * takes every operation waiting, then waits for the callers the last batch just completed, which usually come
     * straight back with their next operation, but no longer than a tenth of the last PUT (at most
     * {@value #MAX_GATHER_MILLIS} ms). Without that wait, callers split into groups that take turns, each PUT
     * carrying only one group. After a race won under contention the committer yields to the other writers first,
     * and gathers meanwhile.
     */
    private List<Pending<?>> nextBatch() throws InterruptedException {
        long yielding = yieldUntilNanos - System.nanoTime();
        if (yielding > 0) {
            TimeUnit.NANOSECONDS.sleep(yielding);
        }
        Pending<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
        List<Pending<?>> batch = new ArrayList<>();
        if (first == null) {
            return batch;
        }
        batch.add(first);
        if (!first.batchable()) {
            return batch;
        }
        Set<Thread> awaited = new HashSet<>(lastCallers);
        awaited.remove(first.caller);
        long gatherUntil = System.nanoTime() + gatherWindowNanos;

        while (batch.size() < MAX_BATCH) {
            Pending<?> next = queue.peek();
            if (next == null) {
                long left = gatherUntil - System.nanoTime();
                if (awaited.isEmpty() || left <= 0) {
                    break;
                }
                next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                if (!next.batchable()) {
                    queue.putFirst(next);
                    break;
                }
            } else if (next.batchable()) {
                queue.poll();
            } else {
                break;
            }
            batch.add(next);
            awaited.remove(next.caller);
        }
        return batch;
    }

    private void commit(List<Pending<?>> batch) throws InterruptedException {
        // Whether the copy was downloaded during this batch: what the batch read of it was then the current revision.
        boolean fetched = startFromPublishedState(batch);
        long firstAttempt = System.nanoTime();
        long lostAt = 0;
        for (int attempt = 1; ; attempt++) {
            boolean pastDeadline = System.nanoTime() - firstAttempt > replayDeadlineNanos;
            long before = replica.changeCounter();
            List<Outcome> outcomes = apply(batch);
            boolean install = !batch.get(0).replayable();
            if (replica.changeCounter() == before && !install) {
                if (fetched) {
                    complete(batch, outcomes);
                    return;
                }
                Optional<Boolean> current = readCurrentRevisionUnlessOthersWait(batch);
                if (current.isEmpty()) {
                    requeue(batch);
                    return;
                }
                if (current.get() || pastDeadline) {
                    complete(batch, outcomes);
                    return;
                }
                revisions.refresh();
                fetched = true;
                continue;
            }
            long start = System.nanoTime();
            try {
                revisions.publish();
                long took = System.nanoTime() - start;
                if (lostAt != 0) {
                    contention.observedReplay(System.nanoTime() - lostAt);
                }
                contention.observedPut(took);
                gatherWindowNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_GATHER_MILLIS), took / 10);
                if (contention.lookDue()) {
                    turns.look();
                }
                OptionalLong asked = turns.takeAsked();
                long yielding = contention.yieldNanos(asked);
                if (asked.isPresent()) {
                    LOG.debug("{}: another writer asked for a turn; yielding {} ms before the next PUT", object,
                            TimeUnit.NANOSECONDS.toMillis(yielding));
                }
                yieldUntilNanos = System.nanoTime() + yielding;
                complete(batch, outcomes);
                return;
            } catch (PgqrsException e) {
                if (e.kind() != ErrorKind.CONFLICT) {
                    throw e;
                }
                long now = System.nanoTime();
                contention.observedPut(now - start);
                if (lostAt != 0) {
                    contention.observedReplay(now - lostAt);
                }
                lostAt = now;
                contention.lost();
                if (contention.signalDue()) {
                    turns.ask(contention.turnNanos());
                }
                if (install || pastDeadline) {
                    revisions.refresh();
                    throw lostRace(batch, attempt, System.nanoTime() - firstAttempt, e);
                }
                LOG.debug("{}: another writer published first (attempt {}), replaying {} operations", object,
                        attempt, batch.size());
                TimeUnit.NANOSECONDS.sleep(contention.backOffNanos(attempt));
                revisions.refresh();
                fetched = true;
                observer.replayed(batch.size());
            }
        }
    }

    /**
     * Unpublished writes in the local copy were never acknowledged (a failed PUT, a crash): drop them. A handle that
     * has never fetched the object, or whose copy is missing, fetches it first, so that it never builds on a
     * stale or empty copy, except for an install, which must find out with a create-only PUT whether the object
     * exists.
     *
     * @return whether it downloaded the object
     */
    private boolean startFromPublishedState(List<Pending<?>> batch) {
        if (replica.fileExists() && replica.dirty()) {
            LOG.warn("{}: dropping local writes that were never published (an earlier PUT failed or the process "
                    + "stopped before it); starting from the remote revision", object);
            revisions.refresh();
            return true;
        }
        if ((replica.etag() == null || !replica.fileExists()) && batch.get(0).replayable()) {
            revisions.refresh();
            return true;
        }
        return false;
    }

    /**
     * Whether the copy that a batch which wrote nothing read is the current revision, by a HEAD sent from another
     * thread. When an operation that may be batched arrives before the HEAD answers, the answer is empty: the batch is
     * to go out again with it (the HEAD's answer is then not needed). A batch that went out again once waits for its
     * HEAD, so that a stream of reads cannot keep one waiting.
     */
    private Optional<Boolean> readCurrentRevisionUnlessOthersWait(List<Pending<?>> batch) throws InterruptedException {
        String etag = replica.etag();
        CompletableFuture<Optional<Revision>> head = CompletableFuture.supplyAsync(revisions::head, heads);
        head.whenComplete((answer, failure) -> LockSupport.unpark(thread));
        watchingHead = batch.stream().noneMatch(p -> p.wentAgain);
        try {
            // Woken by the HEAD's answer or by an arrival (submit unparks while watchingHead is set, so an arrival
            // between the look at the queue and the park leaves a permit and is not missed).
            while (!head.isDone()) {
                Pending<?> next = queue.peek();
                if (watchingHead && next != null && next.batchable()) {
                    return Optional.empty();
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException("S3 committer for " + object + " closed while a HEAD was out");
                }
            }
        } finally {
            watchingHead = false;
        }
        try {
            return Optional.of(head.get().map(r -> r.etag().equals(etag)).orElse(true));
        } catch (ExecutionException e) {
            throw Causes.rethrown(e.getCause());
        }
    }

    /** Puts a batch that wrote nothing back in front of the queue, to be applied again with what arrived. */
    private void requeue(List<Pending<?>> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            Pending<?> p = batch.get(i);
            p.wentAgain = true;
            queue.addFirst(p);
        }
    }

    /**
     * Applies the batch in one transaction, each operation in a savepoint so that one that fails undoes only its own
     * changes and fails only its caller. A batch of one needs no savepoint: its transaction is its own. The message
     * writes of the operations that succeeded are added to the copy's count once the transaction committed.
     */
    private List<Outcome> apply(List<Pending<?>> batch) {
        Store store = replica.store();
        long[] messages = {0};
        if (batch.size() == 1) {
            Pending<?> only = batch.get(0);
            Outcome outcome = outcome(() -> store.inTransaction(() -> tally.run(only.operation, store, n -> messages[0] = n)));
            replica.wroteMessages(outcome.error() == null ? messages[0] : 0);
            return List.of(outcome);
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        store.inTransaction(() -> {
            outcomes.clear();
            messages[0] = 0;
            for (Pending<?> p : batch) {
                long[] own = {0};
                Outcome outcome = outcome(() -> store.inTransaction(() -> tally.run(p.operation, store, n -> own[0] = n)));
                outcomes.add(outcome);
                messages[0] += outcome.error() == null ? own[0] : 0;
            }
            return null;
        });
        replica.wroteMessages(messages[0]);
        return outcomes;
    }

    private static Outcome outcome(Supplier<?> work) {
        try {
            return new Outcome(work.get(), null);
        } catch (RuntimeException e) {
            return new Outcome(null, e);
        }
    }

    private void complete(List<Pending<?>> batch, List<Outcome> outcomes) {
        Set<Thread> callers = new HashSet<>();
        for (Pending<?> p : batch) {
            callers.add(p.caller);
        }
        lastCallers = callers;
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).settle(outcomes.get(i));
        }
    }

    /**
     * An install that finds the object already there answers {@code CONFLICT} by design: the caller is told, and it
     * is no failure of the committer.
     */
    private static boolean expected(List<Pending<?>> batch, PgqrsException e) {
        return e.kind() == ErrorKind.CONFLICT && !batch.get(0).replayable() && batch.get(0).operation != null;
    }

    private PgqrsException lostRace(List<Pending<?>> batch, int attempts, long nanos, PgqrsException cause) {
        if (!batch.get(0).replayable()) {
            return PgqrsException.of(ErrorKind.CONFLICT, "s3://" + object + " already exists: "
                    + batch.get(0).operation.name() + " never overwrites an existing object; connect to it as it is "
                    + "(or snapshot() it) instead", cause);
        }
        return PgqrsException.of(ErrorKind.CONFLICT, "s3://" + object + ": other writers published first "
                + attempts + " times in a row over " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms (the replay deadline "
                + "is the connection timeout, " + TimeUnit.NANOSECONDS.toMillis(replayDeadlineNanos) + " ms); nothing "
                + "of this operation was published, try again or raise the connection timeout", cause);
    }

    private PgqrsException closedError() {
        return PgqrsException.storeClosed("s3://" + object);
    }

    @Override
    public void close() {
        closed = true;
        // Wakes a committer that waits for work, which would otherwise see the flag only when its wait times out.
        queue.add(new Pending<>(null, () -> null));
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heads.shutdownNow();
        turns.close();
    }

    private record Outcome(Object value, RuntimeException error) {
    }

    /** A caller's request, waiting for the committer. */
    private static final class Pending<T> {
        private final Operation<T> operation;
        private final Supplier<T> exclusive;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final Thread caller = Thread.currentThread();
        /** Set (by the committer alone) when the batch it was in wrote nothing and went out again with newer work. */
        private boolean wentAgain;

        Pending(Operation<T> operation, Supplier<T> exclusive) {
            this.operation = operation;
            this.exclusive = exclusive;
        }

        boolean replayable() {
            return operation != null && operation.replayable();
        }

        boolean batchable() {
            return replayable();
        }

        void runExclusive() {
            try {
                result.complete(exclusive.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        @SuppressWarnings("unchecked")
        void settle(Outcome outcome) {
            if (outcome.error() != null) {
                result.completeExceptionally(outcome.error());
            } else {
                result.complete((T) outcome.value());
            }
        }

        void fail(Throwable t) {
            result.completeExceptionally(t);
        }
    }
}
