package io.pgqrs.spi;

import io.pgqrs.Message;
import io.pgqrs.MessageState;
import io.pgqrs.MessageFailure;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * Storage steps on {@code pgqrs_messages}. Each method is one atomic step; "now" is {@code at} or,
 * when {@code at} is null, the store's clock. "Live" means not archived.
 *
 * <p>"Held by the consumer" means {@code consumer_worker_id} names it, whether or not its lease
 * ({@code vt}) has expired: the column records the last holder until another claim takes the message. So a
 * consumer whose lease expired may still archive, delete, extend or release the message until someone else
 * claimed it; after that those calls leave the row alone and do not return its id.
 */
public interface MessageTable {

    /**
     * Inserts messages in one atomic step, all with {@code enqueued_at = now}, {@code vt = now + delaySeconds}.
     *
     * <p>A message with an idempotency key is not inserted while another row of the queue holds that key; that row is
     * returned in its place, marked {@link Message#duplicate()}. An archived row holds its key until
     * {@code archived_at + idempotencyWindowSeconds} has passed (the window it was inserted with); the insert frees
     * such an expired key first. Racing inserts of one key store exactly one row, decided by a unique index on
     * ({@code queue_id}, idempotency key), never by a read before the write; rows without a key never collide. The
     * library gives distinct keys within one call.
     *
     * @param queueId the queue
     * @param producerId the producing worker
     * @param messages payloads, headers and keys, already validated, stored in this order (new ids ascending)
     * @param delaySeconds visibility delay, 0 for none
     * @param at the time, or null
     * @return one row per message, in the order of {@code messages}: the new row, or the duplicate's holder
     */
    List<Message> insert(long queueId, long producerId, List<NewMessage> messages, long delaySeconds, Instant at);

    /**
     * Leases up to {@code limit} eligible messages to a consumer. Eligible: same queue, live,
     * {@code read_ct < maxReadCt}, {@code vt <= now} (an expired lease makes a message eligible again) and, for a
     * message with a group key, no live message of the same queue and group with a smaller id (whatever that one's
     * state: leased, delayed or past its reads), so a group gives at most one message at a time, in id order.
     * Taken in order of {@code priority} descending, then {@code vt}, then {@code id}, both ascending, at a cost that
     * does not grow with the backlog: an index on ({@code queue_id}, {@code priority} descending, {@code vt},
     * {@code id}) over live rows, read one priority at a time (the highest priority present first, then the next
     * lower one …) as a range of that index up to {@code vt <= now}, without a sort; the group condition is a lookup
     * in an index on ({@code queue_id}, group key, {@code id}) over live grouped rows. Sets
     * {@code vt = now + leaseSeconds}, {@code read_ct + 1}, {@code dequeued_at} if unset and
     * {@code consumer_worker_id}. Concurrent claims never return the same row. A claim that spans several priority
     * levels may be one atomic step per level; when a later step fails, the rows the earlier ones leased stay leased
     * until their lease ends and are then delivered again, so nothing is lost.
     *
     * <p>The claim takes nothing when the consumer's worker row is not {@code ready} or {@code polling}
     * (suspended, interrupted, stopped or missing), checked in the same atomic step: the library relies on it so
     * that a consumer suspended by another process stops fetching at once.
     *
     * @param queueId the queue
     * @param consumerId the consumer
     * @param limit at most this many, at least 1
     * @param leaseSeconds lease length
     * @param maxReadCt leases after which a message is no longer delivered
     * @param at the time, or null
     * @return the leased rows after the update, in any order
     */
    List<Message> claim(long queueId, long consumerId, int limit, long leaseSeconds, int maxReadCt, Instant at);

    /**
     * Archives those of {@code ids} that are live and held by the consumer.
     *
     * @param consumerId the holder
     * @param ids message ids
     * @param at the time, or null
     * @return the archived ids, in any order
     */
    List<Long> archive(long consumerId, List<Long> ids, Instant at);

