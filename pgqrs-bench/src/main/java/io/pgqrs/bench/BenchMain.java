package io.pgqrs.bench;

import io.pgqrs.Consumer;
import io.pgqrs.EnqueueOptions;
import io.pgqrs.Pgqrs;
import io.pgqrs.testsupport.Backlog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pgqrs-bench}: drain (library and ceiling in one run: the raw driver's, or on S3 the object store's), ceiling
 * alone, steady state, S3 writers contending for one object, the wake-up of an idle consumer, and the dashboard's pages
 * on a large queue.
 */
@Command(name = "pgqrs-bench", mixinStandardHelpOptions = true,
        description = "Benchmarks pgqrs against the raw driver in the same process; results as a table and JSON under target/bench.",
        subcommands = {BenchMain.Drain.class, BenchMain.Ceiling.class, SteadyCommand.class, ContendCommand.class,
                WakeUpCommand.class, RuntimeCommand.class, WorkflowCommand.class, DashboardCommand.class, ChartCommand.class})
public final class BenchMain {
    /** Messages per unmeasured warm-up drain. */
    private static final int WARM_UP = 2_000;
    /** Messages per unmeasured S3 warm-up drain, run with no added latency. */
    private static final int S3_WARM_UP = 300;
    /** The order of a round's two runs: rounds alternate which path meets the database first. */
    private static final boolean[] CEILING_FIRST = {false, true};
    private static final boolean[] LIBRARY_FIRST = {true, false};

    private BenchMain() {
    }

