package io.pgqrs.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Dashboard} with the JDK's own HTTP server ({@code jdk.httpserver}): no dependency to ship, and an
 * admin page's load is small. Requests run on a pool of 4 threads. Bodies above 1 MB are refused (413).
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService threads;

    private DashboardServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts serving at the root path.
     *
     * @param dashboard what to serve
     * @param address where to listen: {@code 127.0.0.1} unless others must reach it (then set a token); port 0 for any
     * @return the running server
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static DashboardServer start(Dashboard dashboard, InetSocketAddress address) {
        noDelay();
        HttpServer server;
        try {
            server = HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "pgqrs-dashboard-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> serve(dashboard, exchange));
        server.start();
        LOG.info("Dashboard listening on http://{}:{}/{}", address.getHostString(), server.getAddress().getPort(),
                dashboard.readOnly() ? " (read-only)" : "");
        return new DashboardServer(server, threads);
    }

    /**
     * Turns on TCP_NODELAY for the JDK's HTTP server unless the application chose otherwise. The server writes a
     * response's headers and its body in two writes; on a kept-alive connection (every browser's, and the JDK's own
     * client's) Nagle's algorithm holds the body back until the client acknowledges the headers, which the client
     * delays: every page then took 40 ms more than its work. The JDK reads the property once, when its first HTTP
     * server starts, so an application that started one before keeps its own setting.
     */
    private static void noDelay() {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        } else if (!Boolean.getBoolean(NO_DELAY)) {
            LOG.debug("Dashboard: {} is set to false; kept-alive pages wait for delayed acknowledgements", NO_DELAY);
        }
    }

    /** @return the port it listens on (the one chosen when started with port 0) */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(Dashboard dashboard, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            DashboardResponse response;
            if (body.length > MAX_BODY_BYTES) {
                response = DashboardResponse.text(413, "text/plain; charset=utf-8", "Request body too large");
            } else {
                response = answer(dashboard, exchange, body);
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            boolean empty = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    private static DashboardResponse answer(Dashboard dashboard, HttpExchange exchange, byte[] body) {
        DashboardRequest request;
        try {
            request = request(exchange, body);
        } catch (IllegalArgumentException e) {   // a malformed %-escape in the query or the form
            return DashboardResponse.text(400, "text/plain; charset=utf-8", "Malformed request: " + e.getMessage());
        }
        return dashboard.handle(request);
    }

    private static DashboardRequest request(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> {
            if (!v.isEmpty()) {
                headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
            }
        });
        String type = headers.getOrDefault("content-type", "");
        Map<String, List<String>> form = type.startsWith("application/x-www-form-urlencoded")
                ? DashboardRequest.decode(new String(body, StandardCharsets.UTF_8)) : Map.of();
        return new DashboardRequest(exchange.getRequestMethod(), "", exchange.getRequestURI().getPath(),
                DashboardRequest.decode(exchange.getRequestURI().getRawQuery()), form, headers);
    }

    /** Stops listening, letting requests in progress finish for up to one second. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
    }
}
