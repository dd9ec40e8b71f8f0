package io.pgqrs.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as the handler of a queue: the starter runs a {@link io.pgqrs.QueueWorker} for it from
 * {@link org.springframework.context.SmartLifecycle}, started when the context has refreshed and closed (draining the
 * handlers in flight) when it closes.
 *
 * <p>The method takes one parameter: {@link io.pgqrs.Message}, or a type the payload is bound to with
 * {@link io.pgqrs.Message#payload(Class)} (the library's Jackson 2 binding, so the payload reads the same here as
 * anywhere else). Returning settles the message; throwing hands it to the worker's retry policy.
 *
 * <pre>{@code
 * @Component
 * class Mailer {
 *     @PgqrsListener(queue = "emails", concurrency = 4)
 *     void send(Email email) { ... }
 * }
 * }</pre>
 *
 * <p>The queue must exist when the context starts, unless {@code pgqrs.create-queues=true}. Anything more (retry
 * policy, lease, batch handlers) is set on a {@link PgqrsWorkerDefinition} bean instead.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PgqrsListener {

    /** @return the queue to consume */
    String queue();

    /** @return handler threads, at least 1 */
    int concurrency() default 4;

    /**
     * @return messages the worker may lease ahead of its free handlers, for the next one that frees up (0 to 1000;
     *     see {@link io.pgqrs.QueueWorkerBuilder#prefetch(int)}): worth it for short handlers
     */
    int prefetch() default 0;
}
