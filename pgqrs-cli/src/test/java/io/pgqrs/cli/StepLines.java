package io.pgqrs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The side-effect file the workflow worker processes write ({@code io.pgqrs.testsupport.StepLog}): lines
 * {@code <runId> <step> start|end <pid>}, read as they stand now.
 */
final class StepLines {
    /** @param run run id @param step step name @param event start or end @param pid the process that wrote it */
    record Line(long run, String step, String event, long pid) {
    }

    private final List<Line> lines;

    private StepLines(List<Line> lines) {
        this.lines = lines;
    }

    /** @param file the side-effect file, possibly missing yet @return its lines now */
    static StepLines read(Path file) {
        if (!Files.exists(file)) {
            return new StepLines(List.of());
        }
        try {
            return new StepLines(Files.readAllLines(file).stream().map(StepLines::parse).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Line parse(String text) {
        String[] f = text.split(" ");
        if (f.length != 4 || !(f[2].equals("start") || f[2].equals("end"))) {
            throw new AssertionError("a torn or foreign line in the side-effect file: '" + text + "'");
        }
        return new Line(Long.parseLong(f[0]), f[1], f[2], Long.parseLong(f[3]));
    }

    /** @return how many lines say that event of that step of that run */
    long count(long run, String step, String event) {
        return lines.stream().filter(l -> l.run() == run && l.step().equals(step) && l.event().equals(event)).count();
    }

    /** @return every line */
    List<Line> all() {
        return lines;
    }

    /** @return the runs that have lines */
    Set<Long> runs() {
        return lines.stream().map(Line::run).collect(Collectors.toSet());
    }

    /** @return the processes that wrote lines */
    Set<Long> pids() {
        return lines.stream().map(Line::pid).collect(Collectors.toSet());
    }
}
