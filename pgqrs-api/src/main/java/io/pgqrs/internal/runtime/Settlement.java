package io.pgqrs.internal.runtime;

import io.pgqrs.Message;
import io.pgqrs.PostponeMessage;
import io.pgqrs.RetryPolicy;
import io.pgqrs.internal.SharedCommits;
import io.pgqrs.internal.consumer.DefaultConsumer;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies a handler run's outcome to its messages: archive or delete on success, the retry policy on failure. */
final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

    private final SharedCommits commits;
    private final DefaultConsumer consumer;
    private final RuntimeSettings settings;
    private final RuntimeCounters counters;

    Settlement(SharedCommits commits, DefaultConsumer consumer, RuntimeSettings settings, RuntimeCounters counters) {
        this.commits = commits;
        this.consumer = consumer;
        this.settings = settings;
        this.counters = counters;
    }

    /**
     * Archives (or deletes) the messages of deliveries whose handlers succeeded, in one statement; in one transaction
     * with the writes their handlers deferred to it, when there are any. On a store that takes one write at a time the
     * commit is shared with the other writes of this process waiting for one (the steps of workflow runs).
     */
    void succeeded(List<Delivery> deliveries) {
        boolean deferred = deliveries.stream().anyMatch(d -> !d.settlementWrites().isEmpty());
        count(deliveries, deferred ? commits.write(() -> settle(deliveries)) : commits.writeOne(() -> settle(deliveries)));
    }

    /**
     * Runs the writes the deliveries' handlers deferred to their settlement, then archives (or deletes) their messages
     * in one statement, without counting: call it inside a transaction when a delivery has deferred writes, and call
     * {@link #count} once the transaction that carries it committed.
     *
     * @return for each message of the deliveries, in order, whether it was settled
     */
    List<Boolean> settle(List<Delivery> deliveries) {
        deliveries.forEach(d -> d.settlementWrites().forEach(Runnable::run));
        List<Long> ids = ids(deliveries);
        return settings.deleteOnSuccess() ? consumer.deleteMany(ids) : consumer.archiveMany(ids);
    }

    /**
     * @param deliveries successes to settle
     * @return whether settling them is archiving their messages and nothing else (no delete, no deferred writes)
     */
    boolean onlyArchives(List<Delivery> deliveries) {
        return !settings.deleteOnSuccess() && deliveries.stream().allMatch(d -> d.settlementWrites().isEmpty());
    }

    /** Counts settled successes and reports messages whose lease ran out before their settlement. */
    void count(List<Delivery> deliveries, List<Boolean> done) {
        List<Long> ids = ids(deliveries);
        for (int i = 0; i < ids.size(); i++) {
            if (done.get(i)) {
                counters.succeeded.increment();
            } else {
                leaseLost(ids.get(i), "its handler succeeded");
            }
        }
    }

    static List<Long> ids(List<Delivery> deliveries) {
        return deliveries.stream().flatMap(d -> d.ids().stream()).toList();
    }

    /**
     * Postpones the delivery's messages by the handler's delay; with the writes the handler deferred to the
     * postponement, in one transaction, and at once (no delay) when one of them answers that it no longer applies.
     * Counted once committed, so that whoever watches the counters sees the postponement's writes.
     */
    void postponed(Delivery delivery, PostponeMessage why) {
        List<BooleanSupplier> writes = delivery.postponementWrites();
        Postponement result = writes.isEmpty() ? postpone(delivery, why.delay()) : commits.write(() -> {
            boolean applies = true;
            for (BooleanSupplier write : writes) {
                applies &= write.getAsBoolean();
            }
            return postpone(delivery, applies ? why.delay() : Duration.ZERO);
        });
        List<Message> messages = delivery.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (result.done().get(i)) {
                counters.postponed.increment();
                LOG.debug("Message {} of queue '{}' postponed for {}: {}", messages.get(i).id(), settings.queue(),
                        result.delay(), why.getMessage());
            } else {
                leaseLost(messages.get(i).id(), "it was to be postponed");
            }
        }
    }

    /** For each message of a delivery, in order, whether it was postponed, and by how long. */
    private record Postponement(Duration delay, List<Boolean> done) {
    }

    private Postponement postpone(Delivery delivery, Duration delay) {
        return new Postponement(delay, delivery.messages().stream().map(m -> consumer.postpone(m, delay)).toList());
    }

    void failed(Delivery delivery, String error) {
        RetryPolicy retry = settings.retry();
        for (Message m : delivery.messages()) {
            if (retry.isExhausted(m.readCt())) {
                if (consumer.deadLetter(m, error)) {
                    counters.deadLettered.increment();
                    LOG.warn("Message {} of queue '{}' failed on its last attempt ({} of {}) and is now a dead letter: {}",
                            m.id(), settings.queue(), m.readCt(), retry.maxAttempts(), firstLine(error));
                } else {
                    leaseLost(m.id(), "it failed");
                }
            } else {
                Duration delay = retry.delayAfter(m.readCt());
                if (consumer.retryLater(m, error, delay)) {
                    counters.retried.increment();
                    LOG.info("Message {} of queue '{}' failed on attempt {} of {}; retrying after {}: {}", m.id(),
                            settings.queue(), m.readCt(), retry.maxAttempts(), delay, firstLine(error));
                } else {
                    leaseLost(m.id(), "it failed");
                }
            }
        }
    }

    void leaseLost(long messageId, String when) {
        counters.lostLeases.increment();
        LOG.warn("Message {} of queue '{}' was no longer held by worker {} when {}: its lease ran out and another "
                + "worker may handle it again; give the worker a longer lease", messageId, settings.queue(), consumer.id(), when);
    }

    private static String firstLine(String error) {
        int end = error.indexOf('\n');
        return end < 0 ? error : error.substring(0, end);
    }
}
