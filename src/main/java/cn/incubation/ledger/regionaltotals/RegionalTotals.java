package cn.incubation.ledger.regionaltotals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A region's incubation indicators on a business date ({@code asOf}) as the ledger knew them at an instant
 * ({@code knownAt}): the stocks of DOMAIN.md, with investment received counted cumulatively.
 */
public record RegionalTotals(String regionCode, LocalDate asOf, Instant knownAt, Carriers carriers,
                             BigDecimal floorAreaM2, long staff, long tenantsInIncubation, long companiesIncubated,
                             long graduated, IpHeld ipHeld, long jobs, InvestmentReceived investment) {

    /** Open carriers, by kind and by accreditation level (unaccredited carriers count in no level). */
    public record Carriers(long total, Map<String, Long> byKind, Map<String, Long> byLevel) {
    }

    /** IP granted to tenants, cumulative, by kind. */
    public record IpHeld(long total, Map<String, Long> byKind) {
    }

    /** Investments received and their sum in renminbi. */
    public record InvestmentReceived(long count, BigDecimal amountCny) {
    }
}
