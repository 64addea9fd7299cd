package cn.incubation.ledger.security;

import cn.incubation.ledger.shared.LedgerRejection;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Adding, listing and changing the ledger's users, for the users API, the command line and the demo: every input
 * checked by {@link UserRules}, an operator's carriers checked against the ledger, passwords stored as hashes only,
 * and never a change that leaves the ledger without an enabled administrator.
 */
@Component
public class Users {

    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserStore store;
    private final PasswordEncoder passwords;
    private final LedgerRecords records;
    private final Clock clock;

    Users(UserStore store, PasswordEncoder passwords, LedgerRecords records, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.records = records;
        this.clock = clock;
    }

    /** A user to add, as an administrator describes it. */
    public record NewUser(String username, String password, Role role, List<String> incubators,
                          List<String> investors) {
    }

    /** What to change of a user; a field left null keeps its value. Scopes a new role does not take are dropped. */
    public record UserChange(Role role, List<String> incubators, List<String> investors, String password,
                             Boolean disabled) {
    }

    /** Adds a user; a taken username is a conflict. */
    public UserView add(NewUser user) {
        String username = UserRules.username(user.username());
        String password = UserRules.password(user.password());
        Role role = UserRules.role(user.role());
        List<String> incubators = carriers(UserRules.incubators(role, user.incubators()));
        List<String> investors = UserRules.investors(role, user.investors());
        Instant now = clock.instant();
        LedgerUser added = new LedgerUser(username, passwords.encode(password), role, incubators, investors, false,
                                          now, now);
        if (!store.insert(added)) {
            throw LedgerRejection.conflict("username", username, "is taken by another user");
        }
        return added.view();
    }

    public List<UserView> list() {
        return store.all().stream().map(LedgerUser::view).toList();
    }

    public UserView get(String username) {
        return require(username).view();
    }

    /** Changes a user; an unknown username is not found. */
    public UserView change(String username, UserChange change) {
        LedgerUser user = require(username);
        if (change.role() == null && change.incubators() == null && change.investors() == null
                && change.password() == null && change.disabled() == null) {
            throw LedgerRejection.invalid("body", null, "names nothing to change: give role, incubators, investors, "
                    + "password or disabled");
        }
        Role role = change.role() != null ? change.role() : user.role();
        List<String> incubators = change.incubators() != null ? change.incubators()
                : role == Role.OPERATOR ? user.incubators() : List.of();
        List<String> investors = change.investors() != null ? change.investors()
                : role == Role.FUND_MANAGER ? user.investors() : List.of();
        incubators = UserRules.incubators(role, incubators);
        if (change.incubators() != null) {
            carriers(incubators);
        }
        investors = UserRules.investors(role, investors);
        String hash = change.password() != null ? passwords.encode(UserRules.password(change.password()))
                : user.passwordHash();
        boolean disabled = change.disabled() != null ? change.disabled() : user.disabled();
        LedgerUser changed = new LedgerUser(user.username(), hash, role, incubators, investors, disabled,
                                            user.createdAt(), clock.instant());
        if (user.role() == Role.ADMIN && !user.disabled() && (role != Role.ADMIN || disabled)) {
            boolean anotherAdmin = store.all().stream().anyMatch(other -> other.role() == Role.ADMIN
                    && !other.disabled() && !other.username().equals(user.username()));
            if (!anotherAdmin) {
                throw LedgerRejection.conflict("username", username, "is the last enabled ADMIN; make another "
                        + "user ADMIN first, or the ledger could not be administered");
            }
        }
        if (!store.replace(changed)) {
            throw unknown(username);
        }
        return changed.view();
    }

    /** Adds the user unless the username is taken; true when added. For accounts the ledger makes itself. */
    public boolean addIfAbsent(NewUser user) {
        if (store.find(user.username()).isPresent()) {
            return false;
        }
        try {
            add(user);
            return true;
        } catch (LedgerRejection e) {
            if (e.kind() == LedgerRejection.Kind.CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the user exists, may sign in, and has this password. */
    public boolean accepts(String username, String password) {
        return store.find(username).filter(user -> !user.disabled())
                    .map(user -> passwords.matches(password, user.passwordHash())).orElse(false);
    }

    /** A password of 20 letters and digits that cannot be mistaken for one another, from a secure source. */
    public static String randomPassword() {
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    private List<String> carriers(List<String> incubators) {
        for (int i = 0; i < incubators.size(); i++) {
            if (!records.isCarrier(incubators.get(i))) {
                throw LedgerRejection.notFound("incubators[" + i + "]", incubators.get(i), "is not a carrier in the "
                        + "ledger; register it first");
            }
        }
        return incubators;
    }

    private LedgerUser require(String username) {
        return store.find(username).orElseThrow(() -> unknown(username));
    }

    private static LedgerRejection unknown(String username) {
        return LedgerRejection.notFound("username", username, "no user has this name");
    }
}
