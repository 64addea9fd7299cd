package cn.incubation.ledger.cli;

import cn.incubation.ledger.mongo.StoreBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** A consistent copy of the embedded store: of a running ledger through its API, or of a stopped one's directory. */
@Command(name = "backup", mixinStandardHelpOptions = true,
         description = "Copy the embedded store consistently into a zip: from a running ledger (--server, as an "
                 + "administrator) while it serves, or from the data directory of a stopped one. Restore it with "
                 + "restore, then check it with verify.")
class BackupCommand implements Callable<Integer> {

    private final LedgerCli root;

    @Option(names = "--out", description = "the zip to write (default: ledger-YYYYMMDD-HHMMSS.zip here, Beijing time)")
    Path out;

    @Mixin
    RunningLedger remote;

    BackupCommand(LedgerCli root) {
        this.root = root;
    }

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : Path.of("ledger-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .format(ZonedDateTime.now(ZoneId.of("Asia/Shanghai"))) + ".zip");
        if (Files.exists(target)) {
            System.err.println(target.toAbsolutePath() + " exists already: give another --out");
            return 2;
        }
        if (remote.given()) {
            if (!LedgerServer.download(remote.server, remote.login(), "/api/ledger/backup", target)) {
                return 1;
            }
        } else {
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            try (OutputStream zip = Files.newOutputStream(partial)) {
                StoreBackup.writeStopped(root.dataDir(), zip);
            } catch (RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf(Locale.ROOT, "Backed up to %s (%,d bytes). To restore: restore %s --ledger.data-dir=DIR, "
                + "then verify --ledger.data-dir=DIR.%n", target.toAbsolutePath(), Files.size(target), target);
        return 0;
    }
}
