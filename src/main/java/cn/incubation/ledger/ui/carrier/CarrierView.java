package cn.incubation.ledger.ui.carrier;

import cn.incubation.ledger.history.HistoryEntry;
import cn.incubation.ledger.incubatorstate.IncubatorState;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.tenantstate.TenantStatus;
import cn.incubation.ledger.ui.PageTimes;
import cn.incubation.ledger.ui.parts.FactText;
import org.springframework.context.MessageSource;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A carrier's state, tenants and timeline as the page writes them in the reader's language. */
final class CarrierView {

    /** A line of the state: the field's id, its name and its value as written. */
    record Line(String id, String label, String value) {
    }

    /** A tenant of the carrier on the date. */
    record TenantRow(String tenantId, String name, String creditCode, LocalDate admittedOn, LocalDate endedOn,
                     String employees, int ip, String investmentCny) {
    }

    /** A fact of the timeline, with both times, who recorded it, and whether it was recorded after "known at". */
    record TimelineRow(LocalDate occurredOn, String recordedAt, boolean afterKnownAt, String type, String description,
                       String tenantId, String actor) {
    }

    private final MessageSource messages;
    private final Locale locale;
    private final NumberFormat number;

    CarrierView(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
        this.number = NumberFormat.getNumberInstance(locale);
        this.number.setMaximumFractionDigits(2);
    }

    List<Line> state(IncubatorState s, RegionCatalog regions) {
        String region = regions.find(s.regionCode())
                               .map(r -> ("en".equals(locale.getLanguage()) ? r.nameEn() : r.nameZh()) + " ("
                                       + r.code() + ")")
                               .orElse(s.regionCode());
        String ratings = s.ratings().stream().map(r -> r.year() + " " + text("rating." + r.rating()))
                          .collect(Collectors.joining(text("carrier.listSeparator")));
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("state-kind", text("carrier.kind"), text("kind." + s.kind())));
        lines.add(new Line("state-region", text("carrier.region"), region));
        lines.add(new Line("state-operator", text("carrier.operator"), s.operator()));
        lines.add(new Line("state-opened", text("carrier.openedOn"), String.valueOf(s.openedOn())));
        lines.add(new Line("state-status", text("carrier.status"), text("carrier.status." + s.status())
                + (s.closedOn() == null ? "" : " " + s.closedOn())));
        lines.add(new Line("state-level", text("carrier.level"),
                           s.level() == null ? text("charts.noLevel") : text("level." + s.level())));
        lines.add(new Line("state-floor-area", text("carrier.floorArea"), number.format(s.floorAreaM2())));
        lines.add(new Line("state-staff", text("carrier.staff"), number.format(s.staff())));
        lines.add(new Line("state-tenants", text("carrier.tenantsInIncubation"),
                           number.format(s.tenantsInIncubation())));
        lines.add(new Line("state-graduated", text("carrier.graduated"), number.format(s.graduated())));
        lines.add(new Line("state-ip", text("carrier.ipHeld"), number.format(s.ipHeld().total())));
        lines.add(new Line("state-jobs", text("carrier.jobs"), number.format(s.jobs())));
        lines.add(new Line("state-investment", text("carrier.investment"),
                           text("carrier.investment.value", number.format(s.investment().amountCny()),
                                number.format(s.investment().count()))));
        lines.add(new Line("state-ratings", text("carrier.ratings"), ratings.isEmpty() ? "—" : ratings));
        return lines;
    }

    /** The tenants by where they stand on the date: in incubation, graduated, withdrawn. */
    Map<TenantStatus, List<TenantRow>> tenants(List<TenantState> tenants) {
        Map<TenantStatus, List<TenantRow>> byStatus = new EnumMap<>(TenantStatus.class);
        for (TenantStatus status : List.of(TenantStatus.IN_INCUBATION, TenantStatus.GRADUATED,
                                           TenantStatus.WITHDRAWN)) {
            byStatus.put(status, new ArrayList<>());
        }
        tenants.stream()
               .sorted(Comparator.comparing(TenantState::admittedOn).thenComparing(TenantState::tenantId))
               .forEach(t -> {
                   List<TenantRow> rows = byStatus.get(t.status());
                   if (rows != null) {
                       rows.add(new TenantRow(t.tenantId(), name(t), t.creditCode(), t.admittedOn(),
                                              t.graduatedOn() != null ? t.graduatedOn() : t.withdrawnOn(),
                                              t.headcount() == null ? "—" : number.format(t.headcount().employees()),
                                              t.ipHeld().total(),
                                              number.format(new BigDecimal(t.investment().amountCny()))));
                   }
               });
        return byStatus;
    }

    List<TimelineRow> timeline(List<HistoryEntry> entries, Instant knownAt, PageTimes times) {
        FactText facts = new FactText(messages, locale);
        return entries.stream()
                      .map(e -> new TimelineRow(e.occurredOn(), times.beijing(e.recordedAt()),
                                                e.recordedAt().isAfter(knownAt), facts.type(e.type()),
                                                facts.describe(e.type(), e.fields()), e.tenantId(), e.actor()))
                      .toList();
    }

    /** A tenant's name: its company's, else its team's. */
    static String name(TenantState t) {
        return t.companyName() != null ? t.companyName() : t.teamName();
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments.length == 0 ? null : arguments, key, locale);
    }
}
