package cn.incubation.ledger.incubatorstate;

import cn.incubation.ledger.tenantstate.TenantState;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The state of a carrier on a business date, as the ledger knew it at an instant. */
public interface IncubatorStates {

    /** The state; a carrier whose registration was not recorded by {@code knownAt} is a {@code NOT_FOUND} rejection. */
    IncubatorState get(String incubatorId, LocalDate asOf, Instant knownAt);

    /**
     * The state and the states of the carrier's tenants on the same two times, read together: for judgements that
     * need more of each tenant than the state's sums. Tenants not yet admitted on {@code asOf} are left out.
     */
    WithTenants getWithTenants(String incubatorId, LocalDate asOf, Instant knownAt);

    /** A carrier's state and its tenants' states. */
    record WithTenants(IncubatorState state, List<TenantState> tenants) {
    }
}
