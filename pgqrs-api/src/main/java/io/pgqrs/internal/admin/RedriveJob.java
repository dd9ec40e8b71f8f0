package io.pgqrs.internal.admin;

import io.pgqrs.Message;
import io.pgqrs.MessageState;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueMetrics;
import io.pgqrs.QueueRecord;
import io.pgqrs.Redrive;
import io.pgqrs.RedriveFilter;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.ratelimit.TokenBucket;
import io.pgqrs.spi.PayloadCodec;
import io.pgqrs.spi.Store;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a queue's dead letters back in line on a thread of its own, newest first, at most {@code rate} per second
 * (a token bucket on the connection's clock), in batches of one transaction each, auditing each move in the
 * message's headers.
 */
public final class RedriveJob implements Redrive {
    /** The header with the instant of the latest redrive, ISO-8601. */
    public static final String REDRIVEN_AT = "pgqrs-redriven-at";
    /** The header saying who redrove the message last: user, host and process id. */
    public static final String REDRIVEN_BY = "pgqrs-redriven-by";
    /** The header counting the redrives of the message. */
    public static final String REDRIVE_COUNT = "pgqrs-redrive-count";
    private static final Logger LOG = LoggerFactory.getLogger(RedriveJob.class);
    private static final int PAGE = 500;
    private static final int MAX_BATCH = 100;
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Engine engine;
    private final Store store;
    private final QueueRecord queue;
    private final long limit;
    private final int batch;
    private final long waitNanos;
    private final RedriveFilter filter;
    private final TokenBucket bucket;
    private final String by;
    private final long expected;
    private final AtomicLong moved = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopRequested;
    private volatile boolean stopped;
    private volatile Throwable failure;

    private RedriveJob(Engine engine, QueueRecord queue, long limit, int rate, RedriveFilter filter) {
        this.engine = engine;
        this.store = engine.store();
        this.queue = queue;
        this.limit = limit;
        this.filter = filter;
        this.batch = Math.min(rate, MAX_BATCH);
        this.waitNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(MAX_WAIT_NANOS, TimeUnit.SECONDS.toNanos(1) / rate));
        this.bucket = new TokenBucket(rate, batch, engine::now);
        this.by = Who.AM_I;
        long dead = store.stats().queueMetrics(queue.id(), engine.config().maxReadCt(), engine.at()).stream()
                .mapToLong(QueueMetrics::deadMessages).sum();
        this.expected = Math.min(limit, dead);
        this.thread = new Thread(this::run, "pgqrs-redrive-" + queue.name());
        this.thread.setDaemon(true);
    }

    /**
     * Checks the request and starts the redrive.
     *
     * @param engine the connection
     * @param queueName the queue
     * @param limit most dead letters to move, at least 1
     * @param rate most dead letters moved per second, at least 1
     * @param filter which dead letters
     * @return the running redrive
     * @throws PgqrsException {@code VALIDATION_FAILED} with field {@code limit} or {@code rate}; {@code QUEUE_NOT_FOUND}
     */
    public static RedriveJob start(Engine engine, String queueName, long limit, int rate, RedriveFilter filter) {
        if (rate <= 0) {
            throw PgqrsException.invalidField("rate", "a redrive moves at least 1 dead letter per second, got " + rate
                    + ": give a positive rate");
        }
        if (limit <= 0) {
            throw PgqrsException.invalidField("limit", "a redrive moves at least 1 dead letter, got " + limit
                    + ": give a positive limit");
        }
        if (filter == null) {
            throw PgqrsException.invalidField("filter", "a filter is required: RedriveFilter.all() for every dead letter");
        }
        engine.schema().requireNotNewer();
        QueueRecord queue = engine.requireQueue(queueName);
        RedriveJob job = new RedriveJob(engine, queue, limit, rate, filter);
        LOG.info("Redrive of queue '{}' started: at most {} dead letters ({} now), {} per second, filter {}", queueName,
                limit, job.expected, rate, filter);
        job.thread.start();
        return job;
    }

    private void run() {
        try {
            int maxReadCt = engine.config().maxReadCt();
            long beforeId = Long.MAX_VALUE;
            outer:
            while (!stopRequested && moved.get() < limit) {
                List<Message> page = store.messages().page(queue.id(), MessageState.DEAD, beforeId, PAGE, maxReadCt, engine.at());
                if (page.isEmpty()) {
                    break;
                }
                beforeId = page.get(page.size() - 1).id();
                List<Message> matching = page.stream().filter(filter::matches).toList();
                int next = 0;
                while (next < matching.size()) {
                    int n = (int) Math.min(Math.min(batch, matching.size() - next), limit - moved.get());
                    if (n <= 0 || stopRequested || !acquire(n)) {
                        break outer;
                    }
                    List<Message> chunk = matching.subList(next, next + n);
                    long count = store.inTransaction(() -> chunk.stream()
                            .filter(m -> store.messages().redrive(m.id(), maxReadCt, audited(m), engine.at()).isPresent())
                            .count());
                    moved.addAndGet(count);
                    next += n;
                    if (count > 0) {
                        engine.signals().fire(queue.id());
                    }
                }
            }
            stopped = stopRequested && moved.get() < limit;
            LOG.info("Redrive of queue '{}' {}: {} dead letters moved", queue.name(), stopped ? "stopped" : "finished",
                    moved.get());
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("Redrive of queue '{}' failed after moving {} dead letters: {}", queue.name(), moved.get(),
                    e.getMessage(), e);
        } finally {
            done.countDown();
        }
    }

    /** Waits for {@code n} tokens; false when asked to stop first. */
    private boolean acquire(int n) {
        while (!bucket.tryAcquire(n)) {
            if (stopRequested) {
                return false;
            }
            LockSupport.parkNanos(this, waitNanos);
        }
        return true;
    }

    /** The message's headers with the audit of this redrive, the others kept. */
    private String audited(Message m) {
        Map<String, String> headers = new LinkedHashMap<>(m.headers());
        int count = 0;
        try {
            count = Integer.parseInt(headers.getOrDefault(REDRIVE_COUNT, "0"));
        } catch (NumberFormatException e) {
            LOG.debug("Message {} has a non-numeric {} header; counting from 0", m.id(), REDRIVE_COUNT);
        }
        headers.put(REDRIVEN_AT, engine.now().toString());
        headers.put(REDRIVEN_BY, by);
        headers.put(REDRIVE_COUNT, Integer.toString(count + 1));
        return PayloadCodec.writeHeaders(headers);
    }

    @Override
    public String queue() {
        return queue.name();
    }

    @Override
    public long moved() {
        return moved.get();
    }

    @Override
    public long expected() {
        return expected;
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }

    @Override
    public boolean stopped() {
        return stopped;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void stop() {
        stopRequested = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void close() {
        stop();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Who this process is, for the audit header: user, host and process id, found once. */
    private static final class Who {
        static final String AM_I = System.getProperty("user.name", "?") + "@" + host() + " pid "
                + ProcessHandle.current().pid();

        private static String host() {
            String env = System.getenv("HOSTNAME");
            if (env == null || env.isBlank()) {
                env = System.getenv("COMPUTERNAME");
            }
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown-host";
            }
        }
    }
}
