/**
 * pgqrs: a durable message queue whose storage is a plug-in.
 *
 * <p>Start with {@link io.pgqrs.Pgqrs#connect(String)}; the DSN's scheme picks the backend. From the
 * connection take an {@link io.pgqrs.Admin} to install the schema and manage queues, a
 * {@link io.pgqrs.Producer} to enqueue and a {@link io.pgqrs.Consumer} to dequeue under a visibility
 * lease. Every failure is a {@link io.pgqrs.PgqrsException} whose {@link io.pgqrs.ErrorKind} says
 * what went wrong.
 */
package io.pgqrs;
