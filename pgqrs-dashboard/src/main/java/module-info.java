/**
 * The pgqrs web dashboard: HTML pages and a JSON API over the public API of any store, served by the JDK's HTTP
 * server ({@link io.pgqrs.dashboard.DashboardServer}) or mounted by another server through
 * {@link io.pgqrs.dashboard.Dashboard#handle}.
 */
module io.pgqrs.dashboard {
    requires transitive io.pgqrs;
    requires jdk.httpserver;
    requires org.slf4j;

    exports io.pgqrs.dashboard;
}
