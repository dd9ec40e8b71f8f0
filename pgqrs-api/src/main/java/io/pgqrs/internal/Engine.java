package io.pgqrs.internal;

import io.pgqrs.Config;
import io.pgqrs.PgqrsException;
import io.pgqrs.QueueRecord;
import io.pgqrs.internal.observe.Interceptors;
import io.pgqrs.internal.observe.Observers;
import io.pgqrs.internal.poll.WakeUpSignals;
import io.pgqrs.spi.Store;
import java.time.Clock;
import java.time.Instant;

/**
 * What producers, consumers and admins of one connection share: the store, the configuration and the
 * local wake-up signals.
 *
 * @param store the open store
 * @param config its configuration
 * @param signals wake-up signals of this connection's poll loops
 * @param observers the configuration's observers, as one
 * @param interceptors those observers that also wrap the work they observe, as one
 * @param schema refuses writes to a store migrated by a newer library
 * @param commits lets concurrent writes share a commit
 */
public record Engine(Store store, Config config, WakeUpSignals signals, Observers observers,
                     Interceptors interceptors, SchemaGuard schema, SharedCommits commits) {

    /**
     * @param store the open store
     * @param config its configuration, whose observers are told what happens
     * @param signals wake-up signals of this connection's poll loops
     */
    public Engine(Store store, Config config, WakeUpSignals signals) {
        this(store, config, signals, new Observers(config.observers()),
                new Interceptors(config.observers()), new SchemaGuard(store), new SharedCommits(store));
    }

    /** @return the application clock's instant, or null to let the store use its own clock */
    public Instant at() {
        return config.clock().map(Clock::instant).orElse(null);
    }

    /** @return "now" for comparisons made in Java (heartbeat ages, rate limits) */
    public Instant now() {
        return config.clock().map(Clock::instant).orElseGet(Instant::now);
    }

    /**
     * @param clock another application clock
     * @return this connection with that clock, for one handle's deterministic tests
     */
    public Engine withClock(Clock clock) {
        return new Engine(store, config.toBuilder().clock(clock).build(), signals, observers, interceptors, schema, commits);
    }

    /**
     * @param name a queue name
     * @return the queue
     * @throws PgqrsException {@code QUEUE_NOT_FOUND}
     */
    public QueueRecord requireQueue(String name) {
        return store.queues().findByName(name).orElseThrow(() -> PgqrsException.queueNotFound(name));
    }
}
