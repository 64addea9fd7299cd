package cn.incubation.ledger.ui.parts;

import java.util.List;

/**
 * A chart as a page hands it to ECharts through {@code /js/overview.js}: the element it is drawn in, its title, the
 * labels along the x axis, the axes' names and its series, all already in the reader's language.
 */
public record Chart(String id, String title, List<String> periods, List<String> axes, List<Series> series) {

    /** One line or bar: its name, how it is drawn, on which axis, in which stack (or none), a value per period. */
    public record Series(String name, String type, int axis, String stack, List<Number> data) {
    }
}
