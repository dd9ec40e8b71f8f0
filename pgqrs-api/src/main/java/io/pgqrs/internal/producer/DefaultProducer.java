package io.pgqrs.internal.producer;

import io.pgqrs.EnqueueOptions;
import io.pgqrs.Message;
import io.pgqrs.PgqrsException;
import io.pgqrs.Producer;
import io.pgqrs.QueueRecord;
import io.pgqrs.RateLimitStatus;
import io.pgqrs.ValidationConfig;
import io.pgqrs.WorkerRecord;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.transaction.ConnectionBoundView;
import io.pgqrs.internal.ratelimit.TokenBucket;
import io.pgqrs.internal.validation.PayloadValidator;
import io.pgqrs.internal.worker.WorkerHandle;
import io.pgqrs.spi.NewMessage;
import io.pgqrs.spi.PayloadCodec;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validates, rate-limits and stores payloads for one queue. */
public final class DefaultProducer extends WorkerHandle implements Producer {
    private final QueueRecord queue;
    private final PayloadValidator validator;
    private final TokenBucket bucket;

    /**
     * @param engine the connection
     * @param queue the bound queue
     * @param record the registered worker row
     */
    public DefaultProducer(Engine engine, QueueRecord queue, WorkerRecord record) {
        super(engine, record, queue.name());
        this.queue = queue;
        ValidationConfig rules = engine.config().validation();
        this.validator = new PayloadValidator(rules);
        this.bucket = rules.rateLimited() ? new TokenBucket(rules.maxEnqueuePerSecond(), rules.effectiveBurst(), engine::now) : null;
    }

    @Override
    public Message enqueue(Object payload) {
        return store(List.of(payload), EnqueueOptions.none(), engine.at()).get(0);
    }

    @Override
    public Message enqueue(Object payload, EnqueueOptions options) {
        return store(List.of(payload), options, engine.at()).get(0);
    }

    @Override
    public Message enqueueDelayed(Object payload, Duration delay) {
        return store(List.of(payload), EnqueueOptions.none().withDelay(delay), engine.at()).get(0);
    }

    @Override
    public Message enqueueAt(Object payload, Instant at, Duration delay) {
        return store(List.of(payload), EnqueueOptions.none().withDelay(delay), at).get(0);
    }

    @Override
    public List<Message> enqueueBatch(List<?> payloads) {
        return store(payloads, EnqueueOptions.none(), engine.at());
    }

    @Override
    public List<Message> enqueueBatch(List<?> payloads, EnqueueOptions options) {
        return store(payloads, options, engine.at());
    }

    @Override
    public List<Message> enqueueBatchDelayed(List<?> payloads, Duration delay) {
        return store(payloads, EnqueueOptions.none().withDelay(delay), engine.at());
    }

    @Override
    public List<Message> enqueueBatchAt(List<?> payloads, Instant at, Duration delay) {
        return store(payloads, EnqueueOptions.none().withDelay(delay), at);
    }

    @Override
    public List<Message> enqueueBatchAt(List<?> payloads, Instant at, EnqueueOptions options) {
        return store(payloads, options, at);
    }

    @Override
    public Producer withConnection(Connection connection) {
        return ConnectionBoundView.of(Producer.class, this, engine, connection);
    }

    @Override
    public Producer withClock(Clock clock) {
        return new DefaultProducer(engine.withClock(clock), queue, record());
    }

    @Override
    public Message get(long id) {
        return engine.store().messages().get(id).orElseThrow(() -> PgqrsException.notFound("message", id));
    }

    @Override
    public Optional<Message> replayDeadLetter(long id) {
        Optional<Message> replayed = engine.store().messages().replay(id, engine.at());
        replayed.ifPresent(m -> engine.signals().fire(m.queueId()));
        return replayed;
    }

    @Override
    public ValidationConfig validationConfig() {
        return engine.config().validation();
    }

    @Override
    public Optional<RateLimitStatus> rateLimitStatus() {
        return Optional.ofNullable(bucket).map(TokenBucket::status);
    }

    private List<Message> store(List<?> payloads, EnqueueOptions options, Instant at) {
        if (payloads.isEmpty()) {
            return List.of();
        }
        int max = engine.config().defaultMaxBatchSize();
        if (payloads.size() > max) {
            throw PgqrsException.validationFailed("Batch of " + payloads.size() + " payloads exceeds default_max_batch_size "
                    + max + ": split it into batches of at most " + max);
        }
        List<String> keys = options.idempotencyKeys();
        if (!keys.isEmpty() && keys.size() != payloads.size()) {
            throw PgqrsException.validationFailed("Got " + keys.size() + " idempotency keys for " + payloads.size()
                    + " payloads: give one key per payload (null for none)");
        }
        options.groupOf(0, payloads.size());
        List<String> texts = validate(payloads);
        return engine.interceptors().aroundEnqueue(queue.name(), options.headers(), headers -> write(texts,
                headers == options.headers() ? headers : EnqueueOptions.none().withHeaders(headers).headers(),
                options, at));
    }

    /**
     * Writes validated payloads with their (validated) headers and the options' keys, wakes local consumers and tells
     * the observers about the messages actually stored.
     */
    private List<Message> write(List<String> texts, Map<String, String> headerMap, EnqueueOptions options, Instant at) {
        String headers = PayloadCodec.writeHeaders(headerMap);
        List<String> keys = options.idempotencyKeys();
        long window = options.idempotencyWindow().toSeconds();
        long delaySeconds = options.delay().toSeconds();
        List<NewMessage> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            rows.add(new NewMessage(texts.get(i), headers, keys.isEmpty() ? null : keys.get(i), window, options.priority(),
                    options.groupOf(i, texts.size())));
        }
        long started = System.nanoTime();
        List<Message> returned = engine.store().messages().insert(queue.id(), id(), rows, delaySeconds, at);
        List<Message> stored = returned.stream().filter(m -> !m.duplicate()).toList();
        if (stored.isEmpty()) {
            return returned;
        }
        if (delaySeconds == 0) {
            engine.signals().fire(queue.id());
        }
        engine.observers().enqueued(queue.name(), stored, Duration.ofNanos(System.nanoTime() - started));
        return returned;
    }

    /**
     * The structural pass on every payload, then the rate limit's tokens, then the sizes: nothing is stored on any
     * failure, and a refused batch takes no tokens.
     */
    private List<String> validate(List<?> payloads) {
        boolean batch = payloads.size() > 1;
        List<String> texts = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            texts.add(validator.requireStructure(payloads.get(i), batch ? i : -1));
        }
        if (bucket != null && !bucket.tryAcquire(payloads.size())) {
            throw PgqrsException.rateLimited(Duration.ofSeconds(1));
        }
        for (int i = 0; i < texts.size(); i++) {
            validator.requireSize(texts.get(i), batch ? i : -1);
        }
        return texts;
    }
}
