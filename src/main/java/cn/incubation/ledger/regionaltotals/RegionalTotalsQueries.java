package cn.incubation.ledger.regionaltotals;

import java.time.Instant;
import java.time.LocalDate;

/** Regional totals, series and comparisons for any region of the catalog, in both times. */
public interface RegionalTotalsQueries {

    RegionalTotals totals(String regionCode, LocalDate asOf, Instant knownAt);

    RegionalSeries series(String regionCode, LocalDate from, LocalDate to, RegionalSeries.Granularity granularity,
                          Instant knownAt);

    Comparison comparison(String regionCode, LocalDate from, LocalDate to, Instant knownAt);
}
