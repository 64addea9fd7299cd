package cn.incubation.ledger.cli;

import cn.incubation.ledger.security.Role;
import cn.incubation.ledger.security.UserView;
import cn.incubation.ledger.security.Users;
import cn.incubation.ledger.shared.LedgerRejection;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The ledger's users from the command line, on a stopped ledger's data directory or a MongoDB
 * ({@code --spring.data.mongodb.uri=…}): the same rules as {@code /api/users}. A new password comes from
 * {@code LEDGER_NEW_PASSWORD} or is typed twice at a prompt that does not echo it, or is made up and printed
 * ({@code --random-password}).
 */
@Command(name = "user", mixinStandardHelpOptions = true,
         description = "Add, list, change or disable the ledger's users, on the local data directory (stop a ledger "
                 + "serving it first) or a MongoDB given with --spring.data.mongodb.uri.",
         subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Change.class,
                        UserCommand.Disable.class})
class UserCommand implements Callable<Integer> {

    static final String NEW_PASSWORD_VARIABLE = "LEDGER_NEW_PASSWORD";

    @Spec
    CommandSpec spec;

    /** {@code user} alone says which subcommands there are. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** Runs {@code action} on the ledger's users; a rejection is printed and exits 1. */
    static int withUsers(LedgerCli root, Function<Users, Integer> action) {
        try (ConfigurableApplicationContext ledger = root.start(false, "--logging.level.root=WARN")) {
            return action.apply(ledger.getBean(Users.class));
        } catch (LedgerRejection e) {
            System.err.println("Rejected: " + e.getMessage());
            return 1;
        }
    }

    /** A new password: from the environment, made up, or typed twice; null (after saying why) when there is none. */
    static String newPassword(String user, boolean random) {
        if (random) {
            return Users.randomPassword();
        }
        String given = Credentials.environment.apply(NEW_PASSWORD_VARIABLE);
        if (given != null) {
            return given;
        }
        String typed = Credentials.prompt("New password for " + user + ": ");
        if (typed == null) {
            System.err.println("No new password: set " + NEW_PASSWORD_VARIABLE + ", run in a terminal to be asked for "
                                       + "it, or give --random-password");
            return null;
        }
        if (!typed.equals(Credentials.prompt("The same again: "))) {
            System.err.println("The two passwords differ; nothing was changed");
            return null;
        }
        return typed;
    }

    static void print(UserView user) {
        String scope = switch (user.role()) {
            case OPERATOR -> "carriers " + String.join(", ", user.incubators());
            case FUND_MANAGER -> user.investors().isEmpty() ? "every investor"
                    : "investors " + String.join(", ", user.investors());
            default -> "";
        };
        System.out.printf(Locale.ROOT, "%-24s %-13s %-9s %s%n", user.username(), user.role(),
                          user.disabled() ? "disabled" : "enabled", scope);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
    static class Add implements Callable<Integer> {
        private final LedgerCli root;

        @Parameters(paramLabel = "NAME", description = "[a-z][a-z0-9._-]{2,63}")
        String name;

        @Option(names = "--role", required = true, description = "ADMIN, OPERATOR, FUND_MANAGER or ANALYST")
        Role role;

        @Option(names = "--incubator", paramLabel = "ID", description = "an operator's carrier (repeat for more)")
        List<String> incubators;

        @Option(names = "--investor", paramLabel = "NAME", description = "limit a fund manager to this investor "
                + "(repeat for more; none: every investor)")
        List<String> investors;

        @Option(names = "--random-password", description = "make up a password and print it")
        boolean random;

        Add(LedgerCli root) {
            this.root = root;
        }

        @Override
        public Integer call() {
            String password = newPassword(name, random);
            if (password == null) {
                return 2;
            }
            return withUsers(root, users -> {
                print(users.add(new Users.NewUser(name, password, role, incubators, investors)));
                if (random) {
                    System.out.println("Password of " + name + ": " + password);
                }
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.")
    static class ListUsers implements Callable<Integer> {
        private final LedgerCli root;

        ListUsers(LedgerCli root) {
            this.root = root;
        }

        @Override
        public Integer call() {
            return withUsers(root, users -> {
                users.list().forEach(UserCommand::print);
                return 0;
            });
        }
    }

    @Command(name = "change", mixinStandardHelpOptions = true,
             description = "Change a user's role, scopes or password, or enable it again.")
    static class Change implements Callable<Integer> {
        private final LedgerCli root;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--role", description = "ADMIN, OPERATOR, FUND_MANAGER or ANALYST")
        Role role;

        @Option(names = "--incubator", paramLabel = "ID", description = "the operator's carriers from now on (repeat)")
        List<String> incubators;

        @Option(names = "--investor", paramLabel = "NAME", description = "the fund manager's investors from now on "
                + "(repeat)")
        List<String> investors;

        @Option(names = "--all-investors", description = "let the fund manager read every investor's trails")
        boolean allInvestors;

        @Option(names = "--password", description = "set a new password ($" + NEW_PASSWORD_VARIABLE + " or a prompt)")
        boolean password;

        @Option(names = "--random-password", description = "set a made-up password and print it")
        boolean random;

        @Option(names = "--enable", description = "let a disabled user sign in again")
        boolean enable;

        Change(LedgerCli root) {
            this.root = root;
        }

        @Override
        public Integer call() {
            String newPassword = null;
            if (password || random) {
                newPassword = newPassword(name, random);
                if (newPassword == null) {
                    return 2;
                }
            }
            String chosen = newPassword;
            return withUsers(root, users -> {
                print(users.change(name, new Users.UserChange(role, incubators,
                                                               allInvestors ? List.of() : investors, chosen,
                                                               enable ? Boolean.FALSE : null)));
                if (random) {
                    System.out.println("Password of " + name + ": " + chosen);
                }
                return 0;
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Stop a user from signing in.")
    static class Disable implements Callable<Integer> {
        private final LedgerCli root;

        @Parameters(paramLabel = "NAME")
        String name;

        Disable(LedgerCli root) {
            this.root = root;
        }

        @Override
        public Integer call() {
            return withUsers(root, users -> {
                print(users.change(name, new Users.UserChange(null, null, null, null, Boolean.TRUE)));
                return 0;
            });
        }
    }
}
