package cn.incubation.ledger.ui.carrier;

import cn.incubation.ledger.ui.parts.Chart;
import cn.incubation.ledger.ui.parts.Chart.Series;
import org.springframework.context.MessageSource;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** A carrier's yearly figures as the page's three charts: tenants and graduates, jobs, IP granted. */
final class CarrierCharts {

    private CarrierCharts() {
    }

    static List<Chart> of(List<CarrierSeries.Point> points, MessageSource messages, Locale locale) {
        List<String> periods = points.stream().map(CarrierSeries.Point::period).toList();
        String count = text(messages, locale, "charts.axis.count");
        return List.of(
                new Chart("chart-tenants", text(messages, locale, "carrier.chart.tenants"), periods, List.of(count),
                          List.of(series(points, text(messages, locale, "carrier.tenantsInIncubation"), "bar",
                                         CarrierSeries.Point::tenants),
                                  series(points, text(messages, locale, "carrier.graduated"), "line",
                                         CarrierSeries.Point::graduated))),
                new Chart("chart-jobs", text(messages, locale, "carrier.chart.jobs"), periods,
                          List.of(text(messages, locale, "charts.axis.people")),
                          List.of(series(points, text(messages, locale, "carrier.jobs"), "line",
                                         CarrierSeries.Point::jobs))),
                new Chart("chart-ip", text(messages, locale, "carrier.chart.ip"), periods, List.of(count),
                          List.of(series(points, text(messages, locale, "carrier.ipGranted"), "bar",
                                         CarrierSeries.Point::ipGranted))));
    }

    private static Series series(List<CarrierSeries.Point> points, String name, String type,
                                 ToLongFunction<CarrierSeries.Point> value) {
        return new Series(name, type, 0, null, points.stream().map(p -> (Number) value.applyAsLong(p)).toList());
    }

    private static String text(MessageSource messages, Locale locale, String key) {
        return messages.getMessage(key, null, key, locale);
    }
}
