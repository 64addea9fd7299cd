package cn.incubation.ledger.directory;

import java.math.BigDecimal;

/** An investor named in investments of the ledger: how many it holds now, and their sum in renminbi. */
public record InvestorRow(String name, int investments, BigDecimal amountCny) {
}
