package cn.incubation.ledger.cli;

import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * How the command line signs in to a running ledger: the user from {@code --user} (or {@code LEDGER_USER}), the
 * password from {@code LEDGER_PASSWORD} or typed at a prompt that does not echo it; never from an option, which
 * other users of the machine could read in the process list.
 */
final class Credentials {

    static final String USER_VARIABLE = "LEDGER_USER";
    static final String PASSWORD_VARIABLE = "LEDGER_PASSWORD";

    /** Where variables are read; tests put their own here instead of changing the process's environment. */
    static UnaryOperator<String> environment = System::getenv;

    /** A user and password for HTTP Basic. */
    record Login(String user, String password) {

        String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                                                                         .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Why the command line cannot sign in: a usage error (exit 2), with what to do. */
    static final class Missing extends Exception {
        Missing(String message) {
            super(message);
        }
    }

    private Credentials() {
    }

    /** The login for {@code server}; {@code user} is the {@code --user} option, null when not given. */
    static Login of(String user, String server) throws Missing {
        String name = user != null ? user : environment.apply(USER_VARIABLE);
        if (name == null || name.isBlank()) {
            throw new Missing("Sign in to the ledger at " + server + ": give --user NAME (or set " + USER_VARIABLE
                                      + "); the password comes from " + PASSWORD_VARIABLE + " or a prompt");
        }
        String password = environment.apply(PASSWORD_VARIABLE);
        if (password == null) {
            password = prompt("Password for " + name + " at " + server + ": ");
        }
        if (password == null) {
            throw new Missing("No password for " + name + ": set " + PASSWORD_VARIABLE + ", or run in a terminal to "
                                      + "be asked for it");
        }
        return new Login(name, password);
    }

    /** A line typed at the terminal without echo; null when there is no terminal. */
    static String prompt(String question) {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        char[] typed = console.readPassword("%s", question);
        return typed == null ? null : new String(typed);
    }
}
