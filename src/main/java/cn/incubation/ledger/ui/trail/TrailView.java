package cn.incubation.ledger.ui.trail;

import cn.incubation.ledger.investmenttrail.InvestmentChange;
import cn.incubation.ledger.investmenttrail.InvestmentStatus;
import cn.incubation.ledger.investmenttrail.TrailInvestment;
import cn.incubation.ledger.ui.PageTimes;
import cn.incubation.ledger.ui.parts.Chart;
import org.springframework.context.MessageSource;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A trail as its page writes it: the investments with the running total, the changes, and the running total chart. */
final class TrailView {

    /** An investment as last corrected, with the running total after it. */
    record Row(int number, LocalDate receivedOn, String investmentId, String tenantId, String incubatorId, String round,
               String investor, String amount, String amountCny, String status, boolean retracted,
               String recordedAt, String actor, String runningTotal) {
    }

    /** A correction or retraction: when it was recorded, by whom, why, and the values after it. */
    record Change(String recordedAt, String investmentId, String tenantId, String kind, boolean retraction,
                  String reason, String actor, String values) {
    }

    private final MessageSource messages;
    private final Locale locale;
    private final NumberFormat number;

    TrailView(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
        this.number = NumberFormat.getNumberInstance(locale);
        this.number.setMaximumFractionDigits(2);
    }

    List<Row> rows(List<TrailInvestment> investments, PageTimes times) {
        List<Row> rows = new ArrayList<>();
        for (TrailInvestment i : investments) {
            rows.add(new Row(rows.size() + 1, i.receivedOn(), i.investmentId(), i.tenantId(), i.incubatorId(),
                             String.valueOf(i.round()), i.investor(), amount(i.amount()) + " " + i.currency(),
                             amount(i.amountCny()), text("trail.status." + i.status()),
                             i.status() == InvestmentStatus.RETRACTED, times.beijing(i.recordedAt()), i.actor(),
                             amount(i.runningTotalCny())));
        }
        return rows;
    }

    /** Every correction and retraction, the latest recorded first: what a fund manager reviews. */
    List<Change> changes(List<TrailInvestment> investments, PageTimes times) {
        record Dated(Instant at, Change change) {
        }
        List<Dated> changes = new ArrayList<>();
        for (TrailInvestment i : investments) {
            for (InvestmentChange c : i.corrections()) {
                String values = c.values() == null ? ""
                        : amount(c.values().amount()) + " " + c.values().currency() + " → "
                          + amount(c.values().amountCny()) + " " + text("unit.yuan");
                changes.add(new Dated(c.recordedAt(), new Change(
                        times.beijing(c.recordedAt()), i.investmentId(), i.tenantId(),
                        text("trail.status." + c.kind()), c.kind() == InvestmentStatus.RETRACTED, c.reason(),
                        c.actor(), values)));
            }
        }
        changes.sort(Comparator.comparing(Dated::at).reversed());
        return changes.stream().map(Dated::change).toList();
    }

    /** The running total after each investment (a line) and each investment's amount (bars), in received order. */
    Chart chart(List<TrailInvestment> investments) {
        List<String> labels = investments.stream().map(i -> i.receivedOn() + " " + i.investmentId()).toList();
        List<Number> totals = investments.stream().map(i -> (Number) new BigDecimal(i.runningTotalCny())).toList();
        List<Number> amounts = investments.stream()
                                          .map(i -> (Number) (i.status() == InvestmentStatus.RETRACTED
                                                  ? BigDecimal.ZERO : new BigDecimal(i.amountCny())))
                                          .toList();
        return new Chart("chart-running-total", text("trail.chart"), labels, List.of(text("charts.axis.yuan")),
                         List.of(new Chart.Series(text("trail.chart.amount"), "bar", 0, null, amounts),
                                 new Chart.Series(text("trail.chart.total"), "line", 0, null, totals)));
    }

    String amount(String value) {
        return value == null ? "" : number.format(new BigDecimal(value));
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments.length == 0 ? null : arguments, key, locale);
    }
}
