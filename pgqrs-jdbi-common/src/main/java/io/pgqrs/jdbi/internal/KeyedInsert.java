package io.pgqrs.jdbi.internal;

import io.pgqrs.Message;
import io.pgqrs.PgqrsException;
import io.pgqrs.jdbi.SqlDialect;
import io.pgqrs.spi.NewMessage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.Mappers;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The insert of messages of which some carry idempotency keys: frees the keys of archived rows whose window has
 * passed, inserts letting the unique index skip keys that are taken, then reads the rows holding the skipped keys
 * (where the insert returns the existing rows too, as on MariaDB, the dialect names them and they need no read).
 * Every step is a conditional statement on the index, so racing callers agree without reading before they write.
 */
final class KeyedInsert {
    /** A holder can lose its key between the skipped insert and the read (archived and freed): try that key again. */
    private static final int ATTEMPTS = 3;

    private final String insert;
    private final String free;
    private final String existingReset;
    private final String existingQuery;

    KeyedInsert(SqlDialect dialect) {
        this.insert = MessageDao.insertKeyed(dialect);
        this.free = MessageDao.freeExpiredKeys(dialect);
        this.existingReset = dialect.existingRowsReset();
        this.existingQuery = dialect.existingRowsQuery();
    }

    /** A row as the keyed statements return it. */
    private record Row(Message message, String key) {
    }

    /**
     * @param h a handle in a transaction
     * @param queueId the queue
     * @param producerId the producer
     * @param messages the messages, keys distinct
     * @param delaySeconds the visibility delay
     * @param at the time, or null
     * @return one row per message in their order, holders of taken keys marked as duplicates
     */
    List<Message> run(Handle h, long queueId, long producerId, List<NewMessage> messages, long delaySeconds, Instant at) {
        Map<String, Message> byKey = new HashMap<>();
        Deque<Message> unkeyed = new ArrayDeque<>();
        List<NewMessage> pending = messages;
        for (int attempt = 0; attempt < ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<String> keys = pending.stream().map(NewMessage::idempotencyKey).filter(k -> k != null).toList();
            h.createUpdate(free).bind("queueId", queueId).bindList("keys", keys).bindByType("at", at, Instant.class).execute();
            if (existingReset != null) {
                h.execute(existingReset);
            }
            List<Row> inserted = h.createQuery(insert).bind("queueId", queueId).bind("producerId", producerId)
                    .bindMethodsList("rows", pending, MessageDao.KEYED_ROW_PROPERTIES).bind("delaySeconds", delaySeconds)
                    .bindByType("at", at, Instant.class).map(rowMapper(h)).list();
            Set<Long> existing = existingIds(h);
            List<String> skipped = new ArrayList<>(keys);
            for (Row row : inserted) {
                if (row.key() == null) {
                    unkeyed.add(row.message());
                } else {
                    byKey.put(row.key(), existing.contains(row.message().id()) ? row.message().asDuplicate() : row.message());
                    skipped.remove(row.key());
                }
            }
            if (!skipped.isEmpty()) {
                h.createQuery(MessageDao.HOLDERS_OF_KEYS).bind("queueId", queueId).bindList("keys", skipped)
                        .map(rowMapper(h)).forEach(row -> byKey.put(row.key(), row.message().asDuplicate()));
            }
            pending = pending.stream().filter(m -> m.idempotencyKey() != null && !byKey.containsKey(m.idempotencyKey()))
                    .toList();
        }
        if (!pending.isEmpty()) {
            throw PgqrsException.queryFailed("INSERT_MESSAGES", "pgqrs_messages", new IllegalStateException(
                    "idempotency key '" + pending.get(0).idempotencyKey() + "' was taken and freed again " + ATTEMPTS
                            + " times during one enqueue: retry it"));
        }
        List<Message> sortedUnkeyed = unkeyed.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
        Deque<Message> inOrder = new ArrayDeque<>(sortedUnkeyed);
        List<Message> result = new ArrayList<>(messages.size());
        for (NewMessage m : messages) {
            result.add(m.idempotencyKey() == null ? inOrder.removeFirst() : byKey.get(m.idempotencyKey()));
        }
        return result;
    }

    private Set<Long> existingIds(Handle h) {
        if (existingQuery == null) {
            return Set.of();
        }
        String ids = h.createQuery(existingQuery).mapTo(String.class).one();
        if (ids == null || ids.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(ids.split(",")).map(Long::valueOf).collect(Collectors.toSet());
    }

    private static RowMapper<Row> rowMapper(Handle h) {
        RowMapper<Message> messages = h.getConfig().get(Mappers.class).findFor(Message.class)
                .orElseThrow();
        return (rs, ctx) -> new Row(messages.map(rs, ctx), rs.getString("idempotency_key"));
    }
}