    /**
     * Archives those of {@code ids} that the consumer holds, as {@link #archive} does, and claims the next messages, as
     * {@link #claim} does but never one of {@code ids}, in one atomic write: a consumer that settles a batch and
     * fetches the next pays one commit (on a store kept as one object, one upload), and one round trip where it is one
     * statement. The claim need not see the archive (a grouped message behind one archived here may wait for the next
     * claim). A store that cannot do both in one write writes nothing and answers empty, and the caller calls
     * {@link #archive} and {@link #claim} in one transaction; the default answers empty.
     *
     * @param consumerId the holder of {@code ids}, and the claiming consumer
     * @param ids message ids to archive, at least one
     * @param queueId the queue to claim from
     * @param limit at most this many to claim
     * @param leaseSeconds lease length
     * @param maxReadCt only rows with {@code read_ct < maxReadCt}
     * @param at the time, or null
     * @return what was archived and claimed, or empty when nothing was written
     */
    default Optional<ArchivedAndClaimed> archiveAndClaim(long consumerId, List<Long> ids, long queueId, int limit,
                                                         long leaseSeconds, int maxReadCt, Instant at) {
        return Optional.empty();
    }

    /**
     * Deletes those of {@code ids} held by the consumer (archived ones included).
     *
     * @param consumerId the holder
     * @param ids message ids
     * @return the deleted ids
     */
    List<Long> delete(long consumerId, List<Long> ids);

    /**
     * Moves {@code vt} forward by {@code seconds} from its current value for live messages held by the consumer.
     *
     * @param consumerId the holder
     * @param ids message ids
     * @param seconds how far
     * @return the extended ids
     */
    List<Long> extend(long consumerId, List<Long> ids, long seconds);

    /**
     * Releases live messages held by the consumer: {@code consumer_worker_id = NULL}, {@code vt = now + delaySeconds}.
     *
     * @param consumerId the holder
     * @param ids message ids
     * @param delaySeconds 0 to make them ready at once
     * @param at the time, or null
     * @return the released ids
     */
    List<Long> release(long consumerId, List<Long> ids, long delaySeconds, Instant at);

    /**
     * Gives live messages held by the consumer back for later without using up an attempt: as {@link #release},
     * and {@code read_ct} goes back down by one (not below 0), so that waiting (a durable sleep, a retry scheduled by
     * a workflow step) never makes a message a dead letter.
     *
     * @param consumerId the holder
     * @param ids message ids
     * @param delaySeconds how long they stay invisible
     * @param at the time, or null
     * @return the postponed ids
     */
    List<Long> postpone(long consumerId, List<Long> ids, long delaySeconds, Instant at);

    /**
     * Makes a live message that nobody holds visible now ({@code vt = now}) if it is not yet: a postponed workflow
     * trigger whose run was resumed or cancelled.
     *
     * @param id the message
     * @param at the time, or null
     * @return true if its {@code vt} was moved
     */
    boolean wake(long id, Instant at);

    /**
     * Moves live messages held by the consumer to the dead letters at once: archived now, with {@code read_ct}
     * raised to {@code minReadCt} when it is lower, so that they count as dead letters (archived and read at least
     * {@code max_read_ct} times) whatever attempt they failed on.
     *
     * @param consumerId the holder
     * @param ids message ids
     * @param minReadCt the dead-letter threshold
     * @param at the time, or null
     * @return the ids moved
     */
    List<Long> deadLetter(long consumerId, List<Long> ids, int minReadCt, Instant at);

    /**
     * Records a failed attempt at handling a message, kept until the message is deleted.
     *
     * @param messageId the message
     * @param attempt its {@code read_ct} when it failed
     * @param error what went wrong
     * @param at the time, or null
     */
    void recordFailure(long messageId, int attempt, String error, Instant at);

    /**
     * @param messageId a message
     * @return its recorded failures, oldest first; empty when it never failed or does not exist
     */
    List<MessageFailure> failures(long messageId);

    /**
     * The last recorded failure of each of several messages, in one read where the store can (a dashboard's page of
     * dead letters shows each one's last error). The default reads {@link #failures} per message.
     *
     * @param messageIds messages
     * @return for each of them that ever failed, its most recent failure; messages that never failed are absent
     */
    default Map<Long, MessageFailure> lastFailures(Collection<Long> messageIds) {
        Map<Long, MessageFailure> last = new HashMap<>();
        for (long id : messageIds) {
            List<MessageFailure> all = failures(id);
            if (!all.isEmpty()) {
                last.put(id, all.get(all.size() - 1));
            }
        }
        return last;
    }

