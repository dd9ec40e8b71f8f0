package io.pgqrs.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Draws {@link BarGroups} as a grouped bar chart on a logarithmic y axis, white background, legend under the title and
 * each bar's value printed above it. The axis starts a decade below the smallest bar and ends at the first 1, 2 or 5
 * step above the largest, with gridlines and labels at 1, 2 and 5 of every decade: a bar's length is the logarithm of
 * its value over the axis's base, so equal ratios look equally far apart in every group; the printed figures are exact.
 */
final class LogBarChart {
    static final int WIDTH = 900;
    static final int HEIGHT = 500;

    private static final int LEFT = 84;
    private static final int RIGHT = 20;
    private static final int BOTTOM = 40;
    /** The share of a group's width left empty on each side, between groups. */
    private static final double GROUP_PADDING = 0.12;
    private static final int BAR_GAP = 3;
    private static final int[] STEPS = {1, 2, 5};

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font GROUP = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font VALUE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color INK = new Color(0x333333);
    private static final Color MAJOR_GRID = new Color(0xC8C8C8);
    private static final Color MINOR_GRID = new Color(0xEBEBEB);

    private LogBarChart() {
    }

    /** @return the chart, {@link #WIDTH} by {@link #HEIGHT} pixels */
    static BufferedImage draw(BarGroups chart) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int legendBottom = legend(g, chart.series(), title(g, chart.title()));
            plot(g, chart, legendBottom);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** @return the title's bottom edge */
    private static int title(Graphics2D g, String title) {
        Font font = TITLE;
        while (g.getFontMetrics(font).stringWidth(title) > WIDTH - 20 && font.getSize() > 10) {
            font = font.deriveFont(font.getSize2D() - 1);
        }
        g.setFont(font);
        g.setColor(INK);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (WIDTH - fm.stringWidth(title)) / 2, 12 + fm.getAscent());
        return 12 + fm.getHeight();
    }

    /** One row of swatches and names, centred. @return the row's bottom edge */
    private static int legend(Graphics2D g, List<BarGroups.Series> series, int top) {
        g.setFont(LEGEND);
        FontMetrics fm = g.getFontMetrics();
        int swatch = 13;
        int spacing = 26;
        int width = -spacing;
        for (BarGroups.Series one : series) {
            width += swatch + 6 + fm.stringWidth(one.name()) + spacing;
        }
        int x = (WIDTH - width) / 2;
        int baseline = top + 8 + fm.getAscent();
        for (BarGroups.Series one : series) {
            g.setColor(one.color());
            g.fillRect(x, baseline - swatch + 1, swatch, swatch);
            g.setColor(INK);
            g.drawString(one.name(), x + swatch + 6, baseline);
            x += swatch + 6 + fm.stringWidth(one.name()) + spacing;
        }
        return top + 8 + fm.getHeight();
    }

    private static void plot(Graphics2D g, BarGroups chart, int legendBottom) {
        int groups = chart.groups().size();
        int bars = chart.series().size();
        double groupWidth = (double) (WIDTH - LEFT - RIGHT) / groups;
        int barWidth = (int) ((groupWidth * (1 - 2 * GROUP_PADDING) - (bars - 1) * BAR_GAP) / bars);
        List<String> labels = new ArrayList<>();
        chart.series().forEach(s -> Arrays.stream(s.values()).filter(v -> !Double.isNaN(v)).forEach(v -> labels.add(format(v))));
        FontMetrics valueMetrics = g.getFontMetrics(VALUE);
        int widest = labels.stream().mapToInt(valueMetrics::stringWidth).max().orElse(0);
        boolean upright = widest <= barWidth + BAR_GAP;
        int headroom = (upright ? valueMetrics.getAscent() : widest) + 6;

        int top = legendBottom + 8 + headroom;
        int bottom = HEIGHT - BOTTOM;
        double[] range = range(chart.series());
        Axis axis = new Axis(range[0], range[1], top, bottom);
        grid(g, axis);

        for (int i = 0; i < groups; i++) {
            double groupLeft = LEFT + i * groupWidth;
            int x = (int) Math.round(groupLeft + (groupWidth - bars * barWidth - (bars - 1) * BAR_GAP) / 2);
            for (BarGroups.Series one : chart.series()) {
                double value = one.values()[i];
                if (!Double.isNaN(value)) {
                    int y = axis.y(value);
                    g.setColor(one.color());
                    g.fillRect(x, y, barWidth, bottom - y);
                    valueLabel(g, format(value), x + barWidth / 2, y - 4, upright);
                }
                x += barWidth + BAR_GAP;
            }
            g.setFont(GROUP);
            g.setColor(INK);
            FontMetrics fm = g.getFontMetrics();
            String label = chart.groups().get(i);
            g.drawString(label, (int) Math.round(groupLeft + (groupWidth - fm.stringWidth(label)) / 2), bottom + 8 + fm.getAscent());
        }
        g.setColor(INK);
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(LEFT, top - headroom, LEFT, bottom);
        g.drawLine(LEFT, bottom, WIDTH - RIGHT, bottom);
        yTitle(g, "msgs/s (log scale)", (top + bottom) / 2);
    }

    /** Gridlines and their labels at 1, 2 and 5 of every decade on the axis. */
    private static void grid(Graphics2D g, Axis axis) {
        g.setFont(TICK);
        FontMetrics fm = g.getFontMetrics();
        for (double decade = axis.base; decade <= axis.max; decade *= 10) {
            for (int step : STEPS) {
                double value = decade * step;
                if (value > axis.max * 1.0001) {
                    break;
                }
                int y = axis.y(value);
                g.setColor(step == 1 ? MAJOR_GRID : MINOR_GRID);
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                String label = tick(value);
                g.setColor(step == 1 ? INK : Color.GRAY);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
            }
        }
    }

    private static void valueLabel(Graphics2D g, String text, int centreX, int baseline, boolean upright) {
        g.setFont(VALUE);
        g.setColor(INK);
        FontMetrics fm = g.getFontMetrics();
        if (upright) {
            g.drawString(text, centreX - fm.stringWidth(text) / 2, baseline);
            return;
        }
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, centreX, baseline);
        g.drawString(text, centreX, baseline + fm.getAscent() / 2 - 1);
        g.setTransform(saved);
    }

    private static void yTitle(Graphics2D g, String text, int centreY) {
        g.setFont(LEGEND);
        g.setColor(INK);
        FontMetrics fm = g.getFontMetrics();
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, 22, centreY);
        g.drawString(text, 22 - fm.stringWidth(text) / 2, centreY);
        g.setTransform(saved);
    }

    /** @return the smallest and largest value drawn */
    private static double[] range(List<BarGroups.Series> series) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (BarGroups.Series one : series) {
            for (double v : one.values()) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min <= 0) {
            throw new IllegalArgumentException("a log axis needs every msgs/s above 0, got " + min);
        }
        return new double[] {min, max};
    }

    /** "12,345": the figures a bar stands for. */
    private static String format(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** "500", "2k", "10k", "1M". */
    private static String tick(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.0fM", value / 1e6);
        }
        return value >= 1e3 ? String.format(Locale.ROOT, "%.0fk", value / 1e3) : String.format(Locale.ROOT, "%.0f", value);
    }

    /** Maps msgs/s to pixel rows, from {@code base} at the bottom to {@code max} at the top. */
    private static final class Axis {
        final double base;
        final double max;
        private final int top;
        private final int bottom;

        /** @param min the smallest value: the axis starts a decade below it, so every bar has a length */
        Axis(double min, double largest, int top, int bottom) {
            this.base = Math.pow(10, Math.ceil(Math.log10(min)) - 1);
            this.max = firstStepAtOrAbove(largest, base);
            this.top = top;
            this.bottom = bottom;
        }

        private static double firstStepAtOrAbove(double value, double base) {
            for (double decade = base; ; decade *= 10) {
                for (int step : STEPS) {
                    if (decade * step >= value) {
                        return decade * step;
                    }
                }
            }
        }

        int y(double value) {
            double share = (Math.log10(value) - Math.log10(base)) / (Math.log10(max) - Math.log10(base));
            return (int) Math.round(bottom - share * (bottom - top));
        }
    }
}
