package io.pgqrs.s3.internal;

import io.pgqrs.s3.internal.RemoteObject.Marker;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The marker object through which writers of one store ask each other for a turn. A writer that keeps losing races
 * rewrites it ({@link #ask}), saying how long it needs; a writer that keeps winning looks at it ({@link #look}) and,
 * when a writer other than itself rewrote it since its last look, yields once for that long ({@link #takeAsked}).
 * Both go out from a thread of their own, so that neither holds back a PUT. A marker that cannot be read counts as a
 * request that names no length, at most once a second (as if a writer asked every second). The first failure to
 * rewrite or read the marker is logged as a warning: while it fails, writers no longer take turns as they should.
 * Thread-safe.
 */
final class TurnRequests implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TurnRequests.class);
    /** How many of its own rewrites a writer remembers, to tell them from other writers' requests. */
    private static final int OWN_TAGS = 8;
    /** What {@link #asked} holds when no request is waiting. */
    private static final long NONE = -1;
    /** How often, at most, a marker that cannot be read counts as a request. */
    private static final long UNREADABLE_REQUEST_MILLIS = 1000;

    private final RemoteObject remote;
    private final String object;
    private final String writer = UUID.randomUUID().toString();
    private final AtomicLong rewrites = new AtomicLong();
    private final Deque<String> ownTags = new ArrayDeque<>();
    private final AtomicBoolean looking = new AtomicBoolean();
    /** The turn another writer asked for, in nanoseconds (0 when it named none), or {@link #NONE}. */
    private final AtomicLong asked = new AtomicLong(NONE);
    private final ExecutorService executor;
    private final AtomicBoolean warned = new AtomicBoolean();
    /** Paces the requests that unreadable markers count as; used on the executor's thread alone. */
    private final AtMostEvery unreadable = new AtMostEvery(UNREADABLE_REQUEST_MILLIS);
    /** The ETag the last look saw; null while there is no marker. */
    private volatile String seen;
    private volatile boolean lookedBefore;

    /**
     * @param remote the store's object
     * @param object bucket and key, for logs and thread names
     */
    TurnRequests(RemoteObject remote, String object) {
        this.remote = remote;
        this.object = object;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pgqrs-s3-turns " + object);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Rewrites the marker in the background: this writer lost a race and asks the others for a turn.
     *
     * @param turnNanos how long this writer needs between another's PUT and its own, in nanoseconds
     * @return done when the marker was rewritten, or could not be
     */
    Future<?> ask(long turnNanos) {
        String note = "pgqrs writer " + writer + " asks for a turn (" + rewrites.incrementAndGet() + ")";
        long turnMillis = TimeUnit.NANOSECONDS.toMillis(turnNanos);
        return submit(() -> {
            try {
                String tag = remote.rewriteMarker(note, turnMillis);
                synchronized (ownTags) {
                    ownTags.addFirst(tag);
                    if (ownTags.size() > OWN_TAGS) {
                        ownTags.removeLast();
                    }
                }
            } catch (RuntimeException e) {
                failed("could not ask the other writers for a turn", e);
            }
        });
    }

    /**
     * Looks at the marker in the background, unless a look is still out. The first look only learns the marker's
     * ETag: a request older than this writer's first look was made of someone else, and one still waiting asks again.
     *
     * @return done when the look answered, or failed
     */
    Future<?> look() {
        if (!looking.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return submit(() -> {
            try {
                Marker now = remote.marker().orElse(null);
                String tag = now == null ? null : now.etag();
                if (lookedBefore && tag != null && !tag.equals(seen) && !own(tag)) {
                    asked.set(TimeUnit.MILLISECONDS.toNanos(now.turnMillis()));
                }
                seen = tag;
                lookedBefore = true;
            } catch (RuntimeException e) {
                failed("could not look for other writers' requests for a turn", e);
                if (unreadable.mayHappen(System.nanoTime())) {
                    asked.compareAndSet(NONE, 0);
                }
            } finally {
                looking.set(false);
            }
        });
    }

    /**
     * @return the turn another writer asked for since the last call, in nanoseconds (0 when it named none), or empty
     *     when none asked
     */
    OptionalLong takeAsked() {
        long turn = asked.getAndSet(NONE);
        return turn == NONE ? OptionalLong.empty() : OptionalLong.of(turn);
    }

    private void failed(String what, RuntimeException e) {
        if (executor.isShutdown()) {
            // Closing interrupts a request or look still out: nothing failed that a writer still needs.
            LOG.debug("{}: closed while it went out: {}", object, e.getMessage());
        } else if (warned.compareAndSet(false, true)) {
            LOG.warn("{}: {} through the marker beside it ({}): writers of this object may not take turns while "
                    + "this fails (if S3 refused it, allow s3:GetObject and s3:PutObject on the key followed by {})",
                    object, what, e.getMessage(), RemoteObject.MARKER_SUFFIX);
        } else {
            LOG.debug("{}: {}: {}", object, what, e.getMessage());
        }
    }

    private boolean own(String tag) {
        synchronized (ownTags) {
            return ownTags.contains(tag);
        }
    }

    private Future<?> submit(Runnable task) {
        try {
            return executor.submit(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed; no request or look", object);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
