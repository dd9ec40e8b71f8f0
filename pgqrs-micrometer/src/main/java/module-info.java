/**
 * Micrometer meters for pgqrs: message counters and timers per queue, queue-depth gauges refreshed by one
 * background query, the backend's meters, and HikariCP's own pool meters when HikariCP is there.
 */
module io.pgqrs.micrometer {
    requires transitive io.pgqrs;
    requires transitive micrometer.core;
    requires org.slf4j;
    requires static com.zaxxer.hikari;

    exports io.pgqrs.micrometer;
}
