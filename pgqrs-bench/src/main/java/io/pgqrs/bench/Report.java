package io.pgqrs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pgqrs.testsupport.S3Server;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The drain results: a table on stdout as points finish, and one JSON file per run with machine and parameters. */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String scenario;
    private final String backend;
    private final Map<String, Object> parameters;
    private final List<Map<String, Object>> points = new ArrayList<>();

    Report(String scenario, String backend, Map<String, Object> parameters) {
        this.scenario = scenario;
        this.backend = backend;
        this.parameters = parameters;
    }

    void header(PrintWriter out, boolean withLibrary) {
        out.printf("%s on %s%n", scenario, backend);
        if (backend.equals("s3")) {
            out.println(withLibrary
                    ? "  C   B |  ceiling msg/s |  library msg/s | ratio | lib p50/p95/p99 dequeue ms | lib p95 archive ms "
                            + "| lib PUTs | msgs/PUT | ceil PUTs"
                    : "  C   B |  ceiling msg/s | p50/p95/p99 dequeue ms | p95 archive ms | PUTs | msgs/PUT");
            return;
        }
        if (backend.equals("mariadb")) {
            out.println("  C   B |  library msg/s | lib p50/p95/p99 dequeue ms | lib p95 archive ms");
            return;
        }
        out.println(withLibrary
                ? "  C   B |  ceiling msg/s |  library msg/s | ratio | lib p50/p95/p99 dequeue ms | lib p95 archive ms | ceil p95 dequeue ms"
                : "  C   B |  ceiling msg/s | p50/p95/p99 dequeue ms | p95 archive ms");
    }

    /**
     * Adds one grid point measured in rounds; the median round of each path is reported, every round kept in the JSON.
     *
     * @param ceilings the ceiling's rounds, empty for MariaDB
     * @param libraries the library rounds, empty for {@code ceiling}
     */
    void add(PrintWriter out, List<DrainPoint> ceilings, List<DrainPoint> libraries) {
        DrainPoint ceiling = median(ceilings);
        DrainPoint library = median(libraries);
        if (ceiling == null) {
            addWithoutCeiling(out, library, libraries);
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("consumers", ceiling.consumers());
        row.put("batch", ceiling.batch());
        row.put("ceiling", ceiling);
        row.put("ceiling_rounds_msgs_per_second", rates(ceilings));
        boolean s3 = backend.equals("s3");
        // S3 rates are tens of messages a second: one decimal; the others are thousands.
        String rate = s3 ? "%14.1f" : "%14.0f";
        if (library == null) {
            out.printf(Locale.ROOT, "%3d %3d | " + rate + " | %6.2f/%6.2f/%6.2f | %8.2f", ceiling.consumers(), ceiling.batch(),
                    ceiling.msgsPerSecond(), ceiling.dequeueP50(), ceiling.dequeueP95(), ceiling.dequeueP99(), ceiling.archiveP95());
            if (s3) {
                row.put("messages_per_put", ceiling.messagesPerPut());
                out.printf(Locale.ROOT, " | %4d | %8.2f", ceiling.puts(), ceiling.messagesPerPut());
            }
        } else {
            double ratio = library.msgsPerSecond() / ceiling.msgsPerSecond();
            row.put("library", library);
            row.put("library_rounds_msgs_per_second", rates(libraries));
            row.put("ratio", ratio);
            out.printf(Locale.ROOT, "%3d %3d | " + rate + " | " + rate + " | %5.2f | %7.2f/%7.2f/%7.2f | %18.2f",
                    ceiling.consumers(), ceiling.batch(), ceiling.msgsPerSecond(), library.msgsPerSecond(), ratio,
                    library.dequeueP50(), library.dequeueP95(), library.dequeueP99(), library.archiveP95());
            if (s3) {
                row.put("messages_per_put", library.messagesPerPut());
                out.printf(Locale.ROOT, " | %8d | %8.2f | %9d", library.puts(), library.messagesPerPut(), ceiling.puts());
            } else {
                out.printf(Locale.ROOT, " | %18.2f", ceiling.dequeueP95());
            }
        }
        out.println();
        out.flush();
        points.add(row);
    }

    /** @return the round with the median throughput (the upper middle of an even count), or null for none */
    private static DrainPoint median(List<DrainPoint> rounds) {
        if (rounds.isEmpty()) {
            return null;
        }
        List<DrainPoint> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(DrainPoint::msgsPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static List<Double> rates(List<DrainPoint> rounds) {
        return rounds.stream().map(DrainPoint::msgsPerSecond).toList();
    }

    /** MariaDB has no ceiling: its figures are absolute. */
    private void addWithoutCeiling(PrintWriter out, DrainPoint library, List<DrainPoint> rounds) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("consumers", library.consumers());
        row.put("batch", library.batch());
        row.put("library", library);
        row.put("library_rounds_msgs_per_second", rates(rounds));
        out.printf(Locale.ROOT, "%3d %3d | %14.1f | %7.2f/%7.2f/%7.2f | %18.2f%n", library.consumers(),
                library.batch(), library.msgsPerSecond(), library.dequeueP50(), library.dequeueP95(), library.dequeueP99(),
                library.archiveP95());
        out.flush();
        points.add(row);
    }

    /** @return the JSON file written, with the drain points */
    Path write(Path dir, String backendVersion) throws IOException {
        return writeSummary(dir, backendVersion, Map.of("points", points));
    }

    /** @param results what the scenario measured @return the JSON file written */
    Path writeSummary(Path dir, String backendVersion, Map<String, Object> results) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scenario", scenario);
        doc.put("backend", backend);
        doc.put("backend_version", backendVersion);
        doc.put("run_at", Instant.now().toString());
        doc.put("machine", BenchMain.machine());
        doc.put("parameters", parameters);
        doc.putAll(results);
        Path file = dir.resolve(scenario + "-" + backend + "-" + System.currentTimeMillis() + ".json");
        JSON.writeValue(file.toFile(), doc);
        return file;
    }

    /** @return the database's own version string, e.g. {@code 3.51.0} or {@code PostgreSQL 15.x …} */
    static String backendVersion(BenchMain.Common common) {
        if (common.backend.equals("s3")) {
            return "S3-compatible server " + S3Server.get().endpoint() + " behind a proxy adding " + common.rttMillis
                    + " ms per round trip";
        }
        try (Target target = Target.fresh(common);
             Connection c = DriverManager.getConnection(target.jdbcUrl());
             ResultSet rs = c.createStatement().executeQuery(common.backend.equals("sqlite") ? "SELECT sqlite_version()" : "SELECT version()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
