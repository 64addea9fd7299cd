package cn.incubation.ledger.tenantstate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** The state of one incubation on a business date, as the ledger knew it at an instant. */
public interface TenantStates {

    /** The state; a tenant whose admission was not recorded by {@code knownAt} is a {@code NOT_FOUND} rejection. */
    TenantState get(GetTenantState query);

    /**
     * The states of many tenants on the same two times, read together; a tenant not known by {@code knownAt} (or
     * not projected yet) is left out.
     */
    List<TenantState> getAll(Collection<String> tenantIds, LocalDate asOf, Instant knownAt);
}
