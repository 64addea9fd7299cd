package cn.incubation.ledger.ui.overview;

import cn.incubation.ledger.regionaltotals.Comparison;
import cn.incubation.ledger.regionaltotals.RecordedFacts;
import cn.incubation.ledger.regionaltotals.RegionalTotals;
import cn.incubation.ledger.report.Indicator;
import cn.incubation.ledger.report.RegionalTables;
import cn.incubation.ledger.report.Table;
import cn.incubation.ledger.report.Table.Column;
import cn.incubation.ledger.report.Table.Format;
import cn.incubation.ledger.report.TableFiles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The overview's own tables as downloads, beside the regional ones of {@link RegionalTables}: the comparison with the
 * plan ends named in its headers, the figures as known at two instants, and the facts recorded in between. Chinese
 * headers like every download; instants in Beijing time.
 */
final class OverviewTables {

    /** The ends of the five-year plans the reports compare, by the date that ends each. */
    private static final Map<LocalDate, String> PLAN_ENDS = Map.of(
            LocalDate.of(2015, 12, 31), "十二五末", LocalDate.of(2020, 12, 31), "十三五末",
            LocalDate.of(2025, 12, 31), "十四五末", LocalDate.of(2030, 12, 31), "十五五末");

    private OverviewTables() {
    }

    /** The published table's name for a date: {@code 十三五末（2020-12-31）} for a plan's end, else the date. */
    static String dateHeader(LocalDate date) {
        String plan = PLAN_ENDS.get(date);
        return plan == null ? date.toString() : plan + "（" + date + "）";
    }

    /** The plan end a date closes, if any. */
    static String planEnd(LocalDate date) {
        return PLAN_ENDS.get(date);
    }

    /** {@link RegionalTables#comparison} with the plan ends named in the two date columns. */
    static Table comparison(Comparison comparison, String regionName) {
        Table table = RegionalTables.comparison(comparison, regionName);
        List<Column> columns = new ArrayList<>(table.columns());
        columns.set(2, new Column(dateHeader(comparison.from()), columns.get(2).format()));
        columns.set(3, new Column(dateHeader(comparison.to()), columns.get(3).format()));
        return new Table(table.sheetName(), table.title(), columns, table.rows());
    }

    /** Each indicator on the same date as known at two instants, and the difference. */
    static Table changes(RegionalTotals before, RegionalTotals after, String regionName) {
        List<List<Object>> rows = new ArrayList<>();
        for (Indicator indicator : Indicator.values()) {
            Format format = Table.formatOf(indicator.unit());
            rows.add(List.of(indicator.zh(), indicator.key(), new Table.Typed(indicator.of(before), format),
                             new Table.Typed(indicator.of(after), format),
                             new Table.Typed(indicator.of(after).subtract(indicator.of(before)), format)));
        }
        String beforeAt = TableFiles.BEIJING_TIME.format(before.knownAt());
        String afterAt = TableFiles.BEIJING_TIME.format(after.knownAt());
        return new Table("变化 " + after.regionCode(),
                         List.of(regionName + "：截至 " + after.asOf() + " 的指标，分别按 " + beforeAt + " 与 " + afterAt
                                 + " 所知（北京时间）"),
                         List.of(new Column("指标", Format.TEXT), new Column("indicator", Format.TEXT),
                                 new Column("截至 " + beforeAt + " 所知", Format.COUNT),
                                 new Column("截至 " + afterAt + " 所知", Format.COUNT),
                                 new Column("差额", Format.COUNT)),
                         rows);
    }

    /** The facts recorded between the two instants, newest record first, described in Chinese. */
    static Table facts(RecordedFacts.Found found, String regionName, FactDescriptions chinese) {
        List<List<Object>> rows = new ArrayList<>();
        for (RecordedFacts.Fact fact : found.facts()) {
            List<Object> row = new ArrayList<>();
            row.add(fact.recordedAt());
            row.add(fact.occurredOn());
            row.add(chinese.describe(fact.event()));
            row.add(fact.incubatorId());
            row.add(fact.tenantId());
            row.add(fact.actor());
            rows.add(row);
        }
        List<String> title = new ArrayList<>();
        title.add(regionName + "：" + TableFiles.BEIJING_TIME.format(found.after()) + " 至 "
                  + TableFiles.BEIJING_TIME.format(found.until()) + "（北京时间）之间记录的事实，共 " + found.found()
                  + " 条" + (found.complete() ? "" : "（记录量较大，只查看了最近的部分记录）"));
        return new Table("事实 " + found.regionCode(), title,
                         List.of(new Column("记录时间（北京时间）", Format.INSTANT), new Column("业务日期", Format.DATE),
                                 new Column("事实", Format.TEXT), new Column("孵化载体", Format.TEXT),
                                 new Column("在孵企业", Format.TEXT), new Column("记录人", Format.TEXT)),
                         rows);
    }
}
