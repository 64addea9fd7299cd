package cn.incubation.ledger.investmenttrail;

import cn.incubation.ledger.tenant.Round;

import java.time.LocalDate;

/**
 * The recorded values of an investment at one point of its trail; amounts are exact decimal strings and
 * {@code amountCny} is {@code amount × cnyRate} rounded half-even to the fen.
 */
public record InvestmentValues(LocalDate receivedOn, Round round, String investor, String amount, String currency,
                               String cnyRate, String amountCny) {
}
