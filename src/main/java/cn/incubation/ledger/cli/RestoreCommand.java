package cn.incubation.ledger.cli;

import cn.incubation.ledger.mongo.StoreBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Puts a backup in place as a new ledger's data directory; never over a ledger that is there. */
@Command(name = "restore", mixinStandardHelpOptions = true,
         description = "Restore a backup zip into the data directory (--ledger.data-dir), which must hold no ledger "
                 + "yet. Check it afterwards with verify.")
class RestoreCommand implements Callable<Integer> {

    private final LedgerCli root;

    @Parameters(paramLabel = "BACKUP", description = "the zip made by backup")
    Path backup;

    RestoreCommand(LedgerCli root) {
        this.root = root;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(backup)) {
            System.err.println("Cannot read " + backup.toAbsolutePath() + ": give the path of a backup zip");
            return 2;
        }
        Path dataDir = root.dataDir().toAbsolutePath().normalize();
        try (InputStream in = Files.newInputStream(backup)) {
            StoreBackup.restore(in, dataDir);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage().startsWith("There is") ? e.getMessage() : backup + " " + e.getMessage());
            return 1;
        }
        System.out.println("Restored " + backup + " into " + dataDir + ". Check it: verify --ledger.data-dir="
                                   + dataDir + " (against a digest kept elsewhere: add --expect-digest D --at P).");
        return 0;
    }
}
