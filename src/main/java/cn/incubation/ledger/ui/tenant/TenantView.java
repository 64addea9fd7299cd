package cn.incubation.ledger.ui.tenant;

import cn.incubation.ledger.investmenttrail.InvestmentChange;
import cn.incubation.ledger.investmenttrail.InvestmentStatus;
import cn.incubation.ledger.investmenttrail.TrailInvestment;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.ui.PageTimes;
import cn.incubation.ledger.ui.parts.FactText;
import org.springframework.context.MessageSource;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A tenant's state, facts and investments as its page writes them in the reader's language. */
final class TenantView {

    /** A line of the state: the field's id, its name and its value as written. */
    record Line(String id, String label, String value) {
    }

    /** A fact in the order it happened, with both times and who recorded it. */
    record FactRow(int number, LocalDate occurredOn, String recordedAt, String type, String description,
                   String actor) {
    }

    /** An investment as last corrected, and what changed it. */
    record InvestmentRow(String investmentId, LocalDate receivedOn, String round, String investor, String amount,
                         String amountCny, String status, boolean retracted, String changes) {
    }

    private final MessageSource messages;
    private final Locale locale;
    private final NumberFormat number;

    TenantView(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
        this.number = NumberFormat.getNumberInstance(locale);
        this.number.setMaximumFractionDigits(2);
    }

    List<Line> state(TenantState t) {
        List<Line> lines = new ArrayList<>();
        if (t.teamName() != null) {
            lines.add(new Line("state-team", text("tenant.team"), t.teamName()));
        }
        lines.add(new Line("state-credit-code", text("tenant.creditCode"), or(t.creditCode())));
        lines.add(new Line("state-sector", text("tenant.sector"), or(t.sector())));
        lines.add(new Line("state-founded", text("tenant.foundedOn"), or(t.foundedOn())));
        lines.add(new Line("state-admitted", text("tenant.admittedOn"), or(t.admittedOn())));
        String ended = t.graduatedOn() != null ? " " + t.graduatedOn() : t.withdrawnOn() != null
                ? " " + t.withdrawnOn() : "";
        lines.add(new Line("state-status", text("tenant.status"), text("carrier.tenants." + t.status()) + ended));
        lines.add(new Line("state-employees", text("tenant.employees"), t.headcount() == null ? "—"
                : text("tenant.employees.value", number.format(t.headcount().employees()),
                       String.valueOf(t.headcount().reportedOn()))));
        String byKind = t.ipHeld().byKind().entrySet().stream().filter(e -> e.getValue() > 0)
                         .map(e -> text("ipKind." + e.getKey()) + " " + e.getValue())
                         .collect(Collectors.joining(text("carrier.listSeparator")));
        lines.add(new Line("state-ip", text("tenant.ip"), number.format(t.ipHeld().total())
                + (byKind.isEmpty() ? "" : text("tenant.ip.byKind", byKind))));
        lines.add(new Line("state-milestones", text("tenant.milestones"), number.format(t.milestones())));
        lines.add(new Line("state-investment", text("carrier.investment"),
                           text("carrier.investment.value", number.format(new BigDecimal(t.investment().amountCny())),
                                number.format(t.investment().count()))));
        return lines;
    }

    List<FactRow> facts(List<TenantFactLog.Fact> facts, PageTimes times) {
        FactText text = new FactText(messages, locale);
        List<FactRow> rows = new ArrayList<>();
        for (TenantFactLog.Fact f : facts) {
            rows.add(new FactRow(rows.size() + 1, f.occurredOn(), times.beijing(f.recordedAt()), text.type(f.type()),
                                 text.describe(f.type(), FactText.fields(f.event())), f.actor()));
        }
        return rows;
    }

    List<InvestmentRow> investments(List<TrailInvestment> investments, PageTimes times) {
        return investments.stream().map(i -> new InvestmentRow(
                i.investmentId(), i.receivedOn(), String.valueOf(i.round()), i.investor(),
                number.format(new BigDecimal(i.amount())) + " " + i.currency(),
                number.format(new BigDecimal(i.amountCny())), text("trail.status." + i.status()),
                i.status() == InvestmentStatus.RETRACTED, changes(i.corrections(), times))).toList();
    }

    /** Each correction or retraction in a line: what, why, who and when. */
    String changes(List<InvestmentChange> changes, PageTimes times) {
        return changes.stream().map(c -> text("trail.change", text("trail.status." + c.kind()), c.reason(),
                                              or(c.actor()), times.beijing(c.recordedAt())))
                      .collect(Collectors.joining("；"));
    }

    private static String or(Object value) {
        return value == null ? "—" : value.toString();
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments.length == 0 ? null : arguments, key, locale);
    }
}
