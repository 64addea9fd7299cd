package cn.incubation.ledger.investmenttrail;

import cn.incubation.ledger.tenant.Round;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One investment in a trail with its values as last corrected (by {@code knownAt}), the values first recorded, every
 * later change, and the trail's running total in renminbi after it (a retracted investment adds nothing).
 */
public record TrailInvestment(String tenantId, String incubatorId, String investmentId, LocalDate receivedOn,
                              Round round, String investor, String amount, String currency, String cnyRate,
                              String amountCny, InvestmentStatus status, Instant recordedAt, String actor,
                              InvestmentValues original, List<InvestmentChange> corrections,
                              String runningTotalCny) {
}
