package cn.incubation.ledger.cli;

import picocli.CommandLine.Option;

/**
 * {@code --server} and {@code --user}, for the commands that work either on the local data directory or through a
 * running ledger's API (picocli mixin).
 */
class RunningLedger {

    @Option(names = "--server", paramLabel = "URL",
            description = "work through a running ledger at this URL, e.g. http://localhost:8080, instead of the local "
                    + "data directory")
    String server;

    @Option(names = "--user", paramLabel = "NAME",
            description = "with --server: sign in as this user (default: $LEDGER_USER); the password comes from "
                    + "$LEDGER_PASSWORD or a prompt")
    String user;

    /** Whether the command talks to a running ledger. */
    boolean given() {
        return server != null;
    }

    /** The login for the running ledger; a missing one ends the command as a usage error (see LedgerCli). */
    Credentials.Login login() throws Credentials.Missing {
        return Credentials.of(user, server);
    }
}
