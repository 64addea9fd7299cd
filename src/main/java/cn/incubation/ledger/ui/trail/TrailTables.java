package cn.incubation.ledger.ui.trail;

import cn.incubation.ledger.investmenttrail.InvestmentChange;
import cn.incubation.ledger.investmenttrail.TrailInvestment;
import cn.incubation.ledger.report.Table;
import cn.incubation.ledger.report.Table.Column;
import cn.incubation.ledger.report.Table.Format;
import cn.incubation.ledger.report.TableFiles;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A trail as downloads: the investments in received order with the running total, and every correction and
 * retraction in a row of its own with its reason, actor and record time. Amounts as numbers, times in Beijing time.
 */
public final class TrailTables {

    private static final Map<String, String> STATUS = Map.of("ACTIVE", "有效", "CORRECTED", "已更正",
                                                             "RETRACTED", "已撤回");

    private TrailTables() {
    }

    /** The investments of {@code whose} (a name and what it is) as known at {@code knownAt}. */
    public static Table trail(String whose, Instant knownAt, List<TrailInvestment> investments) {
        List<List<Object>> rows = new ArrayList<>();
        for (TrailInvestment i : investments) {
            rows.add(Arrays.asList(i.receivedOn(), i.investmentId(), i.tenantId(), i.incubatorId(),
                                   String.valueOf(i.round()), i.investor(), new BigDecimal(i.amount()), i.currency(),
                                   new BigDecimal(i.cnyRate()), new BigDecimal(i.amountCny()),
                                   STATUS.getOrDefault(i.status().name(), i.status().name()), i.recordedAt(),
                                   i.actor(), new BigDecimal(i.runningTotalCny())));
        }
        return new Table("投融资记录", title(whose, knownAt, "的投融资记录，按记录先后"),
                         List.of(new Column("到账日期", Format.DATE), new Column("投资编号", Format.TEXT),
                                 new Column("在孵企业", Format.TEXT), new Column("孵化载体", Format.TEXT),
                                 new Column("轮次", Format.TEXT), new Column("投资方", Format.TEXT),
                                 new Column("金额", Format.DECIMAL), new Column("币种", Format.TEXT),
                                 new Column("汇率", Format.DECIMAL), new Column("折合人民币（元）", Format.DECIMAL),
                                 new Column("状态", Format.TEXT), new Column("记录时间（北京时间）", Format.INSTANT),
                                 new Column("记录人", Format.TEXT), new Column("累计（元）", Format.DECIMAL)),
                         rows);
    }

    /** Every correction and retraction of these investments, in the order they were recorded. */
    public static Table changes(String whose, Instant knownAt, List<TrailInvestment> investments) {
        List<List<Object>> rows = new ArrayList<>();
        for (TrailInvestment i : investments) {
            for (InvestmentChange c : i.corrections()) {
                rows.add(Arrays.asList(c.recordedAt(), i.investmentId(), i.tenantId(),
                                       STATUS.getOrDefault(c.kind().name(), c.kind().name()), c.reason(), c.actor(),
                                       c.values() == null ? null : new BigDecimal(c.values().amount()),
                                       c.values() == null ? null : c.values().currency(),
                                       c.values() == null ? null : new BigDecimal(c.values().amountCny())));
            }
        }
        rows.sort((a, b) -> ((Instant) a.get(0)).compareTo((Instant) b.get(0)));
        return new Table("更正与撤回", title(whose, knownAt, "的投融资更正与撤回"),
                         List.of(new Column("记录时间（北京时间）", Format.INSTANT), new Column("投资编号", Format.TEXT),
                                 new Column("在孵企业", Format.TEXT), new Column("更正或撤回", Format.TEXT),
                                 new Column("原因", Format.TEXT), new Column("记录人", Format.TEXT),
                                 new Column("更正后金额", Format.DECIMAL), new Column("币种", Format.TEXT),
                                 new Column("更正后折合人民币（元）", Format.DECIMAL)),
                         rows);
    }

    private static List<String> title(String whose, Instant knownAt, String what) {
        return List.of(whose + what + "，数据截至 " + TableFiles.BEIJING_TIME.format(knownAt) + "（北京时间）");
    }
}
