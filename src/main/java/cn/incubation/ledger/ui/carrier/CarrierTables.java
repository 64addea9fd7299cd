package cn.incubation.ledger.ui.carrier;

import cn.incubation.ledger.history.HistoryEntry;
import cn.incubation.ledger.incubatorstate.IncubatorState;
import cn.incubation.ledger.report.Table;
import cn.incubation.ledger.report.Table.Column;
import cn.incubation.ledger.report.Table.Format;
import cn.incubation.ledger.report.TableFiles;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.ui.parts.FactText;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The carrier page's tables as downloads, in Chinese like every download: the state, the tenants by status, the
 * timeline and the yearly series; figures as numbers, dates as dates, record times in Beijing time.
 */
final class CarrierTables {

    private CarrierTables() {
    }

    static Table state(IncubatorState s, String kindZh, String levelZh) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("载体名称", s.name(), Format.TEXT));
        rows.add(row("类型", kindZh, Format.TEXT));
        rows.add(row("行政区划代码", s.regionCode(), Format.TEXT));
        rows.add(row("运营机构", s.operator(), Format.TEXT));
        rows.add(row("开业日期", s.openedOn(), Format.DATE));
        rows.add(row("状态", s.status().name(), Format.TEXT));
        rows.add(row("认定级别", levelZh, Format.TEXT));
        rows.add(row("孵化场地面积（平方米）", s.floorAreaM2(), Format.DECIMAL));
        rows.add(row("管理服务人员", s.staff(), Format.COUNT));
        rows.add(row("在孵企业数", s.tenantsInIncubation(), Format.COUNT));
        rows.add(row("累计毕业企业", s.graduated(), Format.COUNT));
        rows.add(row("在孵企业知识产权", s.ipHeld().total(), Format.COUNT));
        rows.add(row("吸纳就业（人）", s.jobs(), Format.COUNT));
        rows.add(row("获得投融资（笔）", s.investment().count(), Format.COUNT));
        rows.add(row("获得投融资（元）", s.investment().amountCny(), Format.DECIMAL));
        return new Table("载体 " + sheetId(s.incubatorId()), title(s.name(), s.incubatorId(), s.asOf(), s.knownAt()),
                         List.of(new Column("项目", Format.TEXT), new Column("数值", Format.TEXT)), rows);
    }

    static Table tenants(IncubatorState s, List<TenantState> tenants, Function<String, String> statusZh) {
        List<List<Object>> rows = new ArrayList<>();
        for (TenantState t : tenants) {
            rows.add(Arrays.asList(t.tenantId(), CarrierView.name(t), t.creditCode(),
                                   statusZh.apply(t.status().name()),
                                   t.admittedOn(), t.graduatedOn() != null ? t.graduatedOn() : t.withdrawnOn(),
                                   t.headcount() == null ? null : t.headcount().employees(), t.ipHeld().total(),
                                   new BigDecimal(t.investment().amountCny())));
        }
        return new Table("在孵企业 " + sheetId(s.incubatorId()), title(s.name(), s.incubatorId(), s.asOf(), s.knownAt()),
                         List.of(new Column("企业编号", Format.TEXT), new Column("企业名称", Format.TEXT),
                                 new Column("统一社会信用代码", Format.TEXT), new Column("状态", Format.TEXT),
                                 new Column("入孵日期", Format.DATE), new Column("毕业或退出日期", Format.DATE),
                                 new Column("员工人数", Format.COUNT), new Column("知识产权（件）", Format.COUNT),
                                 new Column("获得投融资（元）", Format.DECIMAL)),
                         rows);
    }

    static Table timeline(String name, String incubatorId, List<HistoryEntry> entries, boolean cut, FactText chinese) {
        List<List<Object>> rows = new ArrayList<>();
        for (HistoryEntry e : entries) {
            rows.add(Arrays.asList(e.occurredOn(), e.recordedAt(), chinese.type(e.type()),
                                   chinese.describe(e.type(), e.fields()), e.tenantId(), e.actor()));
        }
        List<String> title = new ArrayList<>();
        title.add(name + "（" + incubatorId + "）的事实，按业务日期倒序，共 " + entries.size() + " 条"
                  + (cut ? "（只列出最新的部分）" : ""));
        return new Table("时间线 " + sheetId(incubatorId), title,
                         List.of(new Column("业务日期", Format.DATE), new Column("记录时间（北京时间）", Format.INSTANT),
                                 new Column("类型", Format.TEXT), new Column("事实", Format.TEXT),
                                 new Column("在孵企业", Format.TEXT), new Column("记录人", Format.TEXT)),
                         rows);
    }

    static Table series(IncubatorState s, List<CarrierSeries.Point> points) {
        List<List<Object>> rows = new ArrayList<>();
        for (CarrierSeries.Point p : points) {
            rows.add(List.of(p.period(), p.date(), p.tenants(), p.graduated(), p.jobs(), p.ipGranted()));
        }
        return new Table("历年 " + sheetId(s.incubatorId()), title(s.name(), s.incubatorId(), s.asOf(), s.knownAt()),
                         List.of(new Column("年度", Format.TEXT), new Column("日期", Format.DATE),
                                 new Column("在孵企业数", Format.COUNT), new Column("累计毕业企业", Format.COUNT),
                                 new Column("吸纳就业（人）", Format.COUNT),
                                 new Column("累计获得知识产权（件）", Format.COUNT)),
                         rows);
    }

    private static List<Object> row(String label, Object value, Format format) {
        return List.of(label, new Table.Typed(value == null ? "" : value, value == null ? Format.TEXT : format));
    }

    private static List<String> title(String name, String id, LocalDate asOf, Instant knownAt) {
        return List.of(name + "（" + id + "）：截至 " + asOf + "，数据截至 " + TableFiles.BEIJING_TIME.format(knownAt)
                       + "（北京时间）");
    }

    /** Excel's sheet names are at most 31 characters. */
    private static String sheetId(String id) {
        return id.length() > 24 ? id.substring(0, 24) : id;
    }
}
