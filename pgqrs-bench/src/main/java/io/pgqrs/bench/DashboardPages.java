package io.pgqrs.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's pages and API calls the scenario times, fetched over real HTTP with the JDK's client: each round
 * fetches every one once, in order, and keeps its time. Anything but a 200 fails the run.
 */
final class DashboardPages {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One page or call: a label for the table and its path. */
    record Page(String label, String path) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;
    private final String queue;
    private final List<Page> pages;
    private final Map<String, Latencies> times = new LinkedHashMap<>();

    /**
     * @param base the server, {@code http://127.0.0.1:port}
     * @param queue the large queue
     * @param deepCursor a message id in the middle of the queue, for a page far down the keyset
     */
    DashboardPages(String base, String queue, long deepCursor) {
        this.base = base;
        this.queue = queue;
        List<Page> all = new ArrayList<>();
        all.add(new Page("overview", "/"));
        for (String state : List.of("pending", "locked", "archived", "dead")) {
            all.add(new Page("queue ?state=" + state, "/queues/" + queue + "?state=" + state));
        }
        all.add(new Page("queue, deep page", "/queues/" + queue + "?state=pending&before=" + deepCursor));
        all.add(new Page("dead letters", "/queues/" + queue + "/dead"));
        all.add(new Page("api queues", "/api/queues"));
        all.add(new Page("api queue", "/api/queues/" + queue));
        for (String state : List.of("pending", "locked", "archived", "dead")) {
            all.add(new Page("api messages ?state=" + state, "/api/queues/" + queue + "/messages?state=" + state));
        }
        all.add(new Page("api dead-letters", "/api/queues/" + queue + "/dead-letters"));
        this.pages = List.copyOf(all);
        pages.forEach(p -> times.put(p.label(), new Latencies()));
    }

    /**
     * Checks that the dashboard counts the whole fill: its JSON API lists the large queue with this many messages.
     *
     * @param total the messages filled into the large queue
     * @throws IllegalStateException when it shows another number
     */
    void expectTotal(long total) throws IOException, InterruptedException {
        String body = get("/api/queues/" + queue);
        if (!body.contains("\"total_messages\":" + total + ",")) {
            throw new IllegalStateException("the dashboard does not show " + total + " messages in " + queue + ": " + body);
        }
    }

    /**
     * Fetches every page once.
     *
     * @param measured keep the times (false for a warm-up round)
     */
    void round(boolean measured) throws IOException, InterruptedException {
        for (Page page : pages) {
            long t0 = System.nanoTime();
            String body = get(page.path());
            long took = System.nanoTime() - t0;
            if (body.isEmpty()) {
                throw new IllegalStateException(page.path() + ": empty body");
            }
            if (measured) {
                times.get(page.label()).add(took);
            }
        }
    }

    /**
     * @param path a path of the dashboard
     * @return its body
     * @throws IllegalStateException when the answer is not 200
     */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** @return the times of each page, merged and sorted, by label in the order fetched */
    Map<String, Latencies> times() {
        Map<String, Latencies> sorted = new LinkedHashMap<>();
        times.forEach((label, l) -> sorted.put(label, Latencies.merge(List.of(l))));
        return sorted;
    }

    /** @return the pages and their paths, for the report */
    List<Page> pages() {
        return pages;
    }
}
