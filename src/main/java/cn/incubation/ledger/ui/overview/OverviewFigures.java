package cn.incubation.ledger.ui.overview;

import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.regionaltotals.Comparison;
import cn.incubation.ledger.regionaltotals.RecordedFacts;
import cn.incubation.ledger.regionaltotals.RegionalSeries;
import cn.incubation.ledger.regionaltotals.RegionalTotals;
import cn.incubation.ledger.report.Flow;
import cn.incubation.ledger.report.Indicator;
import cn.incubation.ledger.ui.PageTimes;
import org.springframework.context.MessageSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The overview's figures as the page writes them in the reader's language: cards, the comparison's rows, the figures
 * as known at two instants and the facts in between, numbers grouped by thousands and growth as a percentage.
 */
final class OverviewFigures {

    /** A key figure: its element id, name, value, unit and a line of detail beneath. */
    record Card(String id, String label, String value, String unit, String detail) {
    }

    /** A row of figures: the indicator's name and key, and the values already written. */
    record Line(String name, String key, List<String> values, int sign) {
    }

    /** A recorded fact as a row of the page. */
    record FactRow(String recordedAt, LocalDate occurredOn, boolean afterAsOf, String kind, String description,
                   String incubatorId, String tenantId, String actor) {
    }

    private final MessageSource messages;
    private final Locale locale;
    private final NumberFormat number;

    OverviewFigures(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
        this.number = NumberFormat.getNumberInstance(locale);
        this.number.setMaximumFractionDigits(2);
    }

    List<Card> cards(RegionalTotals t) {
        // Highest level first, as the bureaus list them (国家级, 省级, 市级, 区级).
        List<AccreditationLevel> highestFirst = new ArrayList<>(List.of(AccreditationLevel.values()));
        Collections.reverse(highestFirst);
        String levels = highestFirst.stream()
                                    .filter(level -> t.carriers().byLevel().getOrDefault(level.name(), 0L) > 0)
                                    .map(level -> text("level." + level) + " "
                                                  + number.format(t.carriers().byLevel().get(level.name())))
                                    .collect(Collectors.joining(text("punct.listSeparator")));
        Map<String, Long> kinds = t.carriers().byKind();
        return List.of(
                card("card-incubators", Indicator.INCUBATORS_INCL_MAKER_SPACES, t, "unit.carriers",
                     text("cards.incubators.detail", number.format(kinds.getOrDefault("INCUBATOR", 0L)),
                          number.format(kinds.getOrDefault("MAKER_SPACE", 0L)))),
                card("card-carriers", Indicator.CARRIERS_TOTAL, t, "unit.carriers",
                     text("cards.carriers.detail", levels.isEmpty() ? text("cards.carriers.noLevel") : levels)),
                card("card-floor-area", Indicator.FLOOR_AREA_M2, t, null, ""),
                card("card-staff", Indicator.STAFF, t, "unit.people", ""),
                card("card-tenants", Indicator.TENANTS_IN_INCUBATION, t, "unit.companies",
                     text("cards.tenants.detail", number.format(t.teamsInIncubation()))),
                card("card-incubated", Indicator.COMPANIES_INCUBATED, t, "unit.companies", ""),
                card("card-graduated", Indicator.GRADUATED_COMPANIES, t, "unit.companies",
                     text("cards.graduated.detail", number.format(t.graduated().graduations()))),
                card("card-ip", Indicator.IP_CUMULATIVE, t, "unit.items",
                     text("cards.ip.detail", number.format(t.ipHeld().inIncubation()))),
                card("card-jobs", Indicator.JOBS, t, "unit.people", ""),
                card("card-investment", Indicator.INVESTMENT_AMOUNT_CNY, t, null,
                     text("cards.investment.detail", number.format(t.investment().count()))));
    }

    /** Each stock on both dates, the increase and the growth, as the published table has them. */
    List<Line> comparison(Comparison comparison) {
        List<Line> lines = new ArrayList<>();
        for (Comparison.Row row : comparison.indicators()) {
            String name = Indicator.byKey(row.indicator()).map(i -> i.name(locale)).orElse(row.indicator());
            lines.add(new Line(name, row.indicator(),
                               List.of(number.format(row.from()), number.format(row.to()),
                                       signed(row.increase()), percent(row.growthPercent())),
                               row.increase().signum()));
        }
        return lines;
    }

    /** What flowed between the two dates. */
    List<Line> flows(RegionalSeries.Flows flows) {
        List<Line> lines = new ArrayList<>();
        for (Flow flow : Flow.values()) {
            lines.add(new Line(flow.name(locale), flow.key(), List.of(number.format(flow.of(flows))), 0));
        }
        return lines;
    }

    /** Each indicator as known at the earlier instant and now, and the difference. */
    List<Line> changes(RegionalTotals before, RegionalTotals after) {
        List<Line> lines = new ArrayList<>();
        for (Indicator indicator : Indicator.values()) {
            BigDecimal difference = indicator.of(after).subtract(indicator.of(before));
            lines.add(new Line(indicator.name(locale), indicator.key(),
                               List.of(number.format(indicator.of(before)), number.format(indicator.of(after)),
                                       signed(difference)),
                               difference.signum()));
        }
        return lines;
    }

    List<FactRow> facts(RecordedFacts.Found found, LocalDate asOf, PageTimes times) {
        FactDescriptions descriptions = new FactDescriptions(messages, locale);
        return found.facts().stream()
                    .map(f -> new FactRow(times.beijing(f.recordedAt()), f.occurredOn(),
                                          f.occurredOn() != null && f.occurredOn().isAfter(asOf),
                                          descriptions.kind(f.event()), descriptions.describe(f.event()),
                                          f.incubatorId(), f.tenantId(), f.actor()))
                    .toList();
    }

    /** A compared date's column: the plan end it closes (十三五末) and the date. */
    String dateHeader(LocalDate date) {
        String plan = OverviewTables.planEnd(date);
        return plan == null ? date.toString()
                : text("plan.end." + date.getYear()) + "（" + date + "）";
    }

    /** A card; no unit key where the indicator's name already carries its unit (平方米, 元). */
    private Card card(String id, Indicator indicator, RegionalTotals totals, String unitKey, String detail) {
        return new Card(id, indicator.name(locale), number.format(indicator.of(totals)),
                        unitKey == null ? "" : text(unitKey), detail);
    }

    private String signed(BigDecimal value) {
        return (value.signum() > 0 ? "+" : "") + number.format(value);
    }

    private static String percent(BigDecimal growthPercent) {
        return growthPercent == null ? "—"
                : (growthPercent.signum() > 0 ? "+" : "") + growthPercent.setScale(1, RoundingMode.HALF_UP) + "%";
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments.length == 0 ? null : arguments, key, locale);
    }
}
