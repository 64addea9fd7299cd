package cn.incubation.ledger.security;

import java.util.List;
import java.util.Optional;

/** Where users are kept, one record per username; the username is the key. */
public interface UserStore {

    Optional<LedgerUser> find(String username);

    /** Adds a user; false when the username is taken. */
    boolean insert(LedgerUser user);

    /** Replaces a user that exists; false when it does not (or no longer does). */
    boolean replace(LedgerUser user);

    /** Every user, by username. */
    List<LedgerUser> all();
}
