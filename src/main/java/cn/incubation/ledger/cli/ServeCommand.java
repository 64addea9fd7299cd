package cn.incubation.ledger.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Serves the ledger's HTTP API until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
         description = "Serve the ledger's HTTP API (the default when no subcommand is given).")
class ServeCommand implements Callable<Integer> {

    private final LedgerCli root;

    ServeCommand(LedgerCli root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        root.start(true);
        return LedgerCli.KEEP_RUNNING;
    }
}
