package cn.incubation.ledger.directory;

import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The carriers of a region (every division that rolls up into it) on {@code asOf}, those not yet opened by then left
 * out, filtered by kind, level and status on that date (empty sets and a null status: any) and by {@code text} in
 * their names; one page in the order asked.
 *
 * @param onlyCarriers the carriers the asker may see, or null for all
 */
public record FindCarriers(String region, Set<CarrierKind> kinds, Set<AccreditationLevel> levels,
                           CarrierStatus status, String text, Sort sort, LocalDate asOf, int page, int size,
                           Set<String> onlyCarriers) {

    /** The fields a carrier list may be sorted by; {@code tenants} only as of today. */
    public static final List<String> SORTS = List.of("name", "openedOn", "floorArea", "tenants");

    public FindCarriers {
        kinds = Set.copyOf(kinds);
        levels = Set.copyOf(levels);
        onlyCarriers = onlyCarriers == null ? null : Set.copyOf(onlyCarriers);
    }
}
