/**
 * Tracing for pgqrs with OpenTelemetry: register {@link io.pgqrs.opentelemetry.PgqrsTelemetry} as the connection's
 * observer, and enqueues, worker handlers and workflow runs and steps become spans, with the trace carried across the
 * queue in the message headers.
 */
package io.pgqrs.opentelemetry;
