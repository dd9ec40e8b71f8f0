package io.pgqrs.spring;

import io.pgqrs.QueueWorkerBuilder;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A worker declared as a bean: the starter calls {@code configure} on {@code pgqrs.worker(queue)} and starts the
 * result with the context, as it does for {@link PgqrsListener} methods.
 *
 * <pre>{@code
 * @Bean
 * PgqrsWorkerDefinition emails(Mailer mailer) {
 *     return PgqrsWorkerDefinition.of("emails", worker -> worker
 *             .concurrency(8)
 *             .retry(RetryPolicy.fixed(Duration.ofSeconds(10)))
 *             .handler(message -> mailer.send(message.payload(Email.class))));
 * }
 * }</pre>
 *
 * @param queue the queue to consume
 * @param source where the worker was declared, for start-up errors
 * @param configure sets the handler and any other option on the queue's builder, and returns it
 */
public record PgqrsWorkerDefinition(String queue, String source, UnaryOperator<QueueWorkerBuilder> configure) {

    /**
     * Checks that no part is null.
     *
     * @param queue the queue to consume
     * @param source where the worker was declared, for start-up errors
     * @param configure sets the handler and any other option on the queue's builder, and returns it
     */
    public PgqrsWorkerDefinition {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(configure, "configure");
    }

    /**
     * @param queue the queue to consume
     * @param configure sets the handler (required) and options on the builder, and returns it
     * @return the definition
     */
    public static PgqrsWorkerDefinition of(String queue, UnaryOperator<QueueWorkerBuilder> configure) {
        return new PgqrsWorkerDefinition(queue, "a PgqrsWorkerDefinition bean", configure);
    }
}
