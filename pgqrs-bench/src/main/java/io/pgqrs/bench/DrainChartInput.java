package io.pgqrs.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bars of a drain chart: per point of a {@code bench drain} JSON, the raw JDBC ceiling (where the run had one) and
 * the library, and, if given, pgbench's twostep drain from the lines {@code ../shared/bench/ceiling.sh} prints, matched
 * to the point by consumers and batch (the median where several lines match; lines of other modes are skipped).
 */
final class DrainChartInput {
    static final Color PGBENCH = new Color(0x9A9A9A);
    static final Color CEILING = new Color(0x4C78A8);
    static final Color LIBRARY = new Color(0xF58518);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path drain;
    private final JsonNode doc;
    private final JsonNode points;
    /** pgbench msgs/s by (consumers, batch), or null when no pgbench file was given. */
    private final Map<List<Integer>, List<Double>> pgbench;

    private DrainChartInput(Path drain, JsonNode doc, Map<List<Integer>, List<Double>> pgbench) {
        this.drain = drain;
        this.doc = doc;
        this.points = doc.path("points");
        this.pgbench = pgbench;
        if (!points.isArray() || points.isEmpty()) {
            throw new IllegalArgumentException(drain + " has no \"points\" list: give the JSON that ./pgqrs bench drain "
                    + "writes under target/bench");
        }
    }

    /**
     * @param drain the JSON written by {@code bench drain}
     * @param pgbench the lines of {@code ceiling.sh twostep}, or null
     * @return the two files read
     * @throws IllegalArgumentException if a file is not what it should be; the message says which and why
     */
    static DrainChartInput read(Path drain, Path pgbench) throws IOException {
        return new DrainChartInput(drain, parse(drain.toString(), Files.readString(drain)),
                pgbench == null ? null : pgbenchRuns(pgbench));
    }

    /** @return the backend the drain ran on */
    String backend() {
        return text(doc, "backend");
    }

    /**
     * @param title the chart's title, or null for "scenario on backend, N messages per point, date of the run"
     * @return one group per point, in the JSON's order; a series is left out when no point has a figure for it
     */
    BarGroups bars(String title) {
        List<String> groups = new ArrayList<>();
        double[] ceiling = new double[points.size()];
        double[] library = new double[points.size()];
        double[] pgbenchMedians = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            JsonNode point = points.get(i);
            String where = "point " + (i + 1) + " of " + drain;
            int consumers = integer(point, "consumers", where);
            int batch = integer(point, "batch", where);
            groups.add("C=" + consumers + " B=" + batch);
            ceiling[i] = point.path("ceiling").path("msgsPerSecond").asDouble(Double.NaN);
            library[i] = point.path("library").path("msgsPerSecond").asDouble(Double.NaN);
            pgbenchMedians[i] = pgbench == null ? Double.NaN : median(pgbench.getOrDefault(List.of(consumers, batch), List.of()));
        }
        if (pgbench != null && Arrays.stream(pgbenchMedians).allMatch(Double::isNaN)) {
            throw new IllegalArgumentException("no pgbench twostep line matches the consumers and batch of a point in "
                    + drain + " (" + String.join(", ", groups) + "): run ceiling.sh twostep with those C and B");
        }
        List<BarGroups.Series> series = new ArrayList<>();
        addIfAny(series, new BarGroups.Series("pgbench twostep", PGBENCH, pgbenchMedians));
        addIfAny(series, new BarGroups.Series("raw JDBC ceiling", CEILING, ceiling));
        addIfAny(series, new BarGroups.Series("pgqrs library", LIBRARY, library));
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no point in " + drain + " has a ceiling or library msgsPerSecond: give the "
                    + "JSON that ./pgqrs bench drain writes under target/bench");
        }
        return new BarGroups(title != null ? title : defaultTitle(), groups, series);
    }

    private String defaultTitle() {
        String runAt = text(doc, "run_at");
        return text(doc, "scenario") + " on " + backend() + ", " + integer(doc.path("parameters"), "messages",
                "\"parameters\" of " + drain)
                + " messages per point, " + runAt.substring(0, Math.min(10, runAt.length()));
    }

    private static void addIfAny(List<BarGroups.Series> series, BarGroups.Series one) {
        if (Arrays.stream(one.values()).anyMatch(v -> !Double.isNaN(v))) {
            series.add(one);
        }
    }

    private static Map<List<Integer>, List<Double>> pgbenchRuns(Path file) throws IOException {
        Map<List<Integer>, List<Double>> runs = new HashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            JsonNode line = parse(where, lines.get(i));
            if (line.path("system").asText().contains("twostep")) {
                JsonNode rate = line.path("msgs_per_s");
                if (!rate.isNumber()) {
                    throw new IllegalArgumentException(where + " has no numeric \"msgs_per_s\": give the lines that "
                            + "ceiling.sh twostep C B N prints");
                }
                runs.computeIfAbsent(List.of(integer(line, "consumers", where), integer(line, "batch", where)),
                        k -> new ArrayList<>()).add(rate.asDouble());
            }
        }
        return runs;
    }

    private static JsonNode parse(String source, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** @return the median of the values, NaN for none */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private String text(JsonNode node, String field) {
        if (!node.path(field).isTextual()) {
            throw new IllegalArgumentException(drain + " has no \"" + field + "\": give the JSON that ./pgqrs bench drain "
                    + "writes under target/bench");
        }
        return node.get(field).asText();
    }

    private static int integer(JsonNode node, String field, String where) {
        if (!node.path(field).isIntegralNumber()) {
            throw new IllegalArgumentException(where + " has no integer \"" + field + "\": give the JSON that ./pgqrs "
                    + "bench drain writes, or the lines that ceiling.sh prints");
        }
        return node.get(field).asInt();
    }
}
