package io.pgqrs.s3.internal;

import io.pgqrs.spi.Store;
import java.util.function.LongConsumer;

/**
 * Counts the message writes of the operations run on the local copy ({@link Operation#messages}), so that each
 * published revision can say how many it carries. An operation's count is its own plus that of the operations it ran
 * inside itself (a transaction's port calls), and is taken only once it returned: an operation that threw left nothing
 * (its transaction or savepoint was undone), and neither did the operations inside it.
 */
final class WriteTally {
    private final ThreadLocal<long[]> enclosing = new ThreadLocal<>();

    /**
     * Runs {@code operation} on {@code store}, counting its message writes.
     *
     * @param operation the operation
     * @param store the local copy's store
     * @param outermost told the count of an operation that runs inside no other, once it returned; an operation run
     *     inside another adds its count to that one instead
     * @param <T> its result
     * @return what it returned
     */
    <T> T run(Operation<T> operation, Store store, LongConsumer outermost) {
        long[] outer = enclosing.get();
        long[] own = {0};
        enclosing.set(own);
        T result;
        try {
            result = operation.work().apply(store);
        } finally {
            if (outer == null) {
                enclosing.remove();
            } else {
                enclosing.set(outer);
            }
        }
        own[0] += operation.messages().applyAsInt(result);
        if (outer != null) {
            outer[0] += own[0];
        } else {
            outermost.accept(own[0]);
        }
        return result;
    }
}
