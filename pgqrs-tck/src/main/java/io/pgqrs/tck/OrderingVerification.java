package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Consumer;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Producer;
import io.pgqrs.ValidationConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Priorities and ordered groups. A claim takes the highest priority first, then visibility time, then id; a message
 * with a group key is only claimable while no older message of its group is live, so a group gives one message at a
 * time, in order, and never holds up another group. When a test fails, check the claim's eligibility condition (the
 * group's older live messages, whatever their state) and that it reads the priority levels from the highest down.
 */
public abstract class OrderingVerification extends Verification {
    private static final Logger LOG = LoggerFactory.getLogger(OrderingVerification.class);

    /** @return how many groups the concurrent drain uses; a backend may raise it */
    protected int groupCount() {
        return 40;
    }

    /** @return how many messages each group of the concurrent drain has */
    protected int messagesPerGroup() {
        return 10;
    }

    /** @return how many consumer threads the concurrent drain runs */
    protected int consumerCount() {
        return 4;
    }

    /** Higher priorities are claimed first, then in enqueue order; priority and group come back on every read. */
    @Test
    public void o1_higherPriorityFirstThenFifo() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        Message a = p.enqueue(Map.of("n", "a"));
        Message b = p.enqueue(Map.of("n", "b"), EnqueueOptions.none().withPriority(5));
        Message c = p.enqueue(Map.of("n", "c"), EnqueueOptions.none().withPriority(-3));
        Message d = p.enqueue(Map.of("n", "d"), EnqueueOptions.none().withPriority(5).withGroup("g"));
        assertThat(a.priority()).isZero();
        assertThat(a.groupKey()).isNull();
        assertThat(b.priority()).isEqualTo(5);
        assertThat(admin.getMessage(d.id()).groupKey()).isEqualTo("g");
        assertThat(admin.getMessage(c.id()).priority()).isEqualTo(-3);
        Consumer consumer = pgqrs.consumer(q);
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<Message> got = consumer.dequeue(1);
            assertThat(got).hasSize(1);
            order.add(got.get(0).id());
        }
        assertThat(order).containsExactly(b.id(), d.id(), a.id(), c.id());
        assertThat(consumer.dequeue(1)).isEmpty();
    }

    /** A batch takes whole levels from the top and is returned highest priority first. */
    @Test
    public void o2_batchTakesTheTopLevelsFirst() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        List<Message> low = p.enqueueBatch(List.of(1, 2, 3, 4, 5));
        List<Message> high = p.enqueueBatch(List.of(6, 7, 8), EnqueueOptions.none().withPriority(1));
        List<Message> top = p.enqueueBatch(List.of(9), EnqueueOptions.none().withPriority(100));
        List<Message> got = pgqrs.consumer(q).dequeue(5);
        assertThat(got).extracting(Message::id).containsExactly(top.get(0).id(), high.get(0).id(), high.get(1).id(),
                high.get(2).id(), low.get(0).id());
    }

    /** A priority decides among visible messages only: a delayed message waits whatever its priority. */
    @Test
    public void o3_delayOutranksPriority() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        Message urgentLater = p.enqueue(1, EnqueueOptions.none().withPriority(50).withDelay(Duration.ofMinutes(1)));
        Message plain = p.enqueue(2);
        Consumer consumer = pgqrs.consumer(q);
        assertThat(consumer.dequeue(5)).extracting(Message::id).containsExactly(plain.id());
        assertThat(consumer.archive(plain.id())).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(consumer.dequeue(5)).extracting(Message::id).containsExactly(urgentLater.id());
    }

    /**
     * A group gives one message at a time in enqueue order: the next waits while the earlier one is leased, released
     * for a retry, or delayed, and goes once it is archived, deleted or dead-lettered; other groups and messages
     * without a group are not held.
     */
    @Test
    public void o4_groupDeliversOneAtATimeInOrder() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        List<Message> g = p.enqueueBatch(List.of(1, 2, 3, 4), EnqueueOptions.none().withGroup("customer-1"));
        Message other = p.enqueue(5, EnqueueOptions.none().withGroup("customer-2"));
        Message loose = p.enqueue(6);
        Consumer consumer = pgqrs.consumer(q);
        assertThat(consumer.dequeue(10)).extracting(Message::id).containsExactly(g.get(0).id(), other.id(), loose.id());
        assertThat(consumer.dequeue(10)).as("the group's head is leased").isEmpty();
        assertThat(consumer.archiveMany(List.of(other.id(), loose.id()))).containsExactly(true, true);

        assertThat(consumer.release(List.of(g.get(0).id()))).isEqualTo(1);
        assertThat(consumer.dequeue(10)).as("a released head comes back before the rest of its group")
                .extracting(Message::id).containsExactly(g.get(0).id());
        assertThat(consumer.archive(g.get(0).id())).isTrue();
        List<Message> second = consumer.dequeue(10);
        assertThat(second).extracting(Message::id).containsExactly(g.get(1).id());

        assertThat(consumer.retryLater(second.get(0), "try again", Duration.ofMinutes(5))).isTrue();
        assertThat(consumer.dequeue(10)).as("a head waiting for its retry holds the group").isEmpty();
        clock.advance(Duration.ofMinutes(6));
        List<Message> retried = consumer.dequeue(10);
        assertThat(retried).extracting(Message::id).containsExactly(g.get(1).id());
        assertThat(consumer.deadLetter(retried.get(0), "gave up")).isTrue();

        List<Message> third = consumer.dequeue(10);
        assertThat(third).as("a dead-lettered head frees the group").extracting(Message::id).containsExactly(g.get(2).id());
        assertThat(consumer.delete(third.get(0).id())).isTrue();
        assertThat(consumer.dequeue(10)).as("a deleted head frees the group").extracting(Message::id)
                .containsExactly(g.get(3).id());
    }

    /** Inside a group, order wins over priority: a later message of higher priority still waits its turn. */
    @Test
    public void o5_groupOrderWinsOverPriority() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        Message first = p.enqueue(1, EnqueueOptions.none().withGroup("g"));
        Message urgent = p.enqueue(2, EnqueueOptions.none().withGroup("g").withPriority(9));
        Consumer consumer = pgqrs.consumer(q);
        assertThat(consumer.dequeue(10)).extracting(Message::id).containsExactly(first.id());
        consumer.archive(first.id());
        assertThat(consumer.dequeue(10)).extracting(Message::id).containsExactly(urgent.id());
    }

    /** A batch may give each payload its own group; a null element has none. */
    @Test
    public void o6_batchWithAGroupPerPayload() {
        String q = newQueue();
        List<Message> stored = pgqrs.producer(q).enqueueBatch(List.of(1, 2, 3, 4),
                EnqueueOptions.none().withGroups(Arrays.asList("a", "b", "a", null)));
        assertThat(stored).extracting(Message::groupKey).containsExactly("a", "b", "a", null);
        assertThat(pgqrs.consumer(q).dequeue(10)).extracting(Message::id)
                .containsExactly(stored.get(0).id(), stored.get(1).id(), stored.get(3).id());
    }

    /**
     * A level another connection introduces is claimed at once by a claim that finds nothing else, whatever this
     * connection knew of the queue's levels.
     */
    @Test
    public void o9_aLevelFromAnotherConnectionIsClaimed() {
        String q = newQueue();
        var other = connect(b -> b);
        Consumer consumer = other.consumer(q);
        assertThat(consumer.dequeue(5)).as("the levels of the empty queue are now known").isEmpty();
        share(other, pgqrs);
        Message urgent = pgqrs.producer(q).enqueue(1, EnqueueOptions.none().withPriority(42));
        share(pgqrs, other);
        assertThat(consumer.dequeue(5)).extracting(Message::id).containsExactly(urgent.id());
    }

    /** Bad priorities and group keys are refused before anything is written, saying what to do. */
    @Test
    public void o7_badPrioritiesAndGroupsAreRefused() {
        assertThat(refusal(() -> EnqueueOptions.none().withPriority(EnqueueOptions.MAX_PRIORITY + 1))).contains("outside");
        assertThat(refusal(() -> EnqueueOptions.none().withPriority(EnqueueOptions.MIN_PRIORITY - 1))).contains("outside");
        assertThat(refusal(() -> EnqueueOptions.none().withGroup(""))).contains("empty");
        assertThat(refusal(() -> EnqueueOptions.none().withGroup("x".repeat(EnqueueOptions.MAX_GROUP_LENGTH + 1))))
                .contains("exceeds");
        String q = newQueue();
        assertThat(refusal(() -> pgqrs.producer(q).enqueueBatch(List.of(1, 2, 3),
                EnqueueOptions.none().withGroups(List.of("a", "b"))))).contains("2 group keys for 3 payloads");
        assertThat(admin.listMessages(q)).as("nothing written").isEmpty();
        Message longest = pgqrs.producer(q).enqueue(1, EnqueueOptions.none()
                .withGroup("é".repeat(EnqueueOptions.MAX_GROUP_LENGTH)).withPriority(EnqueueOptions.MIN_PRIORITY));
        assertThat(admin.getMessage(longest.id()).groupKey()).hasSize(EnqueueOptions.MAX_GROUP_LENGTH);
        assertThat(admin.getMessage(longest.id()).priority()).isEqualTo(EnqueueOptions.MIN_PRIORITY);
    }

    private static String refusal(ThrowingCallable call) {
        return assertFails(ErrorKind.VALIDATION_FAILED, call).getMessage();
    }

    /**
     * Several consumers drain many groups while one group's head fails on every delivery (released at once, never
     * archived): every other group drains
     * completely and in order, no group ever has two messages leased at once, and nothing is delivered twice while
     * its lease holds.
     *
     * @throws Exception the failure of a consumer thread, or its timeout
     */
    @Test
    public void o8_groupsDrainInOrderWhileOneHeadFailsForever() throws Exception {
        int groups = groupCount();
        int perGroup = messagesPerGroup();
        int consumers = consumerCount();
        String q = newQueue();
        var live = connect(b -> b.clock(null).defaultLockTime(Duration.ofMinutes(10)).maxReadCt(1_000_000)
                .validation(ValidationConfig.defaults().withRateLimit(null, null)));
        Producer producer = live.producer(q);
        Map<Long, Integer> groupOf = new ConcurrentHashMap<>();
        for (int i = 0; i < perGroup; i++) {
            for (int from = 0; from < groups; from += 100) {
                List<String> keys = new ArrayList<>();
                List<Integer> payloads = new ArrayList<>();
                for (int g = from; g < Math.min(groups, from + 100); g++) {
                    keys.add("group-" + g);
                    payloads.add(g);
                }
                List<Message> stored = producer.enqueueBatch(payloads, EnqueueOptions.none().withGroups(keys));
                for (int k = 0; k < stored.size(); k++) {
                    groupOf.put(stored.get(k).id(), payloads.get(k));
                }
            }
        }
        long failingHead = groupOf.entrySet().stream().filter(e -> e.getValue() == 0).mapToLong(Map.Entry::getKey)
                .min().orElseThrow();
        int expected = (groups - 1) * perGroup;
        Map<Integer, List<Long>> archivedInOrder = new ConcurrentHashMap<>();
        Set<Integer> leasedGroups = ConcurrentHashMap.newKeySet();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger archived = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Instant deadline = Instant.now().plus(TestEnvironment.timeout(Duration.ofMinutes(3)));
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        List<Future<?>> tasks = new ArrayList<>();
        try {
            for (int c = 0; c < consumers; c++) {
                tasks.add(pool.submit(() -> {
                    try (Consumer consumer = live.consumer(q)) {
                        while (archived.get() < expected && Instant.now().isBefore(deadline)) {
                            List<Long> done = new ArrayList<>();
                            for (Message m : consumer.poll(10, Duration.ofMillis(100))) {
                                int group = groupOf.get(m.id());
                                if (!leasedGroups.add(group)) {
                                    violations.add("group " + group + " had two messages leased at once");
                                }
                                if (m.id() == failingHead) {
                                    failures.incrementAndGet();
                                    leasedGroups.remove(group);
                                    consumer.release(List.of(m.id()));
                                    continue;
                                }
                                archivedInOrder.computeIfAbsent(group, k -> Collections.synchronizedList(new ArrayList<>()))
                                        .add(m.id());
                                done.add(m.id());
                            }
                            // Free the groups before the archive commits: the next message of a group may go at once.
                            done.forEach(id -> leasedGroups.remove(groupOf.get(id)));
                            archived.addAndGet((int) consumer.archiveMany(done).stream().filter(b -> b).count());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> t : tasks) {
                t.get(TestEnvironment.timeout(Duration.ofMinutes(4)).toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(violations).isEmpty();
        assertThat(archived.get()).as("messages of healthy groups archived").isEqualTo(expected);
        assertThat(failures.get()).as("the failing head was delivered").isPositive();
        assertThat(archivedInOrder).as("groups that drained").hasSize(groups - 1).doesNotContainKey(0);
        archivedInOrder.forEach((group, ids) -> assertThat(ids).as("group %d in order, each once", group)
                .hasSize(perGroup).isSorted().doesNotHaveDuplicates());
        share(live, pgqrs);
        assertThat(admin.queueMetrics(q).pendingMessages() + admin.queueMetrics(q).lockedMessages())
                .as("only the failing group is left").isEqualTo(perGroup);
        LOG.info("{} groups x {} messages, {} consumers: {} archived in group order, the failing head delivered {} times, "
                + "{} messages of its group left", groups, perGroup, consumers, archived.get(), failures.get(), perGroup);
    }
}
