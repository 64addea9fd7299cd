package cn.incubation.ledger.standing;

import cn.incubation.ledger.incubationrules.IncubationRules;
import cn.incubation.ledger.incubationrules.RuleSet;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A carrier's standing on {@code asOf}, as known at {@code knownAt}, against the national thresholds of the rule set in
 * force that day ({@code tier}): each criterion the ledger can judge with what it requires, what the carrier had and
 * whether that meets it, and the criteria the ledger has no data for. {@code applies} is false for a kind of carrier
 * the thresholds are not written for; {@code allMet} is true only when every judged criterion is met.
 */
public record Standing(String incubatorId, String name, String kind, String level, String status, LocalDate asOf,
                       Instant knownAt, IncubationRules.Applied ruleSet, String tier, boolean applies, String note,
                       List<Criterion> criteria, boolean allMet, List<NotJudged> notRecorded) {

    /**
     * One criterion: its key and Chinese name, the minimum it requires, the carrier's value ({@code actual}, shares and
     * ratios as fractions, null when there is nothing to divide by), whether it meets it (null when it cannot be
     * judged), the rule it comes from and what the ledger's figure counts.
     */
    public record Criterion(String criterion, String name, BigDecimal required, BigDecimal actual, Boolean met,
                            RuleSet.Rule rule, String counts) {
    }

    /** A criterion of the rules the ledger keeps no data for: listed, never judged. */
    public record NotJudged(String criterion, String required, RuleSet.Rule rule) {
    }
}
