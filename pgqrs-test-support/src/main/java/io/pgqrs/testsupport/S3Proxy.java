package io.pgqrs.testsupport;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of the test S3 server that makes it behave like real S3 and like a real network:
 * <ul>
 *   <li>writes of one key are atomic, as on S3: PUTs of a key are serialized, so exactly one of racing conditional
 *       writers wins (S3Mock alone lets several win), and no read of the key overlaps a write of it (S3Mock alone
 *       can serve a half-written object);</li>
 *   <li>each direction of each request is delayed by {@link #latency(Duration)} (30 ms gives a 60 ms round trip);</li>
 *   <li>requests are counted by method, and by method and key;</li>
 *   <li>faults are injected on demand: a 503, a connection dropped before the request reaches the server, or one
 *       dropped after the server applied it (the answer is lost).</li>
 * </ul>
 * A fault or hold given without a key applies to the stores' objects, whose keys end in {@value #STORE_SUFFIX} (as
 * {@link S3Server#newKey} makes them), not to the small objects beside them, such as the marker through which
 * writers ask each other for a turn.
 */
public final class S3Proxy implements AutoCloseable {
    /** How the key of a store's object ends. */
    public static final String STORE_SUFFIX = ".sqlite";
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    /** A fault to inject into the next matching request. */
    public enum Fault {
        /** Answer 503 Slow Down without forwarding. */
        SERVICE_UNAVAILABLE,
        /** Close the connection without forwarding: the server never sees the request. */
        DROP_BEFORE_SERVER,
        /** Forward, then close the connection: the server applied the request but the client gets no answer. */
        DROP_AFTER_SERVER
    }

    private record Injection(String method, String keySuffix, Fault fault) {
    }

    /** A request held at the proxy, before it reaches the server, until released. */
    public static final class Hold {
        private final String method;
        private final String keySuffix;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String method, String keySuffix) {
            this.method = method;
            this.keySuffix = keySuffix;
        }

        /**
         * @param timeout how long to wait
         * @return whether the held request arrived within {@code timeout}
         * @throws InterruptedException when interrupted while waiting
         */
        public boolean awaitArrival(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Lets the held request (or the next one, if none has arrived) go on to the server. */
        public void release() {
            released.countDown();
        }
    }

    private final URI target;
    private final HttpServer server;
    private final HttpClient client;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ReadWriteLock> keyLocks = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    /** By method and path ({@code "PUT /bucket/key"}). */
    private final Map<String, AtomicLong> countsByPath = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Injection> faults = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Hold> holds = new ConcurrentLinkedQueue<>();
    private volatile Duration oneWay = Duration.ZERO;

    /**
     * Starts a proxy on a free local port.
     *
     * @param target the server's base URL
     */
    public S3Proxy(String target) {
        this.target = URI.create(target);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the S3 proxy", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the proxy's base URL, to use as {@code AWS_ENDPOINT_URL} */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * @param delay added to each direction of every request from now on
     * @return this proxy
     */
    public S3Proxy latency(Duration delay) {
        this.oneWay = delay;
        return this;
    }

    /**
     * Injects {@code fault} into the next request with {@code method} on a store's object.
     *
     * @param method e.g. {@code PUT}
     * @param fault the fault
     */
    public void failNext(String method, Fault fault) {
        failNext(method, STORE_SUFFIX, fault);
    }

    /**
     * Injects {@code fault} into the next request with {@code method} on a key that ends in {@code keySuffix}.
     *
     * @param method e.g. {@code PUT}
     * @param keySuffix e.g. {@code .waiting}
     * @param fault the fault
     */
    public void failNext(String method, String keySuffix, Fault fault) {
        faults.add(new Injection(method.toUpperCase(Locale.ROOT), keySuffix, fault));
    }

    /**
     * Holds the next request with {@code method} on a store's object at the proxy until the returned hold is
     * released.
     *
     * @param method e.g. {@code HEAD}
     * @return the hold
     */
    public Hold holdNext(String method) {
        Hold hold = new Hold(method.toUpperCase(Locale.ROOT), STORE_SUFFIX);
        holds.add(hold);
        return hold;
    }

    /**
     * @param method e.g. {@code PUT}
     * @return requests with that method since the start or the last {@link #resetCounts()}
     */
    public long count(String method) {
        AtomicLong n = counts.get(method.toUpperCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    /**
     * @param method e.g. {@code PUT}
     * @param keySuffix how the requested key ends, e.g. {@code .waiting}
     * @return requests with that method on such keys since the start or the last {@link #resetCounts()}
     */
    public long count(String method, String keySuffix) {
        String prefix = method.toUpperCase(Locale.ROOT) + " ";
        return countsByPath.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith(keySuffix))
                .mapToLong(e -> e.getValue().get())
                .sum();
    }

    /** Sets every count to zero. */
    public void resetCounts() {
        counts.clear();
        countsByPath.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            counts.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
            countsByPath.computeIfAbsent(method + " " + path, m -> new AtomicLong()).incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            pause();
            Hold hold = takeFirst(holds, h -> h.method.equals(method) && path.endsWith(h.keySuffix));
            if (hold != null) {
                hold.arrived.countDown();
                hold.released.await();
            }
            Injection injected = takeFirst(faults, i -> i.method().equals(method) && path.endsWith(i.keySuffix()));
            Fault fault = injected == null ? null : injected.fault();
            if (fault == Fault.DROP_BEFORE_SERVER) {
                return;
            }
            if (fault == Fault.SERVICE_UNAVAILABLE) {
                byte[] slow = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                        + "<Message>injected by S3Proxy</Message></Error>").getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                if (method.equals("HEAD")) {
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    exchange.sendResponseHeaders(503, slow.length);
                    exchange.getResponseBody().write(slow);
                }
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, method, body);
            pause();
            if (fault == Fault.DROP_AFTER_SERVER) {
                return;
            }
            Headers out = exchange.getResponseHeaders();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> out.add(name, v));
                }
            });
            byte[] responseBody = response.body();
            boolean noBody = method.equals("HEAD") || responseBody.length == 0 || response.statusCode() == 304
                    || response.statusCode() == 204;
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : responseBody.length);
            if (!noBody) {
                exchange.getResponseBody().write(responseBody);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, String method, byte[] body)
            throws IOException, InterruptedException {
        URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        ReadWriteLock key = keyLocks.computeIfAbsent(exchange.getRequestURI().getRawPath(),
                k -> new ReentrantReadWriteLock());
        Lock lock = method.equals("GET") || method.equals("HEAD") ? key.readLock() : key.writeLock();
        lock.lock();
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } finally {
            lock.unlock();
        }
    }

    /** @return the first of {@code queue} that {@code matches}, taken out of it, or null */
    private static <T> T takeFirst(ConcurrentLinkedQueue<T> queue, Predicate<T> matches) {
        for (T t : queue) {
            if (matches.test(t) && queue.remove(t)) {
                return t;
            }
        }
        return null;
    }

    private void pause() throws InterruptedException {
        Duration d = oneWay;
        if (!d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
