package io.pgqrs.internal.observe;

import io.pgqrs.QueueObserver;
import io.pgqrs.StoreObserver;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observers of a connection that are also {@link StoreObserver}s, as the one a store reports to: each is told in
 * turn, and one that throws is logged and passed over, so that a report never fails the store's work. Only the
 * store's events go through here; the queue events reach every observer through {@link Observers}.
 */
public final class StoreObservers implements StoreObserver {
    private static final Logger LOG = LoggerFactory.getLogger(StoreObservers.class);

    private final List<StoreObserver> observers;

    /** @param observers every observer of the connection, in the order they were registered */
    public StoreObservers(List<QueueObserver> observers) {
        this.observers = observers.stream().filter(StoreObserver.class::isInstance).map(StoreObserver.class::cast)
                .toList();
    }

    private void tell(String what, Consumer<StoreObserver> call) {
        EachObserver.tell(observers, LOG, what, call);
    }

    @Override
    public void objectWritten(WriteOutcome outcome, Duration took) {
        tell("objectWritten", o -> o.objectWritten(outcome, took));
    }

    @Override
    public void revisionPublished(int messages) {
        tell("revisionPublished", o -> o.revisionPublished(messages));
    }

    @Override
    public void replayed(int operations) {
        tell("replayed", o -> o.replayed(operations));
    }

    @Override
    public void listenerReconnected(Duration down) {
        tell("listenerReconnected", o -> o.listenerReconnected(down));
    }

    @Override
    public String toString() {
        return "StoreObservers" + observers;
    }
}
