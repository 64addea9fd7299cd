package cn.incubation.ledger.security;

import java.time.Instant;
import java.util.List;

/**
 * A person who signs in to the ledger: a role, the carriers an operator answers for, the investors a fund manager is
 * limited to (none: all), and the password's hash (never shown). A disabled user cannot sign in.
 */
public record LedgerUser(String username, String passwordHash, Role role, List<String> incubators,
                         List<String> investors, boolean disabled, Instant createdAt, Instant changedAt) {

    public LedgerUser {
        incubators = List.copyOf(incubators);
        investors = List.copyOf(investors);
    }

    /** What may be shown of the user: everything but the hash. */
    public UserView view() {
        return new UserView(username, role, incubators, investors, disabled, createdAt, changedAt);
    }
}