    /**
     * Releases every live message the worker holds ({@code vt = now}), keeping {@code read_ct}.
     *
     * @param workerId the holder
     * @param at the time, or null
     * @return how many were released
     */
    long releaseAllHeldBy(long workerId, Instant at);

    /**
     * Reads one message row.
     *
     * @param id a message id
     * @return the row in any state, if it exists
     */
    Optional<Message> get(long id);

    /**
     * @param queueId the queue
     * @param limit at most this many rows
     * @return live messages of the queue, newest {@code enqueued_at} first, ties by the higher id first
     */
    List<Message> listLive(long queueId, int limit);

    /**
     * @param queueId the queue
     * @param minReadCt only rows with {@code read_ct >= minReadCt} (the dead letters), or 0 for all
     * @return archived messages of the queue, most recently archived first, ties by the higher id first
     */
    List<Message> listArchived(long queueId, int minReadCt);

    /**
     * One page of a queue's messages by keyset: the newest ids below {@code beforeId} in the given state. A store
     * answers it from an index on the id, never by skipping rows.
     *
     * @param queueId the queue
     * @param state which messages
     * @param beforeId only ids below this one ({@link Long#MAX_VALUE} for the first page)
     * @param limit at most this many
     * @param maxReadCt deliveries from which an archived message is dead ({@link MessageState#DEAD})
     * @param at the time that decides whether a lease holds, or null for the store clock
     * @return the page, highest id first
     */
    List<Message> page(long queueId, MessageState state, long beforeId, int limit, int maxReadCt, Instant at);

    /**
     * Lists the messages a worker leased last, e.g. to show what a stopped worker left behind.
     *
     * @param workerId a worker
     * @return every message, archived included, whose last holder it is, by id
     */
    List<Message> listHeldBy(long workerId);

    /**
     * Counts the live messages a worker holds; a consumer that holds some may not stop.
     *
     * @param workerId a worker
     * @return how many live messages name it as holder
     */
    long countLiveHeldBy(long workerId);

    /**
     * Archives every live message of every queue with {@code read_ct >= maxReadCt}: these are the dead
     * letters, which no claim delivers any more.
     *
     * @param maxReadCt the dead-letter threshold
     * @param at the time, or null
     * @return the archived ids, ascending
     */
    List<Long> archiveDeadLetters(int maxReadCt, Instant at);

    /**
     * Puts an archived message back in line as if new: not archived, {@code read_ct = 0},
     * {@code vt = enqueued_at = now}, no holder, no {@code dequeued_at}; the id, payload and producer stay. Works
     * for any archived message, dead letter or not.
     *
     * @param id the message
     * @param at the time, or null
     * @return the replayed row, or empty when it does not exist or is not archived
     */
    Optional<Message> replay(long id, Instant at);

    /**
     * Puts a dead letter back in line (a redrive): only when the row is still a dead letter, archived with
     * {@code read_ct >= minReadCt}, it becomes not archived, {@code read_ct = 0}, {@code vt = now}, no holder, no
     * {@code dequeued_at}, and its headers become {@code headers}; the id, payload, producer and {@code enqueued_at}
     * stay. A row that is live, or archived but not dead, is left alone, so that racing redrives move it once.
     *
     * @param id the message
     * @param minReadCt the dead-letter threshold ({@code max_read_ct})
     * @param headers the message's new headers, a compact JSON object of strings (the old ones and the audit)
     * @param at the time, or null
     * @return the row after the change, or empty when it does not exist or is not a dead letter
     */
    Optional<Message> redrive(long id, int minReadCt, String headers, Instant at);

    /**
     * Deletes every message of a queue, live and archived, as purging the queue does.
     *
     * @param queueId the queue
     * @return how many rows were deleted (all states)
     */
    long deleteByQueue(long queueId);

    /**
     * Counts every message row of a queue; a queue with rows may not be deleted.
     *
     * @param queueId the queue
     * @return how many rows it has, archived included
     */
    long countByQueue(long queueId);

    /**
     * Counts the message rows that reference a worker; a referenced worker row may not be deleted.
     *
     * @param workerId a worker
     * @return how many rows name it as producer or consumer, archived included
     */
    long countReferencing(long workerId);
}
