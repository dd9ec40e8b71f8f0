package io.pgqrs.s3.internal;

import io.pgqrs.Message;
import io.pgqrs.spi.ArchivedAndClaimed;
import io.pgqrs.spi.MessageTable;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How many message writes a port call stands for, read from what it returned, for the messages-per-revision report
 * ({@link io.pgqrs.StoreObserver#revisionPublished}): a {@link MessageTable} write returns the messages (or ids) it
 * wrote, whether it wrote one, or how many; every other call counts 0. Each {@code MessageTable} method is named here
 * as a reader or a writer, and a test checks that none is left out, so a new port method must be placed.
 */
final class MessageWrites {
    /** Calls that write no message row: reads, and the failure record kept beside a message. */
    static final Set<String> READS = Set.of("get", "failures", "lastFailures", "listLive", "listArchived", "page", "listHeldBy",
            "countLiveHeldBy", "countByQueue", "countReferencing", "recordFailure");
    /** Calls that write message rows, each returning what it wrote (a list), whether it wrote (a boolean or an optional) or how many (a count). */
    static final Set<String> WRITES = Set.of("insert", "claim", "archive", "archiveAndClaim", "delete", "extend",
            "release", "postpone", "wake", "deadLetter", "releaseAllHeldBy", "archiveDeadLetters", "replay", "redrive", "deleteByQueue");

    private MessageWrites() {
    }

    /**
     * @param method the port method called
     * @param result what it returned
     * @return the message writes it stands for: the messages an insert stored (those that found their idempotency
     *     key taken were not stored), the messages or ids another write returned, 1 for a write that answered true or
     *     a message, the count a bulk write returned, what an archive-and-claim archived and claimed; 0 for reads and
     *     for calls on other ports
     */
    static int count(Method method, Object result) {
        if (method.getDeclaringClass() != MessageTable.class || !WRITES.contains(method.getName())) {
            return 0;
        }
        if (result instanceof List<?> list) {
            return (int) list.stream().filter(m -> !(m instanceof Message message && message.duplicate())).count();
        }
        if (result instanceof Optional<?> one && one.orElse(null) instanceof ArchivedAndClaimed both) {
            return both.archived().size() + both.claimed().size();
        }
        if (result instanceof Optional<?> one) {
            return one.isPresent() ? 1 : 0;
        }
        if (result instanceof Boolean wrote) {
            return wrote ? 1 : 0;
        }
        if (result instanceof Number n) {
            return (int) Math.min(Integer.MAX_VALUE, n.longValue());
        }
        return 0;
    }
}
