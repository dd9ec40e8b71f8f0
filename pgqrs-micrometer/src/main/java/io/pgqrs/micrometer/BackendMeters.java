package io.pgqrs.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.pgqrs.StoreObserver.WriteOutcome;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The meters of what a backend reports ({@link io.pgqrs.StoreObserver}), named after that backend
 * ({@code pgqrs.s3.puts}, {@code pgqrs.postgres.listener.reconnects}) and tagged {@code backend}. Each is made on the
 * first report and kept, so a backend shows only the meters of events it has.
 */
final class BackendMeters {
    private final MeterRegistry registry;
    private final String prefix;
    private final Tags tags;
    private final Map<String, Meter> made = new ConcurrentHashMap<>();

    BackendMeters(MeterRegistry registry, String backend) {
        this.registry = registry;
        this.prefix = "pgqrs." + backend + ".";
        this.tags = Tags.of("backend", backend);
    }

    void objectWritten(WriteOutcome outcome, Duration took) {
        counter("puts", "Conditional writes of the store's object sent (S3 PUTs), whatever the answer").increment();
        String tag = outcome.name().toLowerCase(Locale.ROOT);
        meter("put.latency " + tag, () -> Timer.builder(prefix + "put.latency")
                .description("Round trip of a conditional write of the store's object, by outcome")
                .tags(tags.and("outcome", tag)).register(registry), Timer.class).record(took);
        if (outcome == WriteOutcome.CONFLICT) {
            counter("conflicts", "Conditional writes that lost the compare-and-swap to another writer").increment();
        }
    }

    void revisionPublished(int messages) {
        meter("put.messages", () -> DistributionSummary.builder(prefix + "put.messages")
                .description("Message writes carried by each published revision of the store's object")
                .tags(tags).register(registry), DistributionSummary.class).record(messages);
    }

    void replayed() {
        counter("replays", "Batches of operations run again on a newer revision after a lost race").increment();
    }

    void listenerReconnected() {
        counter("listener.reconnects", "Times the notification listener was listening again after its connection "
                + "failed").increment();
    }

    private Counter counter(String name, String description) {
        return meter(name, () -> Counter.builder(prefix + name).description(description).tags(tags).register(registry),
                Counter.class);
    }

    private <M extends Meter> M meter(String key, Supplier<M> make, Class<M> type) {
        return type.cast(made.computeIfAbsent(key, k -> make.get()));
    }
}
