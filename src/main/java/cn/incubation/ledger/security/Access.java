package cn.incubation.ledger.security;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may make one kind of request: roles allowed whatever they ask for, an operator within its carriers (named by a
 * path variable, through a tenant named by one, or in the body, where the controller checks it), and a fund manager
 * as far as its investors reach. Immutable; each method answers a copy with one more allowance.
 */
final class Access implements AuthorizationManager<RequestAuthorizationContext> {

    /** How a fund manager's investors limit a request. */
    enum FundScope {
        /** Fund managers may not make the request. */
        NONE,
        /** Any fund manager may. */
        ANY,
        /** Only a fund manager not limited to investors may: the answer holds every investor's investments. */
        UNLIMITED_ONLY,
        /** A fund manager may when the investor in the path is one of its own (or it has no limit). */
        BY_INVESTOR
    }

    private final Set<Role> roles;
    private final String carrierVariable;
    private final String tenantVariable;
    /** An operator's carrier is checked, or its answer cut to its carriers, by the controller. */
    private final boolean scopedByController;
    private final FundScope fund;
    private final String investorVariable;
    private final LedgerRecords records;

    private Access(Set<Role> roles, String carrierVariable, String tenantVariable, boolean scopedByController,
                   FundScope fund, String investorVariable, LedgerRecords records) {
        this.roles = roles;
        this.carrierVariable = carrierVariable;
        this.tenantVariable = tenantVariable;
        this.scopedByController = scopedByController;
        this.fund = fund;
        this.investorVariable = investorVariable;
        this.records = records;
    }

    static Access roles(LedgerRecords records, Role... roles) {
        Set<Role> set = EnumSet.noneOf(Role.class);
        set.addAll(List.of(roles));
        FundScope fund = set.remove(Role.FUND_MANAGER) ? FundScope.ANY : FundScope.NONE;
        return new Access(set, null, null, false, fund, null, records);
    }

    /** An operator may, for the carrier the path variable names. */
    Access operatorOfCarrier(String variable) {
        return new Access(roles, variable, null, false, fund, investorVariable, records);
    }

    /** An operator may, for the tenant the path variable names when it is a tenant of its carriers. */
    Access operatorOfTenant(String variable) {
        return new Access(roles, null, variable, false, fund, investorVariable, records);
    }

    /** An operator may send it; the controller checks the carrier the body names (see {@code CarrierAccess}). */
    Access operatorOfCarrierInBody() {
        return new Access(roles, null, null, true, fund, investorVariable, records);
    }

    /** An operator may make it; the controller cuts what it answers to the operator's carriers ({@code ListScope}). */
    Access operatorWithinItsCarriers() {
        return new Access(roles, null, null, true, fund, investorVariable, records);
    }

    Access fundManagerUnlimitedOnly() {
        return new Access(roles, carrierVariable, tenantVariable, scopedByController, FundScope.UNLIMITED_ONLY, null,
                          records);
    }

    Access fundManagerOfInvestor(String variable) {
        return new Access(roles, carrierVariable, tenantVariable, scopedByController, FundScope.BY_INVESTOR, variable,
                          records);
    }

    /** Every role that may make the request, within its scope or not, in the order of {@link Role}. */
    List<Role> allowed() {
        List<Role> allowed = new ArrayList<>();
        for (Role role : Role.values()) {
            if (roles.contains(role) || role == Role.OPERATOR && operatorMay()
                    || role == Role.FUND_MANAGER && fund != FundScope.NONE) {
                allowed.add(role);
            }
        }
        return allowed;
    }

    /** Whether a role may ever make the request, whatever its scope. */
    boolean mayEver(Role role) {
        return allowed().contains(role);
    }

    private boolean operatorMay() {
        return carrierVariable != null || tenantVariable != null || scopedByController;
    }

    @Override
    public AuthorizationDecision authorize(Supplier<? extends Authentication> authentication,
                                           RequestAuthorizationContext context) {
        Optional<LedgerPrincipal> signedIn = LedgerPrincipal.of(authentication.get());
        if (signedIn.isEmpty()) {
            // Anonymous: Spring Security answers with the authentication entry point (401).
            return new AuthorizationDecision(false);
        }
        LedgerPrincipal user = signedIn.get();
        String request = context.getRequest().getMethod() + " " + context.getRequest().getRequestURI();
        if (roles.contains(user.role())) {
            return AccessDecision.granted();
        }
        if (user.role() == Role.OPERATOR && operatorMay()) {
            return operator(user, context);
        }
        if (user.role() == Role.FUND_MANAGER && fund != FundScope.NONE) {
            return fundManager(user, context);
        }
        return AccessDecision.deniedRole(user, allowed(), request);
    }

    private AccessDecision operator(LedgerPrincipal user, RequestAuthorizationContext context) {
        if (scopedByController) {
            return AccessDecision.granted();
        }
        if (carrierVariable != null) {
            String carrier = context.getVariables().get(carrierVariable);
            return user.incubators().contains(carrier) ? AccessDecision.granted()
                    : carrierDenied(user, "carrier " + carrier, "carrier " + carrier + " is not one of its carriers "
                            + user.incubators());
        }
        String tenant = context.getVariables().get(tenantVariable);
        Optional<String> carrier = records.carrierOf(tenant);
        if (carrier.isPresent() && user.incubators().contains(carrier.get())) {
            return AccessDecision.granted();
        }
        // A tenant of another carrier and an id that names no tenant are answered alike, so that an operator cannot
        // learn which ids other carriers use.
        return carrierDenied(user, "tenant " + tenant, "tenant " + tenant + " is not a tenant of its carriers "
                + user.incubators());
    }

    private AccessDecision carrierDenied(LedgerPrincipal user, String scope, String reason) {
        return AccessDecision.deniedScope(user, allowed(), scope, user + " answers for its own carriers only: "
                + reason);
    }

    private AccessDecision fundManager(LedgerPrincipal user, RequestAuthorizationContext context) {
        if (fund == FundScope.ANY || user.investors().isEmpty()) {
            return AccessDecision.granted();
        }
        if (fund == FundScope.UNLIMITED_ONLY) {
            return AccessDecision.deniedScope(user, allowed(), "every investor", user + " is limited to the investors "
                    + user.investors() + ", and this trail holds every investor's investments; read "
                    + "/api/investors/{investor}/investments for each of them");
        }
        String investor = context.getVariables().get(investorVariable);
        return user.investors().contains(investor) ? AccessDecision.granted()
                : AccessDecision.deniedScope(user, allowed(), "investor " + investor, user + " is limited to the "
                        + "investors " + user.investors() + ", and " + investor + " is not one of them");
    }
}
