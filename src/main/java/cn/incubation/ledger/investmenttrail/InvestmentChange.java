package cn.incubation.ledger.investmenttrail;

import java.time.Instant;

/**
 * A correction or retraction of an investment: who recorded it ({@code actor}), when, why, and for a correction the
 * values after it ({@code values} is absent for a retraction).
 */
public record InvestmentChange(InvestmentStatus kind, Instant recordedAt, String actor, String reason,
                               InvestmentValues values) {
}
