package cn.incubation.ledger.ui.tenant;

import cn.incubation.ledger.report.Table;
import cn.incubation.ledger.report.Table.Column;
import cn.incubation.ledger.report.Table.Format;
import cn.incubation.ledger.report.TableFiles;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.ui.parts.FactText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The tenant page's facts in order as a download: Chinese headers, dates as dates, Beijing times. */
final class TenantTables {

    private TenantTables() {
    }

    static Table facts(TenantState t, List<TenantFactLog.Fact> facts, FactText chinese) {
        List<List<Object>> rows = new ArrayList<>();
        int number = 0;
        for (TenantFactLog.Fact f : facts) {
            rows.add(Arrays.asList(++number, f.occurredOn(), f.recordedAt(), chinese.type(f.type()),
                                   chinese.describe(f.type(), FactText.fields(f.event())), f.actor()));
        }
        return new Table("事实 " + t.tenantId(), title(t, "的事实，按业务日期先后"),
                         List.of(new Column("序号", Format.COUNT), new Column("业务日期", Format.DATE),
                                 new Column("记录时间（北京时间）", Format.INSTANT), new Column("类型", Format.TEXT),
                                 new Column("事实", Format.TEXT), new Column("记录人", Format.TEXT)),
                         rows);
    }

    private static List<String> title(TenantState t, String what) {
        String name = t.companyName() != null ? t.companyName() : t.teamName();
        return List.of(name + "（" + t.tenantId() + "）" + what + "，截至 " + t.asOf() + "，数据截至 "
                       + TableFiles.BEIJING_TIME.format(t.knownAt()) + "（北京时间）");
    }
}
