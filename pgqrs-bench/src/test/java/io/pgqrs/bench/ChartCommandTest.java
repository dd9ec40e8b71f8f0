package io.pgqrs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The chart is drawn from a drain JSON and pgbench lines; bad input fails with a usage error, not a stack trace. */
class ChartCommandTest {
    private static final String DRAIN = """
            {"scenario": "drain", "backend": "postgres", "run_at": "2026-12-04T22:40:23.582Z",
             "machine": {"cores": 2}, "parameters": {"messages": 20000},
             "points": [
               {"consumers": 1, "batch": 1, "ceiling": {"msgsPerSecond": 893.8}, "library": {"msgsPerSecond": 651.2}, "ratio": 0.73},
               {"consumers": 1, "batch": 50, "ceiling": null, "library": {"msgsPerSecond": 9213.7}, "ratio": null}
             ]}
            """;
    private static final String PGBENCH = """
            {"system": "raw SQL ceiling (pgbench, twostep)", "consumers": 1, "batch": 50, "n": 20000, "msgs_per_s": 30000}
            {"system": "raw SQL ceiling (pgbench, delete)", "consumers": 1, "batch": 50, "n": 20000, "msgs_per_s": 90000}

            {"system": "raw SQL ceiling (pgbench, twostep)", "consumers": 1, "batch": 50, "n": 20000, "msgs_per_s": 36000}
            {"system": "raw SQL ceiling (pgbench, twostep)", "consumers": 1, "batch": 50, "n": 20000, "msgs_per_s": 35000}
            """;

    @TempDir
    Path dir;

    private int chart(String... args) {
        return new CommandLine(new ChartCommand()).execute(args);
    }

    @Test
    void drawsTheBarsOfEveryPoint() throws Exception {
        Path drain = Files.writeString(dir.resolve("drain.json"), DRAIN);
        Path pgbench = Files.writeString(dir.resolve("pgbench.jsonl"), PGBENCH);
        Path png = dir.resolve("out/chart.png");

        assertThat(chart("--drain", drain.toString(), "--pgbench", pgbench.toString(), "--out", png.toString())).isZero();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(LogBarChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LogBarChart.HEIGHT);
        assertThat(containsColour(image, DrainChartInput.LIBRARY.getRGB())).isTrue();
        assertThat(containsColour(image, DrainChartInput.CEILING.getRGB())).isTrue();
        assertThat(containsColour(image, DrainChartInput.PGBENCH.getRGB())).isTrue();
    }

    /** Only twostep lines count, and the median of those matching a point is drawn. */
    @Test
    void pgbenchBarsAreTheMedianOfTheMatchingTwostepLines() throws Exception {
        Path drain = Files.writeString(dir.resolve("drain.json"), DRAIN);
        Path pgbench = Files.writeString(dir.resolve("pgbench.jsonl"), PGBENCH);

        BarGroups bars = DrainChartInput.read(drain, pgbench).bars(null);

        assertThat(bars.title()).isEqualTo("drain on postgres, 20000 messages per point, 2026-12-04");
        assertThat(bars.groups()).containsExactly("C=1 B=1", "C=1 B=50");
        assertThat(bars.series()).extracting(BarGroups.Series::name)
                .containsExactly("pgbench twostep", "raw JDBC ceiling", "pgqrs library");
        assertThat(bars.series().get(0).values()).containsExactly(Double.NaN, 35000.0);
        assertThat(bars.series().get(1).values()).containsExactly(893.8, Double.NaN);
        assertThat(DrainChartInput.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void aMissingDrainFileIsAUsageError() {
        assertThat(chart("--drain", dir.resolve("absent.json").toString(), "--out", dir.resolve("c.png").toString())).isNotZero();
        assertThat(dir.resolve("c.png")).doesNotExist();
    }

    @Test
    void jsonWithoutPointsIsAUsageError() throws Exception {
        Path drain = Files.writeString(dir.resolve("drain.json"), "{\"scenario\": \"drain\", \"backend\": \"sqlite\"}");

        assertThat(chart("--drain", drain.toString(), "--out", dir.resolve("c.png").toString()))
                .isEqualTo(CommandLine.ExitCode.USAGE);
    }

    private static boolean containsColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
