package cn.incubation.ledger.directory;

/**
 * Lists and searches over carriers, tenants and investors, each answered from documents whose ids the query can work
 * out (a region's divisions, a carrier, a credit code, a name's beginning, an investor's first character), sorted and
 * paged in memory.
 */
public interface Directory {

    /** A region's carriers; an unknown region is an {@code INVALID_INPUT} rejection. */
    CarrierList carriers(FindCarriers query);

    /** A carrier's tenants; an unknown carrier is a {@code NOT_FOUND} rejection. */
    CarrierTenants tenantsOf(FindCarrierTenants query);

    /** Incubations by credit code or name prefix. */
    TenantSearch tenants(FindTenants query);

    /** Investors and what they invested. */
    InvestorList investors(FindInvestors query);
}
