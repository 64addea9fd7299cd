package cn.incubation.ledger.regionaltotals;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A region's indicators period by period: the stocks at each period's end and the flows within it. For an economic
 * region, {@code partialMembers} names the divisions that lie only partly inside it and count in full.
 */
public record RegionalSeries(String regionCode, LocalDate from, LocalDate to, Granularity granularity,
                             Instant knownAt, List<Period> periods,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY)
                             List<RegionalTotals.PartialMember> partialMembers) {

    /** How long a period is. */
    public enum Granularity { YEAR, QUARTER, MONTH }

    /** One period: its label ({@code 2021}, {@code 2021-Q3}, {@code 2021-07}), its dates, stocks and flows. */
    public record Period(String period, LocalDate start, LocalDate end, RegionalTotals stocks, Flows flows) {
    }

    /**
     * What happened within a period: investments received, companies incubated for the first time in the region,
     * graduations, companies graduated for the first time, and IP granted.
     */
    public record Flows(long investmentCount, BigDecimal investmentAmountCny, long companiesIncubated,
                        long graduations, long graduatedCompanies, long ipGranted) {
    }
}
