package cn.incubation.ledger.security;

/**
 * What a user of the ledger may do: the bureau's administrators, a carrier's operators (scoped to their carriers),
 * fund managers (optionally scoped to investors) and analysts. See {@link AccessRules} for each role's requests.
 */
public enum Role {
    ADMIN, OPERATOR, FUND_MANAGER, ANALYST;

    /** The authority Spring Security checks for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
