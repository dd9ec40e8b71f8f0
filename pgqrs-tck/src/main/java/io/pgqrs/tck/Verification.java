package io.pgqrs.tck;

import io.pgqrs.Admin;
import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import io.pgqrs.SettableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every verification class shares: a fresh installed store per test, opened through the fixture,
 * a clock the test controls and unique queue names.
 */
public abstract class Verification {
    private static final AtomicInteger QUEUE_SEQUENCE = new AtomicInteger();

    /** The clock every connection of the test uses. */
    protected final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final List<Pgqrs> opened = new ArrayList<>();
    private Config store;

    /** The test's connection, installed. */
    protected Pgqrs pgqrs;
    /** Its admin. */
    protected Admin admin;

    /** @return the backend's fixture */
    protected abstract StoreFixture fixture();

    @BeforeEach
    final void openFreshStore() {
        store = fixture().freshStore().clock(clock).build();
        pgqrs = connect(b -> b);
        admin = pgqrs.admin();
        admin.install();
    }

    @AfterEach
    final void closeStore() {
        opened.forEach(Pgqrs::close);
        opened.clear();
        fixture().cleanUp();
    }

    /**
     * Opens another connection to the test's store, which sees what the test's first connection wrote; closed
     * after the test.
     *
     * @param settings changes to the configuration (the test clock is set already)
     * @return the connection
     */
    protected final Pgqrs connect(UnaryOperator<Config.Builder> settings) {
        Pgqrs p = Pgqrs.connect(settings.apply(store.toBuilder()).build());
        opened.add(p);
        if (pgqrs != null) {
            share(pgqrs, p);
        }
        return p;
    }

    /**
     * Makes what {@code writer} wrote visible to {@code reader} (see {@link StoreFixture#share}).
     *
     * @param writer the connection that wrote
     * @param reader the connection that must see it
     */
    protected final void share(Pgqrs writer, Pgqrs reader) {
        fixture().share(writer, reader);
    }

    /** Makes what the test's other connections wrote visible to its first connection (see {@link StoreFixture#share}). */
    protected final void seeOtherConnections() {
        opened.stream().filter(p -> p != pgqrs).forEach(p -> share(p, pgqrs));
    }

    /**
     * @return a queue name no other test uses; names sort in the order they were made (zero-padded), since listings
     *         ordered by name are checked against it
     */
    protected static String uniqueQueue() {
        return String.format("tck_q%06d", QUEUE_SEQUENCE.incrementAndGet());
    }

    /** @return a new queue in the test's store */
    protected final String newQueue() {
        String name = uniqueQueue();
        admin.createQueue(name);
        return name;
    }

}
