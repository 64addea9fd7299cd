package cn.incubation.ledger.tenantstate;

/** The state of one incubation on a business date, as the ledger knew it at an instant. */
public interface TenantStates {

    /** The state; a tenant whose admission was not recorded by {@code knownAt} is a {@code NOT_FOUND} rejection. */
    TenantState get(GetTenantState query);
}
