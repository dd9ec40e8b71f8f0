package io.pgqrs.internal.observe;

import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueObserver;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every observer of a connection as one: each is told in turn, and one that throws is logged and passed over. */
public final class Observers implements QueueObserver {
    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final List<QueueObserver> observers;

    /** @param observers the observers, in the order they were registered */
    public Observers(List<QueueObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    /** @return whether there is anyone to tell (callers skip measuring otherwise) */
    public boolean any() {
        return !observers.isEmpty();
    }

    private void tell(String what, Consumer<QueueObserver> call) {
        EachObserver.tell(observers, LOG, what, call);
    }

    @Override
    public void opened(Pgqrs pgqrs) {
        tell("opened", o -> o.opened(pgqrs));
    }

    @Override
    public void enqueued(String queue, List<Message> messages, Duration took) {
        tell("enqueued", o -> o.enqueued(queue, messages, took));
    }

    @Override
    public void dequeued(String queue, int messages, Duration took) {
        tell("dequeued", o -> o.dequeued(queue, messages, took));
    }

    @Override
    public void archived(String queue, int messages) {
        tell("archived", o -> o.archived(queue, messages));
    }

    @Override
    public void deleted(String queue, int messages) {
        tell("deleted", o -> o.deleted(queue, messages));
    }

    @Override
    public void released(String queue, int messages) {
        tell("released", o -> o.released(queue, messages));
    }

    @Override
    public void deadLettered(String queue, int messages) {
        tell("deadLettered", o -> o.deadLettered(queue, messages));
    }

    @Override
    public void handled(String queue, List<Message> messages, Duration took, Throwable failure) {
        tell("handled", o -> o.handled(queue, messages, took, failure));
    }

    @Override
    public void closing(Pgqrs pgqrs) {
        tell("closing", o -> o.closing(pgqrs));
    }
}
