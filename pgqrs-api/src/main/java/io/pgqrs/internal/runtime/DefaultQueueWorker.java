package io.pgqrs.internal.runtime;

import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.PgqrsException;
import io.pgqrs.PostponeMessage;
import io.pgqrs.QueueRecord;
import io.pgqrs.QueueWorker;
import io.pgqrs.QueueWorkerStats;
import io.pgqrs.WorkerStatus;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.consumer.DefaultConsumer;
import io.pgqrs.internal.poll.WakeUpSignals;
import io.pgqrs.internal.worker.Registration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The queue worker: a fetch thread that leases as many messages as there are free slots (one per handler thread, and
 * the prefetch), a fixed pool of handler threads whose queue holds the prefetched deliveries, a {@link Completer} that
 * writes successes in batches and a {@link LeaseKeeper}.
 * Every delivery is settled once, by its handler's outcome, its timeout or shutdown.
 */
public final class DefaultQueueWorker implements QueueWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultQueueWorker.class);
    /** The longest wait between fetch attempts while the store cannot be reached. */
    private static final Duration MAX_STORE_BACKOFF = Duration.ofSeconds(30);

    private final Engine engine;
    private final QueueRecord queue;
    private final RuntimeSettings settings;
    private final DefaultConsumer consumer;
    private final RuntimeCounters counters = new RuntimeCounters();
    private final Settlement settlement;
    private final Set<Delivery> inFlight = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final ExecutorService handlers;
    private final LeaseKeeper keeper;
    private final Completer completer;
    private final WakeUpSignals.Signal signal;
    private final Thread fetcher;
    private volatile boolean stopping;
    /**
     * False while the fetch loop claims or waits for a free handler slot: a handler's success is then left to the loop's
     * next claim, which archives it in the same write. True while the loop waits for messages, for the store, or has
     * stopped: the completer writes successes then.
     */
    private volatile boolean fetcherIdle = true;
    private volatile Throwable failure;
    private boolean closed;

    private DefaultQueueWorker(Engine engine, QueueRecord queue, RuntimeSettings settings, DefaultConsumer consumer) {
        this.engine = engine;
        this.queue = queue;
        this.settings = settings;
        this.consumer = consumer;
        this.settlement = new Settlement(engine.commits(), consumer, settings, counters);
        this.slots = new Semaphore(settings.concurrency() + settings.prefetch());
        this.handlers = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), settings.threadFactory());
        this.completer = new Completer(queue.name(), settlement, inFlight);
        this.keeper = new LeaseKeeper(consumer, settings, counters, settlement, inFlight, engine.config().heartbeatInterval());
        this.signal = engine.signals().forQueue(queue.id());
        this.fetcher = new Thread(this::fetchLoop, "pgqrs-" + queue.name() + "-fetch");
        this.fetcher.setDaemon(true);
    }

    /**
     * Registers the worker row, enters {@code polling} and starts the threads.
     *
     * @param engine the connection
     * @param queue the queue
     * @param settings checked settings
     * @return the running worker
     */
    public static QueueWorker start(Engine engine, QueueRecord queue, RuntimeSettings settings) {
        DefaultConsumer consumer = new DefaultConsumer(engine, queue, Registration.register(engine, queue.id(), settings.workerName()));
        consumer.enterPolling();
        DefaultQueueWorker worker = new DefaultQueueWorker(engine, queue, settings, consumer);
        worker.fetcher.start();
        LOG.info("Worker {} ('{}') started on queue '{}': concurrency {}, batch {}, lease {}, retry {}", consumer.id(),
                consumer.name(), queue.name(), settings.concurrency(), settings.batch(), settings.lease(), settings.retry());
        return worker;
    }

    @Override
    public long workerId() {
        return consumer.id();
    }

    @Override
    public String queue() {
        return queue.name();
    }

    @Override
    public boolean isRunning() {
        return !stopping;
    }

    @Override
    public QueueWorkerStats stats() {
        return counters.snapshot(inFlight.stream().mapToInt(d -> d.messages().size()).sum());
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void fetchLoop() {
        Duration backoff = engine.config().pollInterval();
        fetcherIdle = false;
        while (!stopping) {
            int taken = takeSlots();
            if (taken == 0) {
                continue;
            }
            long seen = signal.generation();
            long leasedNanos = System.nanoTime();
            List<Message> leased;
            try {
                leased = ackAndFetch(settings.batches() ? settings.batch() : taken);
                backoff = engine.config().pollInterval();
            } catch (PgqrsException e) {
                slots.release(taken);
                if (!outlast(e, backoff)) {
                    break;
                }
                backoff = e.retryable() ? min(backoff.multipliedBy(2), MAX_STORE_BACKOFF) : backoff;
                continue;
            } catch (RuntimeException | Error e) {
                slots.release(taken);
                failure = e;
                LOG.error("Worker {} stopped fetching from queue '{}' after an unexpected failure", consumer.id(), queue.name(), e);
                break;
            }
            int used = settings.batches() ? (leased.isEmpty() ? 0 : 1) : leased.size();
            slots.release(taken - used);
            if (leased.isEmpty()) {
                awaitSignal(seen, engine.config().pollInterval());
            } else {
                dispatch(leased, leasedNanos);
            }
        }
        goIdle();
        if (!stopping) {
            // The row was stopped from elsewhere, or fetching failed for good: wind down as close() would.
            close();
        }
    }

    /**
     * Leases the next messages; successes waiting for the completer are settled in the same transaction, so that a
     * busy worker pays one commit (on S3, one upload) per fetch instead of two. When settling them is only archiving,
     * the store archives and leases in one write of its own (on PostgreSQL one statement: one round trip as well).
     */
    private List<Message> ackAndFetch(int n) {
        List<Delivery> acks = completer.takePending();
        if (acks.isEmpty()) {
            return consumer.dequeue(n, settings.lease());
        }
        List<Boolean> settled = new ArrayList<>();
        List<Message> leased;
        try {
            DefaultConsumer.ArchivedAndLeased oneWrite = settlement.onlyArchives(acks)
                    ? consumer.archiveAndClaimInOneWrite(Settlement.ids(acks), n, settings.lease()) : null;
            if (oneWrite != null) {
                settled.addAll(oneWrite.archived());
                leased = oneWrite.leased();
            } else {
                SettledAndLeased both = engine.commits().write(() -> new SettledAndLeased(settlement.settle(acks),
                        consumer.claim(n, settings.lease(), engine.at())));
                settled.addAll(both.settled());
                leased = both.leased();
            }
        } catch (RuntimeException | Error e) {
            completer.submitAll(acks);
            throw e;
        }
        settlement.count(acks, settled);
        inFlight.removeAll(acks);
        if (leased.isEmpty()) {
            consumer.requireFetching();
        }
        return leased;
    }

    /** What one transaction of {@link #ackAndFetch} settled and leased. */
    private record SettledAndLeased(List<Boolean> settled, List<Message> leased) {
    }

    /** @return how many handler slots this fetch may fill: up to the batch, at least one, or 0 to look again */
    private int takeSlots() {
        try {
            if (!slots.tryAcquire(engine.config().pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return 0;
        }
        if (stopping) {
            slots.release();
            return 0;
        }
        int taken = 1;
        int wanted = settings.batches() ? 1 : settings.batch();
        while (taken < wanted && slots.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    private void dispatch(List<Message> leased, long leasedNanos) {
        List<List<Message>> units = settings.batches() ? List.of(leased) : leased.stream().map(List::of).toList();
        for (List<Message> unit : units) {
            Delivery d = new Delivery(unit, leasedNanos, settings.lease());
            inFlight.add(d);
            try {
                handlers.execute(() -> runHandler(d));
            } catch (RejectedExecutionException e) {
                // close() gave up waiting for this fetch and shut the pool: it releases what is still in flight.
                LOG.debug("Worker {} is closing; message(s) {} go back to the queue", consumer.id(), d.ids());
            }
        }
    }

    private void runHandler(Delivery d) {
        if (stopping) {
            // Prefetched, or queued behind a handler that was finishing: close() releases it, unstarted.
            slots.release();
            return;
        }
        d.begin(Thread.currentThread());
        MDC.put("pgqrs.queue", queue.name());
        MDC.put("pgqrs.message_id", d.messages().size() == 1 ? Long.toString(d.messages().get(0).id()) : d.ids().toString());
        Throwable thrown = null;
        PostponeMessage postponed = null;
        long started = System.nanoTime();
        SettlementWrites.open(d);
        try {
            engine.interceptors().aroundHandler(queue.name(), d.messages(), () -> {
                if (settings.batches()) {
                    settings.batchHandler().handle(d.messages());
                } else {
                    settings.processor().process(d.messages().get(0));
                }
            });
        } catch (PostponeMessage p) {
            postponed = p;
        } catch (Exception | Error e) {
            thrown = e;
        } finally {
            SettlementWrites.close();
            d.end();
            MDC.remove("pgqrs.queue");
            MDC.remove("pgqrs.message_id");
            Thread.interrupted();
        }
        engine.observers().handled(queue.name(), d.messages(), Duration.ofNanos(System.nanoTime() - started), thrown);
        boolean handedOver = false;
        try {
            if (!d.claimSettlement()) {
                LOG.debug("Handler of message(s) {} returned after they were settled by timeout or shutdown; its outcome "
                        + "is ignored", d.ids());
            } else if (postponed != null) {
                settlement.postponed(d, postponed);
            } else if (thrown == null) {
                d.awaitWrite();
                if (fetcherIdle) {
                    completer.submit(d);
                } else {
                    completer.submitForNextFetch(d);
                    if (fetcherIdle) {
                        // The loop went idle meanwhile; it hands over what it was left before it waits, or this does.
                        completer.writeWhatWasLeftForNextFetch();
                    }
                }
                handedOver = true;
            } else {
                settlement.failed(d, FailureText.of(thrown));
            }
        } catch (RuntimeException e) {
            LOG.warn("Settling message(s) {} of queue '{}' failed; they come back when their lease ends", d.ids(),
                    queue.name(), e);
        } finally {
            if (!handedOver) {
                inFlight.remove(d);
            }
            slots.release();
        }
    }

    /**
     * Decides what a failed fetch means.
     *
     * @return true to fetch again (after a wait), false when the worker must stop fetching
     */
    private boolean outlast(PgqrsException e, Duration backoff) {
        if (e.kind() == ErrorKind.SUSPENDED) {
            return awaitResume();
        }
        if (e.kind() == ErrorKind.WORKER_NOT_FOUND) {
            LOG.info("Worker {} was deleted; worker on queue '{}' stops", consumer.id(), queue.name());
            return false;
        }
        if (!e.retryable()) {
            failure = e;
            LOG.error("Worker {} stopped fetching from queue '{}': {}", consumer.id(), queue.name(), e.getMessage(), e);
            return false;
        }
        LOG.warn("Worker {} could not fetch from queue '{}' ({}); trying again in {}", consumer.id(), queue.name(),
                e.getMessage(), backoff);
        awaitSignal(signal.generation(), backoff);
        return !stopping;
    }

    /** While the row is suspended, waits for it to be resumed. @return false when it was stopped or this worker is */
    private boolean awaitResume() {
        LOG.info("Worker {} on queue '{}' is suspended; its handlers in hand finish, and it fetches again once resumed",
                consumer.id(), queue.name());
        while (!stopping) {
            try {
                WorkerStatus status = consumer.status();
                if (status == WorkerStatus.STOPPED) {
                    LOG.info("Worker {} on queue '{}' was shut down from outside; stopping", consumer.id(), queue.name());
                    return false;
                }
                if (status == WorkerStatus.READY || status == WorkerStatus.POLLING) {
                    consumer.enterPolling();
                    LOG.info("Worker {} on queue '{}' resumed", consumer.id(), queue.name());
                    return true;
                }
            } catch (PgqrsException e) {
                // The row changed again between the read and the transition, or the store is unreachable: look again.
                LOG.debug("Worker {} could not read or leave its suspended state yet: {}", consumer.id(), e.getMessage());
            }
            awaitSignal(signal.generation(), engine.config().pollInterval());
        }
        return false;
    }

    /** The fetch loop waits for a new message, up to {@code max}; successes are the completer's to write meanwhile. */
    private void awaitSignal(long seen, Duration max) {
        goIdle();
        try {
            signal.awaitChange(seen, max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            fetcherIdle = false;
        }
    }

    /** Before the fetch loop waits or stops: the successes left to its next claim go to the completer. */
    private void goIdle() {
        fetcherIdle = true;
        completer.writeWhatWasLeftForNextFetch();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long end = System.nanoTime() + settings.shutdownTimeout().toNanos();
        // Handlers get the timeout less a margin in which the completer writes their successes.
        long deadline = end - Math.min(Duration.ofMillis(500).toNanos(), settings.shutdownTimeout().toNanos() / 5);
        stopping = true;
        slots.release();
        engine.signals().fire(queue.id());
        try {
            if (Thread.currentThread() != fetcher) {
                fetcher.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            handlers.shutdown();
            handlers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completer.close(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        int abandoned = 0;
        for (Delivery d : inFlight) {
            if (d.claimSettlement()) {
                abandoned += d.messages().size();
            }
        }
        handlers.shutdownNow();
        keeper.close();
        try {
            consumer.close();
        } catch (PgqrsException e) {
            LOG.warn("Stopping worker {} failed; its messages come back when their leases end", consumer.id(), e);
        }
        LOG.info("Worker {} on queue '{}' stopped: {}; {} message(s) whose handlers were still running or had not "
                + "started were released",
                consumer.id(), queue.name(), stats(), abandoned);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
