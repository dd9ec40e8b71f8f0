package io.pgqrs.jdbi.internal;

import io.pgqrs.Message;
import io.pgqrs.jdbi.SqlDialect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The claim of {@link io.pgqrs.spi.MessageTable#claim}, for every dialect: eligible messages, highest priority first,
 * then {@code (vt, id)}, read one priority level at a time from the claim index ({@code queue_id, priority DESC, vt,
 * id} over live rows). Reading by level keeps the cost to the batch and the levels visited: inside a level the scan
 * is a range that ends at {@code vt <= now}, so messages that are leased or delayed are never read, whereas one scan in
 * {@code (priority, vt, id)} order would read through them to reach the next level.
 *
 * <p>Where the database has {@code LATERAL} (see {@link SqlDialect#lateralJoins()}) the walk over the levels is one
 * statement: a recursive query finds the levels present, highest first, each with one index probe, and a lateral
 * subquery takes each level's eligible rows under the claim lock until the batch is full. Elsewhere the same steps
 * are separate statements in one transaction: the next level, that level's rows, until the batch is full, then the
 * update.
 */
public final class Claim {
    /** The update of a claimed row. */
    private static final String SET = "vt = <leaseEnd>, read_ct = read_ct + 1, dequeued_at = COALESCE(dequeued_at, <now>), "
            + "consumer_worker_id = :consumerId";

    /**
     * Eligible now: live, visible, not read too often, the head of its group if it has one, and the consumer may
     * fetch. The alias is {@code m}.
     */
    private static final String ELIGIBLE = "m.queue_id = :queueId AND m.archived_at IS NULL AND m.vt <= <now> "
            + "AND m.read_ct < :maxReadCt "
            + "AND (m.group_key IS NULL OR NOT EXISTS (SELECT 1 FROM pgqrs_messages g WHERE g.queue_id = m.queue_id "
            + "AND g.group_key = m.group_key AND g.archived_at IS NULL AND g.id < m.id)) "
            + "AND EXISTS (SELECT 1 FROM pgqrs_workers w WHERE w.id = :consumerId AND w.status IN ('ready', 'polling'))";

    /** The highest priority of the queue's live messages below {@code :below}: one probe of the claim index. */
    private static final String LEVEL_BELOW = "SELECT l.priority FROM pgqrs_messages l WHERE l.queue_id = :queueId "
            + "AND l.archived_at IS NULL AND l.priority < :below ORDER BY l.priority DESC LIMIT 1";

    /** The eligible rows of one level, in {@code (vt, id)} order, under the claim lock. */
    private static final String PICK_AT_LEVEL = "SELECT m.id FROM pgqrs_messages m WHERE m.priority = :level AND "
            + ELIGIBLE + " ORDER BY m.vt, m.id LIMIT :limit <claimLock>";

    /** The walk in one statement, with {@code LATERAL}. */
    private static final String ONE_STATEMENT = "UPDATE pgqrs_messages SET " + SET + " WHERE id IN ("
            + "WITH RECURSIVE levels(level) AS ("
            + "(SELECT t.priority FROM pgqrs_messages t WHERE t.queue_id = :queueId AND t.archived_at IS NULL "
            + "ORDER BY t.priority DESC LIMIT 1) "
            + "UNION ALL SELECT (SELECT l.priority FROM pgqrs_messages l WHERE l.queue_id = :queueId "
            + "AND l.archived_at IS NULL AND l.priority < levels.level ORDER BY l.priority DESC LIMIT 1) "
            + "FROM levels WHERE levels.level IS NOT NULL) "
            + "SELECT c.id FROM levels CROSS JOIN LATERAL (SELECT m.id FROM pgqrs_messages m "
            + "WHERE m.priority = levels.level AND " + ELIGIBLE + " ORDER BY m.vt, m.id LIMIT :limit <claimLock>) c "
            + "LIMIT :limit) RETURNING " + MessageDao.COLUMNS;

    private final SqlDialect dialect;

    Claim(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** @return whether {@link #run} is one statement, which needs no transaction of its own */
    boolean oneStatement() {
        return dialect.lateralJoins();
    }

    /**
     * @param dialect the dialect
     * @return the statement whose plan shows how rows are picked: the whole claim, or the pick of one level (which
     *         binds {@code :level})
     */
    public static String pickingStatement(SqlDialect dialect) {
        return dialect.lateralJoins() ? ONE_STATEMENT : PICK_AT_LEVEL;
    }

    /**
     * Claims; unless {@link #oneStatement()}, the handle must be in a transaction.
     *
     * @param h the handle
     * @param queueId the queue, also bound in {@code binds}
     * @param binds {@code queueId}, {@code consumerId}, {@code limit}, {@code leaseSeconds}, {@code maxReadCt}, {@code at}
     * @param limit the batch size bound to {@code :limit}
     * @return the claimed messages, in the order they were picked
     */
    List<Message> run(Handle h, long queueId, Binds binds, int limit) {
        if (oneStatement()) {
            return binds.applyTo(h.createQuery(ONE_STATEMENT)).mapTo(Message.class).list();
        }
        List<Long> ids = pick(h, queueId, binds, limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Message> rows;
        String update = "UPDATE pgqrs_messages SET " + SET + " WHERE id IN (<pgqrs_picked>)";
        if (dialect.updateReturning()) {
            rows = binds.applyTo(h.createQuery(update + " RETURNING " + MessageDao.COLUMNS)).bindList("pgqrs_picked", ids)
                    .mapTo(Message.class).list();
        } else {
            binds.applyTo(h.createUpdate(update)).bindList("pgqrs_picked", ids).execute();
            rows = h.createQuery("SELECT " + MessageDao.COLUMNS + " FROM pgqrs_messages WHERE id IN (<pgqrs_picked>)")
                    .bindList("pgqrs_picked", ids).mapTo(Message.class).list();
        }
        Map<Long, Integer> position = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        return rows.stream().sorted(Comparator.comparingInt(m -> position.get(m.id()))).toList();
    }

    /** The ids of the batch, level by level from the highest. */
    private List<Long> pick(Handle h, long queueId, Binds binds, int limit) {
        List<Long> ids = new ArrayList<>(limit);
        long below = Long.MAX_VALUE;
        while (ids.size() < limit) {
            List<Integer> level = h.createQuery(LEVEL_BELOW).bind("queueId", queueId).bind("below", below)
                    .mapTo(Integer.class).list();
            if (level.isEmpty()) {
                break;
            }
            below = level.get(0);
            ids.addAll(binds.applyTo(h.createQuery(PICK_AT_LEVEL)).bind("level", below).bind("limit", limit - ids.size())
                    .mapTo(Long.class).list());
        }
        return ids;
    }
}
