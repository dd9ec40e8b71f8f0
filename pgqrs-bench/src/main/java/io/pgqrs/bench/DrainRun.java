package io.pgqrs.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Drains a prefilled queue with C clients in batches of B, as the reference measures it: dequeue a batch, archive it in
 * one call (or delete it, for the delete scenario), an empty dequeue waits 1 ms. With ack-and-fetch a client archives a
 * batch and leases the next in one call; its latency is reported as the dequeue's, and the archive column stays empty.
 * Every id is counted; a message seen twice or never fails the run. The clock stops when the last client is done,
 * before the clients close (a consumer's close is a write of its own, not drain work).
 */
final class DrainRun {
    private DrainRun() {
    }

    interface ClientFactory {
        DrainClient open(int index) throws Exception;
    }

    /**
     * @param puts counts S3 PUTs so far (0 for other backends); the point reports those issued during the drain
     */
    static DrainPoint run(long total, int consumers, int batch, Acknowledgement ack, ClientFactory clients, LongSupplier puts)
            throws Exception {
        boolean ackAndFetch = ack == Acknowledgement.ARCHIVE_AND_FETCH;
        AtomicLong archived = new AtomicLong();
        AtomicLong emptyPolls = new AtomicLong();
        List<Latencies> dequeues = new ArrayList<>();
        List<Latencies> archives = new ArrayList<>();
        List<Set<Long>> seen = new ArrayList<>();
        List<DrainClient> opened = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            opened.add(clients.open(c));
            dequeues.add(new Latencies());
            archives.add(new Latencies());
            seen.add(new HashSet<>());
        }
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        long started = System.nanoTime();
        long putsBefore = puts.getAsLong();
        long finished;
        long putsDuring;
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                int me = c;
                tasks.add(pool.submit(() -> {
                    DrainClient client = opened.get(me);
                    List<Long> held = List.of();
                    while (archived.get() < total || !held.isEmpty()) {
                        long t0 = System.nanoTime();
                        List<Long> ids = ackAndFetch && !held.isEmpty() ? client.archiveAndClaim(held, batch) : client.claim(batch);
                        long t1 = System.nanoTime();
                        dequeues.get(me).add(t1 - t0);
                        archived.addAndGet(held.size());
                        held = List.of();
                        if (ids.isEmpty()) {
                            emptyPolls.incrementAndGet();
                            LockSupport.parkNanos(1_000_000);
                            continue;
                        }
                        seen.get(me).addAll(ids);
                        if (ackAndFetch) {
                            held = ids;
                            continue;
                        }
                        client.acknowledge(ids);
                        archives.get(me).add(System.nanoTime() - t1);
                        archived.addAndGet(ids.size());
                    }
                    return null;
                }));
            }
            for (Future<?> t : tasks) {
                t.get();
            }
            finished = System.nanoTime();
            putsDuring = puts.getAsLong() - putsBefore;
        } finally {
            pool.shutdownNow();
            for (DrainClient c : opened) {
                c.close();
            }
        }
        double seconds = (finished - started) / 1e9;
        Set<Long> all = new HashSet<>();
        long sum = 0;
        for (Set<Long> s : seen) {
            all.addAll(s);
            sum += s.size();
        }
        if (all.size() != total || sum != total) {
            throw new IllegalStateException("drain counted " + all.size() + " distinct and " + sum + " total messages, expected " + total);
        }
        Latencies dq = Latencies.merge(dequeues);
        Latencies ar = Latencies.merge(archives);
        return new DrainPoint(consumers, batch, total, seconds, total / seconds, dq.millis(0.5), dq.millis(0.95), dq.millis(0.99),
                ar.millis(0.5), ar.millis(0.95), ar.millis(0.99), emptyPolls.get(), putsDuring);
    }
}
