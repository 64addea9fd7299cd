package cn.incubation.ledger.investmenttrail;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Investment trails of a tenant, a carrier or an investor, as the ledger knew them at an instant. */
public interface InvestmentTrails {

    /** The trail; a tenant, carrier or investor the trail has never seen is a {@code NOT_FOUND} rejection. */
    InvestmentTrail find(FindInvestments query);

    /**
     * Every investment of each of these tenants as known at {@code knownAt}, in received order (without running
     * totals), read together: for views that add up many tenants at once. A tenant with none is left out.
     */
    Map<String, List<TrailInvestment>> ofTenants(Collection<String> tenantIds, Instant knownAt);
}
