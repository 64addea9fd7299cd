package cn.incubation.ledger.security;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/** The list scope of the user signed in on the request's thread, from its role and scopes. */
@Component
class SignedInListScope implements ListScope {

    @Override
    public Set<String> carriers() {
        return user().filter(u -> u.role() == Role.OPERATOR).map(LedgerPrincipal::incubators).orElse(null);
    }

    @Override
    public Set<String> investors() {
        return user().filter(u -> u.role() == Role.FUND_MANAGER && !u.investors().isEmpty())
                     .map(LedgerPrincipal::investors).orElse(null);
    }

    private static Optional<LedgerPrincipal> user() {
        return LedgerPrincipal.of(SecurityContextHolder.getContext().getAuthentication());
    }
}
