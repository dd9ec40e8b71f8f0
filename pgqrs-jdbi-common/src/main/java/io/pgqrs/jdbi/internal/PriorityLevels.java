package io.pgqrs.jdbi.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;

/**
 * This process's view of the priority levels each queue holds, for {@link Claim}: read from the claim index with one
 * probe per level (the highest priority below the last one found), kept for {@link #MAX_AGE_NANOS}, and brought up to
 * date at once when this process inserts a message of a level it did not know. A level another process introduces is
 * therefore claimed in its turn within that age, and at once by a claim that would otherwise come back empty
 * ({@link Claim} reads the levels again then).
 */
final class PriorityLevels {
    /** How long a queue's levels are used before they are read again. */
    static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The highest priority of the queue's live messages below {@code :below}: one probe of the claim index. */
    private static final String LEVEL_BELOW = "SELECT l.priority FROM pgqrs_messages l WHERE l.queue_id = :queueId "
            + "AND l.archived_at IS NULL AND l.priority < :below ORDER BY l.priority DESC LIMIT 1";

    private record Known(List<Integer> highestFirst, long readNanos) {
    }

    private final Map<Long, Known> byQueue = new ConcurrentHashMap<>();

    /**
     * @param queueId a queue
     * @return its levels, highest first, as last read, or null when they were never read or not recently enough
     */
    List<Integer> recent(long queueId) {
        Known known = byQueue.get(queueId);
        return known != null && System.nanoTime() - known.readNanos() < MAX_AGE_NANOS ? known.highestFirst() : null;
    }

    /**
     * @param h a handle
     * @param queueId a queue
     * @return its levels, highest first, read now; a queue without live messages has the default level only
     */
    List<Integer> reread(Handle h, long queueId) {
        long readNanos = System.nanoTime();
        List<Integer> levels = new ArrayList<>();
        long below = Long.MAX_VALUE;
        while (true) {
            List<Integer> next = h.createQuery(LEVEL_BELOW).bind("queueId", queueId).bind("below", below)
                    .mapTo(Integer.class).list();
            if (next.isEmpty()) {
                break;
            }
            levels.add(next.get(0));
            below = next.get(0);
        }
        if (levels.isEmpty()) {
            levels.add(0);
        }
        List<Integer> read = List.copyOf(levels);
        byQueue.put(queueId, new Known(read, readNanos));
        return read;
    }

    /**
     * Skips a level until the levels are read again: a claim found fewer eligible messages there than it asked for.
     * Messages of that level that become eligible before the next read (a lease that ends, a retry that falls due)
     * wait for it, at most {@link #MAX_AGE_NANOS}, unless lower levels have nothing either.
     *
     * @param queueId a queue
     * @param level one of its levels
     */
    void ranDry(long queueId, int level) {
        byQueue.computeIfPresent(queueId, (id, known) -> {
            List<Integer> rest = new ArrayList<>(known.highestFirst());
            rest.remove(Integer.valueOf(level));
            return rest.isEmpty() ? known : new Known(List.copyOf(rest), known.readNanos());
        });
    }

    /**
     * Adds the levels of messages this process just inserted, so that its next claim takes them in their turn.
     *
     * @param queueId a queue
     * @param priorities the priorities of the inserted messages
     */
    void inserted(long queueId, Collection<Integer> priorities) {
        byQueue.computeIfPresent(queueId, (id, known) -> {
            if (known.highestFirst().containsAll(priorities)) {
                return known;
            }
            List<Integer> merged = new ArrayList<>(known.highestFirst());
            priorities.stream().filter(p -> !merged.contains(p)).distinct().forEach(merged::add);
            merged.sort(Comparator.reverseOrder());
            return new Known(List.copyOf(merged), known.readNanos());
        });
    }
}
