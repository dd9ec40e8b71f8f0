package io.pgqrs.s3.internal;

import io.pgqrs.spi.Store;
import java.util.function.Function;

/**
 * One storage step of a caller, as a function of the local database, so that it can be run again on a newer
 * revision when another writer published first.
 *
 * @param name what it is, for logs and errors
 * @param replayable whether it may run again on a newer revision; {@code install()} may not: it must never overwrite an object it did not create
 * @param work the step, given the SQLite store on the local copy
 * @param <T> its result
 */
record Operation<T>(String name, boolean replayable, Function<Store, T> work) {
}
