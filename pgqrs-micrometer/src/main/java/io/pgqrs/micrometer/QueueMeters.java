package io.pgqrs.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/** The counters and timers of one queue, made once and kept, so that counting costs no registry lookup. */
final class QueueMeters {
    final Counter enqueued;
    final Counter dequeued;
    final Counter archived;
    final Counter deleted;
    final Counter released;
    final Counter deadLettered;
    final Counter handlerFailures;
    final Timer enqueueLatency;
    final Timer dequeueLatency;
    final Timer handlerSuccess;
    final Timer handlerFailure;
    final Timer age;

    QueueMeters(MeterRegistry registry, Tags tags) {
        enqueued = counter(registry, "pgqrs.messages.enqueued", "Messages stored", tags);
        dequeued = counter(registry, "pgqrs.messages.dequeued", "Messages leased by consumers", tags);
        archived = counter(registry, "pgqrs.messages.archived", "Messages archived", tags);
        deleted = counter(registry, "pgqrs.messages.deleted", "Messages deleted", tags);
        released = counter(registry, "pgqrs.messages.released", "Messages given back to be delivered again", tags);
        deadLettered = counter(registry, "pgqrs.messages.dead_lettered", "Messages that became dead letters", tags);
        handlerFailures = counter(registry, "pgqrs.handler.failures", "Worker handler calls that threw", tags);
        enqueueLatency = timer(registry, "pgqrs.enqueue.duration", "Store time of an enqueue call", tags);
        dequeueLatency = timer(registry, "pgqrs.dequeue.duration", "Store time of a dequeue call", tags);
        handlerSuccess = timer(registry, "pgqrs.handler.duration", "Worker handler run time", tags.and("outcome", "success"));
        handlerFailure = timer(registry, "pgqrs.handler.duration", "Worker handler run time", tags.and("outcome", "failure"));
        age = timer(registry, "pgqrs.messages.age", "From enqueue to a worker handler's success", tags);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private static Timer timer(MeterRegistry registry, String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).register(registry);
    }
}
