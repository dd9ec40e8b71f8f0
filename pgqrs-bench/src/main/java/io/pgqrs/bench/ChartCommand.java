package io.pgqrs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Draws a {@code bench drain} result as a PNG, headless: one group of bars per point, in the JSON's order, with
 * pgbench's twostep drain (if {@code --pgbench} is given), the raw JDBC ceiling (if the run had one) and the pgqrs
 * library, each bar labelled with its msgs/s. The y axis is logarithmic (see {@link LogBarChart}): the points span two
 * orders of magnitude, and on a log axis the gap between the library and its ceilings reads as a ratio in every group
 * alike; the axis title says so and the printed figures give the exact values.
 */
@Command(name = "chart", mixinStandardHelpOptions = true,
        description = "Draw a drain result JSON (and optionally pgbench ceiling lines) as a PNG bar chart.")
final class ChartCommand implements Callable<Integer> {
    @Option(names = "--drain", required = true, paramLabel = "FILE",
            description = "JSON written by bench drain, e.g. target/bench/drain-postgres-<time>.json")
    Path drain;

    @Option(names = "--pgbench", paramLabel = "FILE", description = "Lines printed by ../shared/bench/ceiling.sh twostep "
            + "C B N; each point gets the median msgs_per_s of the lines with its C and B")
    Path pgbench;

    @Option(names = "--title", description = "Title (default: <scenario> on <backend>, <messages> messages per point, <date of the run>)")
    String title;

    @Option(names = "--out", paramLabel = "FILE", description = "PNG to write (default: target/bench/chart-<backend>.png)")
    Path out;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        mustExist("--drain", drain, "a JSON written by ./pgqrs bench drain (under target/bench)");
        if (pgbench != null) {
            mustExist("--pgbench", pgbench, "the lines printed by ../shared/bench/ceiling.sh twostep C B N");
        }
        Path png;
        try {
            DrainChartInput input = DrainChartInput.read(drain, pgbench);
            png = out != null ? out : Path.of("target", "bench", "chart-" + input.backend() + ".png");
            Files.createDirectories(png.toAbsolutePath().getParent());
            if (!ImageIO.write(LogBarChart.draw(input.bars(title)), "png", png.toFile())) {
                throw new IllegalStateException("this JVM has no PNG writer for ImageIO");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        System.out.println("chart: " + png);
        return 0;
    }

    private void mustExist(String option, Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(new CommandLine(this), option + " " + file + ": no such file; give " + what);
        }
    }
}
