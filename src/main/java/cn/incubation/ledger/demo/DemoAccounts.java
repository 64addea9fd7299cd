package cn.incubation.ledger.demo;

import cn.incubation.ledger.incubator.IncubatorCommands.CloseIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.RegisterIncubator;
import cn.incubation.ledger.security.Role;
import cn.incubation.ledger.security.UserView;
import cn.incubation.ledger.security.Users;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One account per role for a demo ledger, with fixed passwords that the README lists: an operator of the two open
 * carriers with the most admissions in the demo history, a fund manager of every investor, and an analyst (the
 * administrator is the ledger's own {@code admin}). Fixed passwords are for a demonstration only.
 */
public final class DemoAccounts {

    static final String OPERATOR = "demo-operator";
    static final String FUND_MANAGER = "demo-fund";
    static final String ANALYST = "demo-analyst";

    /** The administrator's password on a demo ledger started without one of its own. */
    public static final String ADMIN_PASSWORD = "admin-demo-2025";

    /** A demo account: name, role, scope in words, and its demo password. */
    public record Account(String username, Role role, String scope, String password) {
    }

    private DemoAccounts() {
    }

    /**
     * Adds the demo accounts the ledger lacks (the operator only when {@code plan} is the history just loaded, whose
     * carriers it needs) and answers those the ledger has, with their demo passwords.
     */
    public static List<Account> ensure(Users users, List<PlannedCommand> plan) {
        List<String> carriers = busiestOpenCarriers(plan, 2);
        if (!carriers.isEmpty()) {
            users.addIfAbsent(new Users.NewUser(OPERATOR, passwordOf(OPERATOR), Role.OPERATOR, carriers, List.of()));
        }
        users.addIfAbsent(new Users.NewUser(FUND_MANAGER, passwordOf(FUND_MANAGER), Role.FUND_MANAGER, List.of(),
                                            List.of()));
        users.addIfAbsent(new Users.NewUser(ANALYST, passwordOf(ANALYST), Role.ANALYST, List.of(), List.of()));
        List<Account> accounts = new ArrayList<>();
        for (String name : List.of("admin", OPERATOR, FUND_MANAGER, ANALYST)) {
            Optional<UserView> user = users.list().stream().filter(u -> u.username().equals(name)).findFirst();
            user.ifPresent(u -> accounts.add(new Account(name, u.role(), scope(u), passwordOf(name))));
        }
        return accounts;
    }

    private static String passwordOf(String username) {
        return switch (username) {
            case "admin" -> ADMIN_PASSWORD;
            case OPERATOR -> "operator-demo-2025";
            case FUND_MANAGER -> "fund-demo-2025";
            default -> "analyst-demo-2025";
        };
    }

    private static String scope(UserView user) {
        return switch (user.role()) {
            case OPERATOR -> "carriers " + String.join(", ", user.incubators());
            case FUND_MANAGER -> user.investors().isEmpty() ? "every investor"
                    : "investors " + String.join(", ", user.investors());
            default -> "";
        };
    }

    /** The {@code n} carriers never closed in the plan that admit the most tenants, in that order. */
    static List<String> busiestOpenCarriers(List<PlannedCommand> plan, int n) {
        List<String> registered = new ArrayList<>();
        Set<String> closed = new HashSet<>();
        Map<String, Integer> admissions = new HashMap<>();
        for (PlannedCommand planned : plan) {
            if (planned.command() instanceof RegisterIncubator register) {
                registered.add(register.incubatorId());
            } else if (planned.command() instanceof CloseIncubator close) {
                closed.add(close.incubatorId());
            } else if (planned.command() instanceof AdmitTenant admit) {
                admissions.merge(admit.incubatorId(), 1, Integer::sum);
            }
        }
        return registered.stream().filter(id -> !closed.contains(id))
                         .sorted(Comparator.comparing((String id) -> admissions.getOrDefault(id, 0)).reversed())
                         .limit(n).toList();
    }
}
