package cn.incubation.ledger.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A page of a region's carriers on {@code asOf}: {@code total} match the filters in all. Tenant counts are as of
 * today ({@code tenantsCountedOn}), so a list of an earlier date has none. {@code limitedTo} names the carriers an
 * operator's list was cut to.
 */
public record CarrierList(String region, String regionNameZh, LocalDate asOf, LocalDate tenantsCountedOn, long total,
                          int page, int size, List<CarrierRow> carriers, Set<String> limitedTo) {
}
