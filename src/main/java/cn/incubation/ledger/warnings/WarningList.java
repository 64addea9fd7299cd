package cn.incubation.ledger.warnings;

import cn.incubation.ledger.incubationrules.IncubationRules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The warnings of a carrier or a region on {@code asOf} as known at {@code knownAt}, judged under the rule set in force
 * on {@code asOf} (an admission's age under the set of its own date), one page of them: {@code total} counts them
 * all. A region's list says which of its members count in part ({@code partialMembers}).
 */
public record WarningList(String scope, String id, LocalDate asOf, Instant knownAt, IncubationRules.Applied ruleSet,
                          long total, int page, int size, List<Warning> warnings, Set<String> partialMembers) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 1_000;
    public static final int DEFAULT_SIZE = 100;
}
