package cn.incubation.ledger.security;

import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Checks a carrier named in a request's body against the signed-in operator's carriers, for the requests whose
 * carrier only the body says (an admission); a refusal reaches Spring Security's access-denied handling like the
 * refusals of {@link AccessRules}.
 */
@Component
class ScopedCarrierAccess implements CarrierAccess {

    @Override
    public void requireWriteAccess(String incubatorId) {
        LedgerPrincipal user = LedgerPrincipal.of(SecurityContextHolder.getContext().getAuthentication())
                                              .orElseThrow(() -> new AuthorizationDeniedException("not signed in"));
        if (user.role() == Role.ADMIN) {
            return;
        }
        if (user.role() == Role.OPERATOR && user.incubators().contains(incubatorId)) {
            return;
        }
        String detail = user.role() == Role.OPERATOR
                ? user + " answers for its own carriers only: carrier " + incubatorId + " is not one of its "
                        + "carriers " + user.incubators()
                : user + " may not record facts of carriers: it needs the role ADMIN or OPERATOR";
        throw new AuthorizationDeniedException("Access Denied", AccessDecision.deniedScope(
                user, List.of(Role.ADMIN, Role.OPERATOR), user.role() == Role.OPERATOR ? "carrier " + incubatorId
                        : null, detail));
    }
}