    /** @param args command-line arguments */
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(new CommandLine(BenchMain.class).execute(args));
    }

    /** Options every scenario shares. */
    static final class Common {
        @Option(names = "--backend", defaultValue = "sqlite", description = "sqlite, postgres, mariadb or s3 (default: "
                + "${DEFAULT-VALUE}); the ceiling is the raw driver's for sqlite and postgres, the object store's for s3 (a "
                + "conditional PUT of the store's object per commit, grouped), none for mariadb")
        String backend;

        @Option(names = "--rtt-ms", defaultValue = "60", description = "S3 only: round trip added to every request by the proxy, ms (default: ${DEFAULT-VALUE})")
        int rttMillis;

        @Option(names = "--postgres-dsn", defaultValue = Target.LOCAL_POSTGRES, description = "PostgreSQL server; each point gets a new schema (default: ${DEFAULT-VALUE})")
        String postgresDsn;

        @Option(names = "--mariadb-dsn", defaultValue = Target.LOCAL_MARIADB, description = "MariaDB server; each point gets a new database (default: ${DEFAULT-VALUE})")
        String mariadbDsn;

        @Option(names = "--quick", description = "A small run for smoke tests: every message still counted")
        boolean quick;

        @Option(names = "--out-dir", defaultValue = "target/bench", description = "Where the JSON result goes (default: ${DEFAULT-VALUE})")
        Path outDir;
    }

    /** The drain grid, each point through the library and through the raw driver. */
    @Command(name = "drain", mixinStandardHelpOptions = true, description = "Prefill N messages, drain with C consumers in batches of B; library vs ceiling.")
    static class Drain implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--messages", description = "Messages per point (default: 20000; --quick: 400)")
        Integer messages;

        @Option(names = "--consumers", split = ",", description = "Consumer counts (default: 1,2,4; --quick: 1,2)")
        List<Integer> consumers;

        @Option(names = "--batches", split = ",", description = "Batch sizes (default: 1,10,50; --quick: 1,10)")
        List<Integer> batches;

        @Option(names = "--rounds", description = "Times each point is run, ceiling and library alternating; a round runs "
                + "every consumer count of a batch size, so the counts are compared under the same conditions; the median "
                + "of each is reported (default: 3; --quick and s3: 1)")
        Integer rounds;

        @Option(names = "--priorities", description = "Drain a backlog spread over 10 priority levels (0-9, in runs of "
                + "100) against the same drain of a plain backlog, which takes the ceiling's column")
        boolean priorities;

        @Option(names = "--groups", paramLabel = "N", description = "Drain a backlog in N ordered groups (message i in "
                + "group i mod N) against the same drain of a plain backlog, which takes the ceiling's column")
        Integer groups;

        @Option(names = "--ack-and-fetch", description = "Each client archives a finished batch and leases the next in one "
                + "transaction (Consumer.archiveAndDequeue; the ceiling does the same two statements in one transaction)")
        boolean ackAndFetch;

        @Option(names = "--delete", description = "Each client deletes a finished batch instead of archiving it (for users "
                + "who keep no archive: Consumer.deleteMany; the ceiling deletes too)")
        boolean delete;

        boolean library() {
            return true;
        }

        /** @return how the compared backlog is enqueued, or null for the plain drain against the raw-driver ceiling */
        Function<List<Integer>, EnqueueOptions> shape() {
            if (groups != null && groups < 1) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--groups must be at least 1, got " + groups);
            }
            if (!priorities && groups == null) {
                return null;
            }
            return batch -> {
                EnqueueOptions options = priorities ? EnqueueOptions.none().withPriority(batch.get(0) / 100 % 10)
                        : EnqueueOptions.none();
                return groups == null ? options : options.withGroups(batch.stream().map(i -> "g-" + i % groups).toList());
            };
        }

        @Override
        public Integer call() throws Exception {
            boolean s3 = common.backend.equals("s3");
            Function<List<Integer>, EnqueueOptions> shape = shape();
            boolean rawCeiling = shape == null && !common.backend.equals("mariadb");
            if (shape != null && !library()) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--priorities and --groups compare two drains: run drain");
            }
            if (ackAndFetch && delete) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--ack-and-fetch archives: choose it or --delete");
            }
            Acknowledgement ack = delete ? Acknowledgement.DELETE
                    : ackAndFetch ? Acknowledgement.ARCHIVE_AND_FETCH : Acknowledgement.ARCHIVE;
            if (shape == null && !rawCeiling && !library()) {
                throw new CommandLine.ParameterException(new CommandLine(this), common.backend + " has no raw-driver ceiling; run drain");
            }
            int n = messages != null ? messages : s3 ? (common.quick ? 60 : 500) : common.quick ? 400 : 20_000;
            List<Integer> cs = consumers != null ? consumers : common.quick ? List.of(1, 2) : List.of(1, 2, 4);
            List<Integer> bs = batches != null ? batches : common.quick ? List.of(1, 10) : List.of(1, 10, 50);
            int r = rounds != null ? rounds : common.quick || s3 ? 1 : 3;
            PrintWriter out = new PrintWriter(System.out, true);
            String scenario = (shape == null ? library() ? "drain" : "ceiling"
                    : "drain" + (priorities ? "-priorities" : "") + (groups != null ? "-groups-" + groups : ""))
                    + ack.scenarioSuffix();
            Report report = new Report(scenario, common.backend, Map.of("messages", n, "consumers", cs, "batches", bs,
                    "rounds", r, "ack_and_fetch", ackAndFetch, "delete", delete,
                    "warm_up_messages", common.quick ? 0 : s3 ? S3_WARM_UP : WARM_UP,
                    "baseline", shape == null ? "raw-driver ceiling" : "plain library drain"));
            if (!common.quick) {
                warmUp(bs, s3, ack);
            }
            report.header(out, library());
            if (shape != null) {
                out.println("  (the ceiling column is the plain library drain, the library column the " + scenario + " drain)");
            } else if (s3) {
                out.println("  (the ceiling is the object store's: a conditional PUT of a copy of the store's object per "
                        + "commit, concurrent commits grouped, no SQLite work)");
            }
            for (int b : bs) {
                Map<Integer, List<DrainPoint>> ceilings = new LinkedHashMap<>();
                Map<Integer, List<DrainPoint>> libs = new LinkedHashMap<>();
                for (int i = 0; i < r; i++) {
                    for (int c : cs) {
                        for (boolean throughLibrary : i % 2 == 0 ? CEILING_FIRST : LIBRARY_FIRST) {
                            if (shape != null) {
                                (throughLibrary ? libs : ceilings).computeIfAbsent(c, k -> new ArrayList<>())
                                        .add(point(common, n, c, b, true, ack, throughLibrary ? shape : Backlog.PLAIN));
                            } else if (throughLibrary ? library() : rawCeiling) {
                                (throughLibrary ? libs : ceilings).computeIfAbsent(c, k -> new ArrayList<>())
                                        .add(point(common, n, c, b, throughLibrary, ack, Backlog.PLAIN));
                            }
                        }
                    }
                }
                for (int c : cs) {
                    report.add(out, ceilings.getOrDefault(c, List.of()), libs.getOrDefault(c, List.of()));
                }
            }
            out.println("JSON: " + report.write(common.outDir, Report.backendVersion(common)));
            return 0;
        }

        /**
         * Runs every batch size once, unmeasured, through both paths, so the first measured point does not pay for
         * class loading and JIT compilation that the later ones do not. S3 warms up with no added latency (the JIT
         * needs calls, not waiting), which also warms the in-JVM S3 server.
         */
        private void warmUp(List<Integer> bs, boolean s3, Acknowledgement ack) throws Exception {
            for (int b : bs) {
                if (s3) {
                    point(common, S3_WARM_UP, 1, b, false, ack, Duration.ZERO, Backlog.PLAIN);
                    point(common, S3_WARM_UP, 1, b, true, ack, Duration.ZERO, Backlog.PLAIN);
                } else {
                    point(common, WARM_UP, 1, b, false, ack, Backlog.PLAIN);
                    point(common, WARM_UP, 1, b, true, ack, Backlog.PLAIN);
                }
            }
        }
    }

    /** The ceiling alone. */
    @Command(name = "ceiling", mixinStandardHelpOptions = true, description = "The drain's work through the raw driver only.")
    static final class Ceiling extends Drain {
        @Override
        boolean library() {
            return false;
        }
    }

    private static DrainPoint point(Common common, int n, int consumers, int batch, boolean library, Acknowledgement ack,
            Function<List<Integer>, EnqueueOptions> shape) throws Exception {
        return point(common, n, consumers, batch, library, ack, Duration.ofMillis(common.rttMillis), shape);
    }

    private static DrainPoint point(Common common, int n, int consumers, int batch, boolean library, Acknowledgement ack,
            Duration s3RoundTrip, Function<List<Integer>, EnqueueOptions> shape) throws Exception {
        if (common.backend.equals("s3")) {
            S3Bench.proxy(s3RoundTrip);
        }
        try (Target target = Target.fresh(common); Pgqrs pgqrs = Pgqrs.connect(target.config())) {
            Backlog.fill(pgqrs, "bench", n, shape);
            if (!library && target.backend().equals("s3")) {
                try (ObjectCeiling ceiling = ObjectCeiling.copyOf(target.config(), n)) {
                    return DrainRun.run(n, consumers, batch, ack, index -> new ObjectCeilingClient(ceiling), S3Bench::puts);
                }
            }
            long queueId = pgqrs.admin().getQueue("bench").id();
            List<Consumer> workers = new ArrayList<>();
            ReentrantLock sqliteWriter = new ReentrantLock();
            DrainRun.ClientFactory factory = library
                    ? index -> new LibraryClient(pgqrs, "bench", ack)
                    : index -> {
                        Consumer registered = pgqrs.consumer("bench");
                        workers.add(registered);
                        return new RawClient(target.jdbcUrl(), target.backend().equals("sqlite"), sqliteWriter, queueId,
                                registered.id(), ack);
                    };
            return DrainRun.run(n, consumers, batch, ack, factory, S3Bench::puts);
        }
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return m;
    }
}
