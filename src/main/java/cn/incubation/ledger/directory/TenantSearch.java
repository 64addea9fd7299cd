package cn.incubation.ledger.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A page of the incubations found by credit code or name prefix, with their status on {@code asOf} (today):
 * {@code total} match in all, and the first {@code listed} of them, in the order of the search, can be paged through
 * (a name prefix shared by very many names keeps only its first ones by name). {@code limitedTo} names the carriers
 * an operator's search was cut to.
 */
public record TenantSearch(String creditCode, String name, LocalDate asOf, long total, long listed, int page, int size,
                           List<TenantRow> tenants, Set<String> limitedTo) {
}
