package io.pgqrs.bench;

import io.pgqrs.MessageState;
import io.pgqrs.Pgqrs;
import io.pgqrs.dashboard.Dashboard;
import io.pgqrs.dashboard.DashboardServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The dashboard on a large queue: fills one queue with N messages in every state through the public API (batch
 * enqueue of 1 000), refreshes PostgreSQL's planner statistics as autovacuum would, starts the dashboard in this
 * process behind its own HTTP server with its default settings (so its sampler counts in the background meanwhile),
 * waits for the sampler's first count (the steady state, not the start), checks that the API shows the N messages, and times each page and API call over real HTTP for a few rounds
 * after unmeasured warm-up rounds. Reports the median and p95 per page; the budget is 500 ms for the overview
 * and a queue page at one million messages.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Times the dashboard's pages and API on a queue of N messages (default one million).")
final class DashboardCommand implements Callable<Integer> {
    /** The budget for a page. */
    static final double BUDGET_MS = 500;

    @Mixin
    BenchMain.Common common;

    @Option(names = "--messages", description = "Messages in the large queue, at least 1000 (default: 1000000; --quick: 2000)")
    Long messages;

    @Option(names = "--rounds", description = "Measured rounds, each fetching every page once (default: 20; --quick: 3)")
    Integer rounds;

    @Option(names = "--warm-up", defaultValue = "3", description = "Unmeasured rounds first (default: ${DEFAULT-VALUE})")
    int warmUp;

    @Override
    public Integer call() throws Exception {
        long n = messages != null ? messages : common.quick ? 2_000 : 1_000_000;
        int r = rounds != null ? rounds : common.quick ? 3 : 20;
        if (r < 1 || warmUp < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rounds must be at least 1 and --warm-up at least 0");
        }
        DashboardFill fill;
        try {
            fill = DashboardFill.of(n);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        Map<String, Object> results = new LinkedHashMap<>();
        try (Target target = Target.fresh(common);
             Pgqrs pgqrs = Pgqrs.connect(target.config().toBuilder().defaultMaxBatchSize(DashboardFill.BATCH).build())) {
            results.put("fill_seconds", fill(pgqrs, fill));
            target.analyze();
            long deep = pgqrs.admin().browseMessages(DashboardFill.QUEUE, MessageState.PENDING, Long.MAX_VALUE, 1).get(0).id()
                    - fill.pending() / 2;
            try (Dashboard dashboard = Dashboard.builder(pgqrs).build();
                 DashboardServer server = DashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0))) {
                if (!dashboard.awaitFirstSample(Duration.ofMinutes(5))) {
                    throw new IllegalStateException("the dashboard's sampler did not count the store within 5 minutes");
                }
                DashboardPages pages = new DashboardPages("http://127.0.0.1:" + server.port(), DashboardFill.QUEUE, deep);
                pages.expectTotal(fill.total());
                for (int i = 0; i < warmUp; i++) {
                    pages.round(false);
                }
                for (int i = 0; i < r; i++) {
                    pages.round(true);
                }
                results.put("messages", fill.total());
                results.put("pages", table(fill.total(), r, pages));
            }
        }
        Report report = new Report("dashboard", common.backend, Map.of("messages", n, "rounds", r, "warm_up_rounds", warmUp));
        System.out.println("JSON: " + report.writeSummary(common.outDir, Report.backendVersion(common), results));
        return 0;
    }

    /** @return seconds the fill took */
    private static double fill(Pgqrs pgqrs, DashboardFill fill) {
        long t0 = System.nanoTime();
        long step = Math.max(DashboardFill.BATCH, fill.total() / 10);
        fill.fill(pgqrs, sent -> {
            if (sent % step == 0) {
                System.out.printf("filled %d of %d%n", sent, fill.total());
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "fill: %d messages in %.1f s (%.0f msgs/s)%n", fill.total(), seconds, fill.total() / seconds);
        return seconds;
    }

    private Map<String, Object> table(long total, int r, DashboardPages pages) {
        System.out.printf("dashboard on %s: %d messages in %s, %d rounds (p95 of %d samples)%n", common.backend, total,
                DashboardFill.QUEUE, r, r);
        System.out.println("  page                          |  median ms |     p95 ms |     max ms");
        Map<String, Object> rows = new LinkedHashMap<>();
        double worst = 0;
        for (Map.Entry<String, Latencies> e : pages.times().entrySet()) {
            Latencies l = e.getValue();
            double p95 = l.millis(0.95);
            worst = Math.max(worst, p95);
            System.out.printf(Locale.ROOT, "  %-29s | %10.1f | %10.1f | %10.1f%n", e.getKey(), l.millis(0.5), p95, l.millis(1));
            rows.put(e.getKey(), Map.of("median_ms", l.millis(0.5), "p95_ms", p95, "max_ms", l.millis(1), "samples", l.count()));
        }
        System.out.printf(Locale.ROOT, "slowest p95: %.1f ms (%s the %.0f ms budget)%n", worst, worst <= BUDGET_MS ? "within" : "OVER",
                BUDGET_MS);
        List<DashboardPages.Page> paths = pages.pages();
        Map<String, Object> doc = new LinkedHashMap<>();
        paths.forEach(p -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) rows.get(p.label()));
            row.put("path", p.path());
            doc.put(p.label(), row);
        });
        return doc;
    }
}
