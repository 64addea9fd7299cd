package cn.incubation.ledger.warnings;

import cn.incubation.ledger.incubationrules.RuleSet;

import java.time.LocalDate;

/**
 * A fact that needs attention on a date: what kind ({@code code}), the rule it comes from, the carrier and (when it is
 * a tenant's) the tenant, the business date the condition began, and a message in Chinese and English.
 */
public record Warning(WarningCode code, RuleSet.Rule rule, String carrierId, String tenantId, LocalDate since,
                      String message) {
}
