package cn.incubation.ledger.report;

import cn.incubation.ledger.regionaltotals.Comparison;
import cn.incubation.ledger.regionaltotals.RegionalSeries;
import cn.incubation.ledger.regionaltotals.RegionalTotals;
import cn.incubation.ledger.report.Table.Column;
import cn.incubation.ledger.report.Table.Format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The regional answers as downloadable tables with the published reports' Chinese names: a region's totals, its
 * series period by period, and the comparison of two dates in the shape of the published table.
 */
public final class RegionalTables {

    private RegionalTables() {
    }

    /**
     * The totals on {@code asOf}, each indicator with its Chinese name and key, then the breakdowns by carrier kind,
     * accreditation level and kind of IP, named by {@code label} (given keys such as {@code kind.INCUBATOR}).
     */
    public static Table totals(RegionalTotals totals, String regionName, Function<String, String> label) {
        List<List<Object>> rows = new ArrayList<>();
        for (Indicator indicator : Indicator.values()) {
            rows.add(List.of(indicator.zh(), indicator.key(),
                             new Table.Typed(indicator.of(totals), Table.formatOf(indicator.unit()))));
        }
        breakdown(rows, Indicator.CARRIERS_TOTAL.zh(), "carriers.byKind", "kind.", totals.carriers().byKind(), label);
        breakdown(rows, Indicator.CARRIERS_TOTAL.zh(), "carriers.byLevel", "level.", totals.carriers().byLevel(),
                  label);
        breakdown(rows, Indicator.IP_IN_INCUBATION.zh(), "ipHeld.byKind", "ipKind.", totals.ipHeld().byKind(), label);
        breakdown(rows, Indicator.IP_CUMULATIVE.zh(), "ipHeld.cumulativeByKind", "ipKind.",
                  totals.ipHeld().cumulativeByKind(), label);
        List<String> title = new ArrayList<>();
        title.add(regionName + " 孵化体系主要指标：截至 " + totals.asOf() + "，" + knownAt(totals.knownAt()));
        partialMembers(title, totals.partialMembers());
        return new Table("指标 " + totals.regionCode(), title,
                         List.of(new Column("指标", Format.TEXT), new Column("indicator", Format.TEXT),
                                 new Column(totals.asOf().toString(), Format.COUNT)),
                         rows);
    }

    /** Each period with its dates, the stocks at its end and what flowed within it. */
    public static Table series(RegionalSeries series, String regionName) {
        List<Column> columns = new ArrayList<>(List.of(new Column("期间", Format.TEXT), new Column("起", Format.DATE),
                                                       new Column("止", Format.DATE)));
        for (Indicator indicator : Indicator.values()) {
            columns.add(new Column(indicator.zh() + "（期末）", Table.formatOf(indicator.unit())));
        }
        for (Flow flow : Flow.values()) {
            columns.add(new Column("本期" + flow.zh(), Table.formatOf(flow.unit())));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (RegionalSeries.Period period : series.periods()) {
            List<Object> row = new ArrayList<>(List.of(period.period(), period.start(), period.end()));
            for (Indicator indicator : Indicator.values()) {
                row.add(indicator.of(period.stocks()));
            }
            for (Flow flow : Flow.values()) {
                row.add(flow.of(period.flows()));
            }
            rows.add(row);
        }
        List<String> title = new ArrayList<>();
        title.add(regionName + " " + granularity(series.granularity()) + "序列：" + series.from() + " 至 "
                          + series.to() + "，" + knownAt(series.knownAt()) + "（存量为期末值；期间未结束的以 "
                          + series.to() + " 为准）");
        partialMembers(title, series.partialMembers());
        return new Table("序列 " + series.regionCode(), title, columns, rows);
    }

    /**
     * The published table's shape: each stock on both dates, the increase and the growth (as a share, formatted as a
     * percentage; empty when the first value is 0). The title is one line, so the header is always the third row.
     */
    public static Table comparison(Comparison comparison, String regionName) {
        List<List<Object>> rows = new ArrayList<>();
        for (Comparison.Row row : comparison.indicators()) {
            Indicator indicator = Indicator.byKey(row.indicator()).orElse(null);
            Format format = indicator == null ? Format.DECIMAL : Table.formatOf(indicator.unit());
            List<Object> line = new ArrayList<>();
            line.add(indicator == null ? row.indicator() : indicator.zh());
            line.add(row.indicator());
            line.add(new Table.Typed(row.from(), format));
            line.add(new Table.Typed(row.to(), format));
            line.add(new Table.Typed(row.increase(), format));
            line.add(row.growthPercent() == null ? null
                    : row.growthPercent().divide(BigDecimal.valueOf(100), MathContext.DECIMAL64));
            rows.add(line);
        }
        String partial = comparison.partialMembers() == null || comparison.partialMembers().isEmpty() ? ""
                : "；部分纳入、全额计入：" + names(comparison.partialMembers());
        List<String> title = List.of(regionName + "：" + comparison.to() + " 与 " + comparison.from() + " 对比，"
                                             + knownAt(comparison.knownAt()) + partial);
        return new Table("对比 " + comparison.regionCode(), title,
                         List.of(new Column("指标", Format.TEXT), new Column("indicator", Format.TEXT),
                                 new Column(comparison.from().toString(), Format.COUNT),
                                 new Column(comparison.to().toString(), Format.COUNT),
                                 new Column("增量", Format.COUNT), new Column("增长率", Format.PERCENT)),
                         rows);
    }

    private static void breakdown(List<List<Object>> rows, String of, String key, String labelPrefix,
                                  Map<String, Long> values, Function<String, String> label) {
        values.forEach((name, count) -> rows.add(List.of(of + "：" + label.apply(labelPrefix + name),
                                                         key + "." + name, new Table.Typed(count, Format.COUNT))));
    }

    private static void partialMembers(List<String> title, List<RegionalTotals.PartialMember> partialMembers) {
        if (partialMembers != null && !partialMembers.isEmpty()) {
            title.add("部分纳入、全额计入的成员：" + names(partialMembers));
        }
    }

    private static String names(List<RegionalTotals.PartialMember> members) {
        return members.stream().map(m -> m.nameZh() + "（" + m.code() + "）").collect(Collectors.joining("、"));
    }

    private static String knownAt(Instant knownAt) {
        return "数据截至 " + TableFiles.BEIJING_TIME.format(knownAt) + "（北京时间）";
    }

    private static String granularity(RegionalSeries.Granularity granularity) {
        return switch (granularity) {
            case YEAR -> "年度";
            case QUARTER -> "季度";
            case MONTH -> "月度";
        };
    }
}
