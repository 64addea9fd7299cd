package cn.incubation.ledger.investmenttrail;

import java.time.Instant;
import java.util.List;

/**
 * The investments of a tenant, carrier or investor in the order they were received, as known at {@code knownAt}:
 * {@code count} of them in all, retracted ones included, and {@code totalCny}, the last running total (every
 * investment not retracted, in renminbi); {@code investments} holds page {@code page} of {@code totalPages}, each
 * with the running total up to it.
 */
public record InvestmentTrail(TrailScope scope, String id, Instant knownAt, int count, String totalCny, int page,
                              int size, int totalPages, List<TrailInvestment> investments) {
}
