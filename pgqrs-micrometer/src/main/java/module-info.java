/**
 * Micrometer meters for pgqrs: message counters and timers per queue, and queue-depth gauges refreshed by one
 * background query.
 */
module io.pgqrs.micrometer {
    requires transitive io.pgqrs;
    requires transitive micrometer.core;
    requires org.slf4j;

    exports io.pgqrs.micrometer;
}
