package cn.incubation.ledger.regionaltotals;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A region's indicators on two dates side by side, as in the published reports ("十四五末 vs 十三五末"): the stocks in
 * {@code indicators}, what flowed in between ({@code from} exclusive, {@code to} inclusive) in {@code flows}.
 */
public record Comparison(String regionCode, LocalDate from, LocalDate to, Instant knownAt, List<Row> indicators,
                         RegionalSeries.Flows flows,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY)
                         List<RegionalTotals.PartialMember> partialMembers) {

    /** One indicator: its value on each date, the increase and the growth in percent (null when it started at 0). */
    public record Row(String indicator, BigDecimal from, BigDecimal to, BigDecimal increase,
                      @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal growthPercent) {
    }
}
