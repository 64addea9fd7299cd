package cn.incubation.ledger.tenantstate;

import cn.incubation.ledger.shared.Check;

import java.time.Instant;
import java.time.LocalDate;

/** Get what was true of a tenant on {@code asOf}, counting only the facts recorded by {@code knownAt}. */
public record GetTenantState(String tenantId, LocalDate asOf, Instant knownAt) {

    public GetTenantState {
        Check.required("tenantId", tenantId);
        Check.required("asOf", asOf);
        Check.required("knownAt", knownAt);
    }
}
