package io.pgqrs.jdbi.internal;

import io.pgqrs.Message;
import io.pgqrs.jdbi.SqlDialect;
import io.pgqrs.spi.ArchivedAndClaimed;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The claim of {@link io.pgqrs.spi.MessageTable#claim}, for every dialect: eligible messages, highest priority first,
 * then {@code (vt, id)}, read one priority level at a time from the claim index ({@code queue_id, priority DESC, vt,
 * id} over live rows). Within a level the read is an index range that ends at {@code vt <= now}, so leased and
 * delayed messages are never read, whereas one scan in {@code (priority, vt, id)} order would read through them to
 * reach the next level.
 *
 * <p>The levels a queue holds come from {@link PriorityLevels}, this process's view of them. Where an update returns
 * rows, each level is claimed by one statement, highest level first, until the batch is full: a claim that the
 * highest level fills is one plain statement, as fast as a claim without priorities. A level that gave fewer rows than
 * asked ran dry: it is skipped until the levels are read again, unless it is the last, so that a drained level does
 * not cost every claim an empty statement. The statements of one claim
 * commit one by one (inside a caller's transaction, together): when a later one fails, the messages the earlier ones
 * leased go back when their lease ends. Elsewhere the picks of every level and the update run in one transaction. A
 * claim that finds nothing reads the levels again and, when they changed, tries once more.
 */
public final class Claim {
    /** The update of a claimed row. */
    private static final String SET = "vt = <leaseEnd>, read_ct = read_ct + 1, dequeued_at = COALESCE(dequeued_at, <now>), "
            + "consumer_worker_id = :consumerId";

    /** The condition that passes over the list {@code <ids>}, for {@link #pickAtLevel}. */
    private static final String EXCEPT_IDS = "m.id NOT IN (<ids>) AND ";

    /**
     * Eligible now: live, visible, not read too often, the head of its group if it has one, and the consumer may
     * fetch. The alias is {@code m}.
     */
    private static final String ELIGIBLE = "m.queue_id = :queueId AND m.archived_at IS NULL AND m.vt <= <now> "
            + "AND m.read_ct < :maxReadCt "
            + "AND (m.group_key IS NULL OR NOT EXISTS (SELECT 1 FROM pgqrs_messages g WHERE g.queue_id = m.queue_id "
            + "AND g.group_key = m.group_key AND g.archived_at IS NULL AND g.id < m.id)) "
            + "AND EXISTS (SELECT 1 FROM pgqrs_workers w WHERE w.id = :consumerId AND w.status IN ('ready', 'polling'))";

    /** The eligible rows of one level, in {@code (vt, id)} order, under the claim lock. */
    private static final String PICK_AT_LEVEL = pickAtLevel("");

    /** As {@link #PICK_AT_LEVEL}, passing over {@code <ids>}. */
    private static final String PICK_AT_LEVEL_EXCEPT_IDS = pickAtLevel(EXCEPT_IDS);

    /** The claim of one level in one statement, where the database returns rows from an update. */
    private static final String CLAIM_AT_LEVEL = claimAtLevel("");

    /**
     * The archive of {@code <ids>} and the claim of one level in one statement, where inserts and updates may sit in
     * {@code WITH}: the claimed rows, each with every archived id, or one row of no message when nothing was claimed.
     * The claim passes over {@code <ids>}: one of them whose lease ran out is archived, not leased again (one
     * statement applies only one of two updates of a row).
     */
    private static final String ARCHIVE_AND_CLAIM_AT_LEVEL = "WITH a AS (" + Updates.ARCHIVE.oneStatement() + "), "
            + "c AS (" + claimAtLevel(EXCEPT_IDS) + ") "
            + "SELECT c.*, (SELECT array_agg(a.id) FROM a) AS archived_ids FROM (SELECT 1) AS one LEFT JOIN c ON true";

    /**
     * @param condition a condition on {@code m} ending in {@code AND}, or empty
     * @return the ids of one level's eligible rows that also meet {@code condition}, as {@link #PICK_AT_LEVEL} picks
     */
    private static String pickAtLevel(String condition) {
        return "SELECT m.id FROM pgqrs_messages m WHERE m.priority = :level AND " + condition + ELIGIBLE
                + " ORDER BY m.vt, m.id LIMIT :limit <claimLock>";
    }

    /**
     * @param condition as {@link #pickAtLevel} takes it
     * @return the update that leases what {@link #pickAtLevel} picks and returns the leased rows
     */
    private static String claimAtLevel(String condition) {
        return "UPDATE pgqrs_messages SET " + SET + " WHERE id IN (" + pickAtLevel(condition) + ") RETURNING "
                + MessageDao.COLUMNS;
    }

    private final SqlDialect dialect;
    private final PriorityLevels levels = new PriorityLevels();
    /** {@link #CLAIM_AT_LEVEL} through plain JDBC, where an update returns rows; null elsewhere. */
    private final PlainStatement<Message> claimAtLevel;
    /** As {@link #claimAtLevel}, passing over {@code <ids>}; null where an update returns no rows. */
    private final PlainStatement<Message> claimAtLevelExceptIds;
    /** {@link #ARCHIVE_AND_CLAIM_AT_LEVEL}, where the dialect allows it; null elsewhere. */
    private final PlainStatement<ArchivedOrClaimed> archiveAndClaimAtLevel;

    Claim(SqlDialect dialect) {
        this.dialect = dialect;
        this.claimAtLevel = dialect.updateReturning()
                ? new PlainStatement<>(CLAIM_AT_LEVEL, dialect, rs -> RowMappers.message(rs, dialect)) : null;
        this.claimAtLevelExceptIds = dialect.updateReturning()
                ? new PlainStatement<>(claimAtLevel(EXCEPT_IDS), dialect, rs -> RowMappers.message(rs, dialect)) : null;
        this.archiveAndClaimAtLevel = dialect.updateReturning() && dialect.dataModifyingWith()
                ? new PlainStatement<>(ARCHIVE_AND_CLAIM_AT_LEVEL, dialect, rs -> new ArchivedOrClaimed(
                        archivedIds(rs), rs.getObject("id") == null ? null : RowMappers.message(rs, dialect)))
                : null;
    }

    /** One row of {@link #ARCHIVE_AND_CLAIM_AT_LEVEL}: the archived ids, and a claimed message or null. */
    private record ArchivedOrClaimed(List<Long> archived, Message claimed) {
    }

    private static List<Long> archivedIds(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("archived_ids");
        return ids == null ? List.of() : Arrays.asList((Long[]) ids.getArray());
    }

    /**
     * Archives {@code <ids>} and claims, passing over {@code <ids>}: in one statement when the dialect allows it and the
     * queue has one priority level as far as this process knows, else in one transaction (a claim across levels takes
     * a statement per level, as {@link #run} does).
     *
     * @param runner the statement runner
     * @param queueId the queue, also bound in {@code binds}
     * @param binds as {@link #run} takes them, and the list {@code ids} with {@code consumerId} as the holder
     * @param limit the batch size bound to {@code :limit}
     * @param archive the archive of {@code <ids>}, for the transaction: the archived ids
     * @return what was archived and claimed
     */
    ArchivedAndClaimed archiveThenRun(StatementRunner runner, long queueId, Binds binds, int limit,
            Supplier<List<Long>> archive) {
        Supplier<ArchivedAndClaimed> inOneTransaction = () -> runner.inTransaction(
                () -> new ArchivedAndClaimed(archive.get(), run(runner, queueId, binds, limit, true)));
        if (archiveAndClaimAtLevel == null) {
            return inOneTransaction.get();
        }
        List<Integer> known = levels.recent(queueId);
        if (known == null) {
            known = runner.withHandle("CLAIM_MESSAGES", false, h -> levels.reread(h, queueId));
        }
        if (known.size() != 1) {
            return inOneTransaction.get();
        }
        int level = known.get(0);
        List<ArchivedOrClaimed> rows = runner.withHandle("ARCHIVE_AND_CLAIM_MESSAGES", true, h -> archiveAndClaimAtLevel
                .list(h, binds.params().bind("level", level).bind("limit", limit)));
        List<Message> claimed = rows.stream().map(ArchivedOrClaimed::claimed).filter(Objects::nonNull).toList();
        if (claimed.isEmpty()) {
            // As an empty claim does: the levels may have changed since this process read them.
            List<Integer> now = runner.withHandle("CLAIM_MESSAGES", false, h -> levels.reread(h, queueId));
            if (!now.equals(known)) {
                claimed = claimAt(runner, queueId, now, binds, limit, true);
            }
        }
        return new ArchivedAndClaimed(rows.get(0).archived(), claimed);
    }

    /**
     * @param dialect the dialect
     * @return the statement whose plan shows how the rows of one level are picked (it binds {@code :level})
     */
    public static String pickingStatement(SqlDialect dialect) {
        return dialect.updateReturning() ? CLAIM_AT_LEVEL : PICK_AT_LEVEL;
    }

    /** @return this process's view of each queue's priority levels, which inserts keep up to date */
    PriorityLevels levels() {
        return levels;
    }

    /**
     * Claims through {@code runner}: one statement per level visited, or one transaction where an update returns no rows.
     *
     * @param runner the statement runner
     * @param queueId the queue, also bound in {@code binds}
     * @param binds {@code queueId}, {@code consumerId}, {@code limit}, {@code leaseSeconds}, {@code maxReadCt}, {@code at}
     * @param limit the batch size bound to {@code :limit}
     * @return the claimed messages, level by level from the highest
     */
    List<Message> run(StatementRunner runner, long queueId, Binds binds, int limit) {
        return run(runner, queueId, binds, limit, false);
    }

    /** As {@link #run}; passing over the list {@code <ids>} bound in {@code binds} when {@code exceptIds}. */
    private List<Message> run(StatementRunner runner, long queueId, Binds binds, int limit, boolean exceptIds) {
        List<Integer> known = levels.recent(queueId);
        if (known == null) {
            known = runner.withHandle("CLAIM_MESSAGES", false, h -> levels.reread(h, queueId));
        }
        List<Message> claimed = claimAt(runner, queueId, known, binds, limit, exceptIds);
        if (claimed.isEmpty()) {
            List<Integer> now = runner.withHandle("CLAIM_MESSAGES", false, h -> levels.reread(h, queueId));
            if (!now.equals(known)) {
                claimed = claimAt(runner, queueId, now, binds, limit, exceptIds);
            }
        }
        return claimed;
    }

    private List<Message> claimAt(StatementRunner runner, long queueId, List<Integer> levelsHighestFirst, Binds binds,
            int limit, boolean exceptIds) {
        if (!dialect.updateReturning()) {
            String pick = exceptIds ? PICK_AT_LEVEL_EXCEPT_IDS : PICK_AT_LEVEL;
            return runner.atomically("CLAIM_MESSAGES", h -> pickThenUpdate(h, pick, levelsHighestFirst, binds, limit));
        }
        PlainStatement<Message> statement = exceptIds ? claimAtLevelExceptIds : claimAtLevel;
        List<Message> claimed = new ArrayList<>(limit);
        for (int i = 0; i < levelsHighestFirst.size() && claimed.size() < limit; i++) {
            int level = levelsHighestFirst.get(i);
            int wanted = limit - claimed.size();
            List<Message> got = runner.withHandle("CLAIM_MESSAGES", true, h -> statement.list(h,
                    binds.params().bind("level", level).bind("limit", wanted)));
            if (got.size() < wanted && i < levelsHighestFirst.size() - 1) {
                levels.ranDry(queueId, level);
            }
            claimed.addAll(got);
        }
        return claimed;
    }

    /** Where an update returns no rows: the ids level by level, then one update and one read. */
    private static List<Message> pickThenUpdate(Handle h, String pick, List<Integer> levelsHighestFirst, Binds binds,
            int limit) {
        List<Long> ids = new ArrayList<>(limit);
        for (int level : levelsHighestFirst) {
            if (ids.size() == limit) {
                break;
            }
            ids.addAll(binds.applyTo(h.createQuery(pick)).bind("level", level).bind("limit", limit - ids.size())
                    .mapTo(Long.class).list());
        }
        return ReturningUpdate.updatePicked(h, "pgqrs_messages", SET, MessageDao.COLUMNS, binds, ids, Message.class,
                Message::id);
    }
}
