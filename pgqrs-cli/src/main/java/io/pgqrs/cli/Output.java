package io.pgqrs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgqrs.dashboard.Rows;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one result per command: JSON for scripts (pretty, one document, stable snake_case fields) or a
 * bordered table for people. Logs never go here.
 */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** @param row one record */
    void item(Map<String, Object> row) {
        if (json) {
            writeJson(Rows.json(row));
        } else {
            table(List.of(row));
        }
    }

    /** @param rows records, possibly none */
    void list(List<Map<String, Object>> rows) {
        if (json) {
            writeJson(Rows.json(rows));
        } else if (rows.isEmpty()) {
            out.println("(none)");
        } else {
            table(rows);
        }
    }

    /**
     * One record with the list that belongs to it, such as a run and its steps: for scripts one object whose
     * {@code listName} field holds the list; for people the record's fields one per line, then the list's table.
     *
     * @param row the record
     * @param listName e.g. "steps"
     * @param rows its list, possibly empty
     */
    void detail(Map<String, Object> row, String listName, List<Map<String, Object>> rows) {
        if (json) {
            ObjectNode node = Rows.json(row);
            node.set(listName, Rows.json(rows));
            writeJson(node);
            return;
        }
        List<Map<String, Object>> fields = new ArrayList<>();
        row.forEach((name, value) -> {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("field", name);
            field.put("value", value);
            fields.add(field);
        });
        table(fields);
        out.println(listName + ":");
        list(rows);
    }

    /**
     * A confirmation: the sentence for people, the fields for scripts.
     *
     * @param sentence e.g. "Worker 3 suspended"
     * @param fields e.g. {@code worker_id: 3, status: suspended}
     */
    void status(String sentence, Map<String, Object> fields) {
        if (json) {
            writeJson(Rows.json(fields));
        } else {
            out.println(sentence);
        }
        out.flush();
    }

    private void writeJson(JsonNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
        out.flush();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "N/A";
        } else if (v instanceof Instant i) {
            return HUMAN.format(i);
        } else if (v instanceof Duration d) {
            return d.toMillis() / 1000.0 + "s";
        } else if (v instanceof Double d) {
            return String.format("%.2f", d);
        }
        return v.toString();
    }

    private void table(List<Map<String, Object>> rows) {
        List<String> headers = new ArrayList<>(rows.get(0).keySet());
        for (Map<String, Object> row : rows) {
            row.keySet().stream().filter(k -> !headers.contains(k)).forEach(headers::add);
        }
        int[] widths = headers.stream().mapToInt(String::length).toArray();
        List<List<String>> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (int c = 0; c < headers.size(); c++) {
                String text = row.containsKey(headers.get(c)) ? cell(row.get(headers.get(c))) : "";
                widths[c] = Math.max(widths[c], text.length());
                line.add(text);
            }
            cells.add(line);
        }
        String border = border(widths);
        out.println(border);
        out.println(line(headers, widths));
        out.println(border);
        cells.forEach(l -> out.println(line(l, widths)));
        out.println(border);
        out.flush();
    }

    private static String border(int[] widths) {
        StringBuilder b = new StringBuilder("+");
        for (int w : widths) {
            b.append("-".repeat(w + 2)).append('+');
        }
        return b.toString();
    }

    private static String line(List<String> values, int[] widths) {
        StringBuilder b = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            b.append(' ').append(String.format("%-" + widths[c] + "s", values.get(c))).append(" |");
        }
        return b.toString();
    }
}
