package cn.incubation.ledger.investmenttrail;

import java.time.Instant;
import java.util.List;

/**
 * The investments of a tenant, carrier or investor in the order they were received, as known at {@code knownAt}:
 * {@code count} of them, retracted ones included, and {@code totalCny}, the last running total (every investment not
 * retracted, in renminbi).
 */
public record InvestmentTrail(TrailScope scope, String id, Instant knownAt, int count, String totalCny,
                              List<TrailInvestment> investments) {
}
