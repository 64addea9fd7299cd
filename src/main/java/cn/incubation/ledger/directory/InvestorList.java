package cn.incubation.ledger.directory;

import java.util.List;
import java.util.Set;

/**
 * A page of the investors as they stand now: {@code total} match in all. {@code limitedTo} names the investors a
 * fund manager's list was cut to.
 */
public record InvestorList(String prefix, long total, int page, int size, List<InvestorRow> investors,
                           Set<String> limitedTo) {
}
