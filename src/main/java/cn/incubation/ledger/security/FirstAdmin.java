package cn.incubation.ledger.security;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.util.List;

/**
 * Makes the {@code admin} user when the ledger has none, before it serves: with the password of
 * {@code ledger.security.admin-password} ({@code LEDGER_ADMIN_PASSWORD}), or a random one printed once to the
 * console (not to the log, which may be kept or shipped elsewhere). Later starts leave the user as it is.
 */
@Component
class FirstAdmin implements SmartInitializingSingleton {

    static final String USERNAME = "admin";

    private final Users users;
    private final UserStore store;
    private final LedgerSecurityProperties properties;

    FirstAdmin(Users users, UserStore store, LedgerSecurityProperties properties) {
        this.users = users;
        this.store = store;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (store.find(USERNAME).isPresent()) {
            return;
        }
        boolean given = StringUtils.hasLength(properties.adminPassword());
        String password = given ? properties.adminPassword() : Users.randomPassword();
        try {
            UserRules.password(password);
        } catch (RuntimeException e) {
            throw new IllegalStateException("ledger.security.admin-password (LEDGER_ADMIN_PASSWORD): " + e.getMessage(),
                                            e);
        }
        boolean made = users.addIfAbsent(new Users.NewUser(USERNAME, password, Role.ADMIN, List.of(), List.of()));
        if (made && !given) {
            System.out.println();
            System.out.println("The ledger had no users. It made the user 'admin' with the password");
            System.out.println();
            System.out.println("    " + password);
            System.out.println();
            System.out.println("which is shown this once. Change it with PATCH /api/users/admin or, with the ledger");
            System.out.println("stopped, java -jar incubation-ledger.jar user change admin --password");
            System.out.println();
        }
    }
}
