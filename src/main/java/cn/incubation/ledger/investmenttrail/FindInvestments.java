package cn.incubation.ledger.investmenttrail;

import cn.incubation.ledger.shared.Check;

import java.time.Instant;

/** Find every investment of one tenant, carrier or investor, with only the facts recorded by {@code knownAt}. */
public record FindInvestments(TrailScope scope, String id, Instant knownAt) {

    public FindInvestments {
        Check.required("scope", scope);
        id = Check.required(scope.field(), id).strip();
        Check.required("knownAt", knownAt);
    }
}
