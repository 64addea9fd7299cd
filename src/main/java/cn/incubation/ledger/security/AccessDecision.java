package cn.incubation.ledger.security;

import org.springframework.security.authorization.AuthorizationDecision;

import java.util.List;

/**
 * Spring Security's answer to a request, with what a refused client is told: its role, the roles the request needs,
 * and the scope it lacked (a carrier, a tenant's carrier, an investor), so that the 403 says what to ask for.
 *
 * @param role    the user's role, or null when no user is signed in
 * @param allowed the roles that may make the request (some only within their scope)
 * @param scope   what the user's scope lacked, or null when the role alone decided
 * @param detail  one sentence for the problem detail
 */
public final class AccessDecision extends AuthorizationDecision {

    private final Role role;
    private final List<Role> allowed;
    private final String scope;
    private final String detail;

    private AccessDecision(boolean granted, Role role, List<Role> allowed, String scope, String detail) {
        super(granted);
        this.role = role;
        this.allowed = allowed;
        this.scope = scope;
        this.detail = detail;
    }

    static AccessDecision granted() {
        return new AccessDecision(true, null, List.of(), null, null);
    }

    static AccessDecision deniedRole(LedgerPrincipal user, List<Role> allowed, String request) {
        return new AccessDecision(false, user.role(), allowed, null, user + " may not " + request + ": it needs the "
                + "role " + String.join(" or ", allowed.stream().map(Role::name).toList()));
    }

    static AccessDecision deniedScope(LedgerPrincipal user, List<Role> allowed, String scope, String detail) {
        return new AccessDecision(false, user.role(), allowed, scope, detail);
    }

    public Role role() {
        return role;
    }

    public List<Role> allowed() {
        return allowed;
    }

    public String scope() {
        return scope;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return "AccessDecision[granted=" + isGranted() + ", " + detail + "]";
    }
}
