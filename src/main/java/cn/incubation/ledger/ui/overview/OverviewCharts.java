package cn.incubation.ledger.ui.overview;

import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.regionaltotals.RegionalSeries;
import cn.incubation.ledger.regionaltotals.RegionalSeries.Period;
import cn.incubation.ledger.regionaltotals.RegionalTotals;
import cn.incubation.ledger.report.Flow;
import cn.incubation.ledger.report.Indicator;
import cn.incubation.ledger.tenant.IpKind;
import org.springframework.context.MessageSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A region's series as the overview's charts, in the reader's language: for each chart its title, the period labels,
 * the axes and the lines or bars, as data the page hands to ECharts unchanged (the page computes nothing).
 */
final class OverviewCharts {

    /** One line or bar: its name, how it is drawn, on which axis, in which stack, and a value per period. */
    record Series(String name, String type, int axis, String stack, List<Number> data) {
    }

    /** One chart: the element it is drawn in, its title, the period labels, its axes' names and its series. */
    record Chart(String id, String title, List<String> periods, List<String> axes, List<Series> series) {
    }

    private final MessageSource messages;
    private final Locale locale;
    private final RegionalSeries regionalSeries;
    private final List<String> periods;

    private OverviewCharts(MessageSource messages, Locale locale, RegionalSeries series) {
        this.messages = messages;
        this.locale = locale;
        this.regionalSeries = series;
        this.periods = series.periods().stream().map(Period::period).toList();
    }

    static List<Chart> of(RegionalSeries series, MessageSource messages, Locale locale) {
        return new OverviewCharts(messages, locale, series).charts();
    }

    private List<Chart> charts() {
        List<Chart> charts = new ArrayList<>();
        charts.add(chart("chart-carriers", "charts.carriers", List.of(text("charts.axis.count")),
                         byKey(Arrays.stream(CarrierKind.values()).map(Enum::name).toList(), "kind.",
                               t -> t.carriers().byKind())));
        charts.add(chart("chart-levels", "charts.levels", List.of(text("charts.axis.count")),
                         byKey(Arrays.stream(AccreditationLevel.values()).map(Enum::name).toList(), "level.",
                               t -> t.carriers().byLevel())));
        charts.add(chart("chart-space", "charts.space", List.of(text("charts.axis.m2"), text("charts.axis.people")),
                         List.of(stock(Indicator.FLOOR_AREA_M2, "bar", 0), stock(Indicator.STAFF, "line", 1))));
        charts.add(chart("chart-tenants", "charts.tenants", List.of(text("charts.axis.count"),
                                                                     text("charts.axis.people")),
                         List.of(stock(Indicator.TENANTS_IN_INCUBATION, "bar", 0),
                                 stock(Indicator.TEAMS_IN_INCUBATION, "bar", 0), stock(Indicator.JOBS, "line", 1))));
        charts.add(chart("chart-ip", "charts.ip", List.of(text("charts.axis.count")),
                         byKey(Arrays.stream(IpKind.values()).map(Enum::name).toList(), "ipKind.",
                               t -> t.ipHeld().byKind())));
        charts.add(chart("chart-investment", "charts.investment", List.of(text("charts.axis.yuan"),
                                                                           text("charts.axis.deals")),
                         List.of(flow(Flow.INVESTMENT_AMOUNT_CNY, "bar", 0), flow(Flow.INVESTMENT_COUNT, "line", 1))));
        charts.add(chart("chart-cumulative", "charts.cumulative", List.of(text("charts.axis.count")),
                         List.of(stock(Indicator.COMPANIES_INCUBATED, "line", 0),
                                 stock(Indicator.GRADUATED_COMPANIES, "line", 0))));
        return charts;
    }

    private Chart chart(String id, String titleKey, List<String> axes, List<Series> series) {
        return new Chart(id, text(titleKey), periods, axes, series);
    }

    private Series stock(Indicator indicator, String type, int axis) {
        return new Series(indicator.name(locale), type, axis, null,
                          regionalSeries.periods().stream().map(p -> (Number) indicator.of(p.stocks())).toList());
    }

    private Series flow(Flow flow, String type, int axis) {
        return new Series(flow.name(locale), type, axis, null,
                          regionalSeries.periods().stream().map(p -> (Number) flow.of(p.flows())).toList());
    }

    /** A stacked bar per key (a kind, a level), each period's count under that key, 0 where the map has none. */
    private List<Series> byKey(List<String> keys, String labelPrefix,
                               Function<RegionalTotals, Map<String, Long>> counts) {
        List<Series> series = new ArrayList<>();
        for (String key : keys) {
            List<Number> data = regionalSeries.periods().stream()
                                              .map(p -> (Number) counts.apply(p.stocks()).getOrDefault(key, 0L))
                                              .toList();
            series.add(new Series(text(labelPrefix + key), "bar", 0, "total", data));
        }
        return series;
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, locale);
    }
}
