package io.pgqrs.bench;

import java.awt.Color;
import java.util.List;

/**
 * What a grouped bar chart shows: a title, one label per group and the series drawn in every group, in order.
 *
 * @param title the line above the chart
 * @param groups the label under each group, left to right
 * @param series the bars of each group, left to right, each with one value per group
 */
record BarGroups(String title, List<String> groups, List<Series> series) {

    /**
     * One bar per group, all in one colour.
     *
     * @param name the legend's text
     * @param color the bars' fill
     * @param values one per group, in msgs/s; {@link Double#NaN} where the series has no figure (no bar is drawn)
     */
    record Series(String name, Color color, double[] values) {
    }
}
