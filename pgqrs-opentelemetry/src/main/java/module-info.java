/**
 * OpenTelemetry tracing for pgqrs: W3C trace context in message headers, producer and consumer spans that cross the
 * queue, and workflow run and step spans.
 */
module io.pgqrs.opentelemetry {
    requires transitive io.pgqrs;
    requires transitive io.opentelemetry.api;
    requires io.opentelemetry.context;

    exports io.pgqrs.opentelemetry;
}
