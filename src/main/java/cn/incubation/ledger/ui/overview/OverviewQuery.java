package cn.incubation.ledger.ui.overview;

import cn.incubation.ledger.region.Region;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.regionaltotals.RegionalSeries.Granularity;
import cn.incubation.ledger.ui.PageTimes;
import org.springframework.validation.Errors;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The overview's questions, checked: the region, the business date and the record time of the figures, the span and
 * periods of the charts, the two dates compared (the end of the 13th and of the 14th five-year plan unless chosen)
 * and the earlier record time of "what changed". Read from an {@link OverviewForm}; a bad field leaves an error.
 */
record OverviewQuery(Region region, LocalDate asOf, Instant knownAt, boolean knownAtNow, Granularity granularity,
                     LocalDate seriesFrom, LocalDate seriesTo, LocalDate from, LocalDate to, Instant since) {

    static final String DEFAULT_REGION = "chengyu";
    static final LocalDate END_OF_13TH_PLAN = LocalDate.of(2020, 12, 31);
    static final LocalDate END_OF_14TH_PLAN = LocalDate.of(2025, 12, 31);

    /** The question the form asks, or null when a field is wrong (each wrong field has its error). */
    static OverviewQuery of(OverviewForm form, Errors errors, RegionCatalog regions, PageTimes times) {
        String code = blank(form.getRegion()) ? DEFAULT_REGION : form.getRegion().strip();
        Region region = regions.find(code).orElse(null);
        if (region == null) {
            errors.rejectValue("region", "invalid.region", new Object[] {code}, "not in the region catalog");
        }
        LocalDate asOf = times.date(errors, "asOf", form.getAsOf(), times.today());
        Instant typedKnownAt = times.instant(errors, "knownAt", form.getKnownAt());
        Instant knownAt = typedKnownAt == null ? times.now() : typedKnownAt;
        Granularity granularity = granularity(errors, form.getGranularity());
        LocalDate seriesTo = times.date(errors, "seriesTo", form.getSeriesTo(), asOf);
        LocalDate seriesFrom = times.date(errors, "seriesFrom", form.getSeriesFrom(),
                                          seriesTo == null || granularity == null ? null
                                                  : defaultStart(seriesTo, granularity));
        if (seriesFrom != null && seriesTo != null && seriesTo.isBefore(seriesFrom)) {
            errors.rejectValue("seriesTo", "invalid.order", new Object[] {seriesFrom}, "must not be before from");
        }
        LocalDate from = times.date(errors, "from", form.getFrom(), END_OF_13TH_PLAN);
        LocalDate to = times.date(errors, "to", form.getTo(), END_OF_14TH_PLAN);
        if (from != null && to != null && to.isBefore(from)) {
            errors.rejectValue("to", "invalid.order", new Object[] {from}, "must not be before from");
        }
        Instant since = times.instant(errors, "since", form.getSince());
        if (since == null && !errors.hasFieldErrors("since")) {
            since = knownAt.minus(30, ChronoUnit.DAYS);
        }
        if (since != null && !since.isBefore(knownAt)) {
            errors.rejectValue("since", "invalid.sinceNotBefore", new Object[] {times.beijing(knownAt)},
                               "must be before knownAt");
        }
        if (errors.hasErrors()) {
            return null;
        }
        return new OverviewQuery(region, asOf, knownAt, typedKnownAt == null, granularity, seriesFrom, seriesTo, from,
                                 to, since);
    }

    /** Ten years, twelve quarters or twenty-four months up to {@code to}: enough to see a trend, few enough to read. */
    static LocalDate defaultStart(LocalDate to, Granularity granularity) {
        return switch (granularity) {
            case YEAR -> to.minusYears(9).withDayOfYear(1);
            case QUARTER -> {
                LocalDate start = to.minusMonths(33);
                yield LocalDate.of(start.getYear(), (start.getMonthValue() - 1) / 3 * 3 + 1, 1);
            }
            case MONTH -> to.minusMonths(23).withDayOfMonth(1);
        };
    }

    private static Granularity granularity(Errors errors, String value) {
        if (blank(value)) {
            return Granularity.YEAR;
        }
        try {
            return Granularity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.rejectValue("granularity", "invalid.granularity", "must be YEAR, QUARTER or MONTH");
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
