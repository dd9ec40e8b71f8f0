package io.pgqrs.s3.internal;

import io.pgqrs.spi.Store;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One storage step of a caller, as a function of the local database, so that it can be run again on a newer
 * revision when another writer published first.
 *
 * @param name what it is, for logs and errors
 * @param replayable whether it may run again on a newer revision; {@code install()} may not: it must never overwrite an object it did not create
 * @param work the step, given the SQLite store on the local copy
 * @param messages how many message writes the step's result stands for ({@link MessageWrites}), for the
 *     messages-per-revision report; steps it runs inside itself count their own
 * @param <T> its result
 */
record Operation<T>(String name, boolean replayable, Function<Store, T> work, ToIntFunction<? super T> messages) {

    /** A step that writes no message itself (steps it runs inside itself still count theirs). */
    Operation(String name, boolean replayable, Function<Store, T> work) {
        this(name, replayable, work, result -> 0);
    }
}
