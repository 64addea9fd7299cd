package cn.incubation.ledger.cli;

import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.verification.Checkpoint;
import cn.incubation.ledger.verification.LedgerVerification;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Makes a checkpoint of the ledger and prints its digest, to be kept elsewhere. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
         description = "Verify the ledger and, if nothing is wrong, keep the digest of the stream up to its last "
                 + "event as a checkpoint. Prints the digest: keep it outside the ledger, and check the ledger "
                 + "against it later with verify --expect-digest D --at P. Exits 1 when the ledger does not verify.")
class CheckpointCommand implements Callable<Integer> {

    private final LedgerCli root;

    @Mixin
    RunningLedger remote;

    CheckpointCommand(LedgerCli root) {
        this.root = root;
    }

    @Override
    public Integer call() throws Exception {
        Checkpoint checkpoint;
        if (remote.given()) {
            checkpoint = LedgerServer.post(remote.server, remote.login(), "/api/ledger/checkpoints", Checkpoint.class);
            if (checkpoint == null) {
                return 1;
            }
        } else {
            try (ConfigurableApplicationContext ledger = root.start(false, "--logging.level.root=WARN");
                 WalkProgress progress = new WalkProgress("Verifying")) {
                checkpoint = ledger.getBean(LedgerVerification.class)
                                   .checkpoint("cli:" + System.getProperty("user.name"), progress).checkpoint();
            } catch (LedgerRejection e) {
                System.err.println("Rejected: " + e.getMessage());
                return 1;
            }
        }
        System.out.printf("Checkpoint at global index %,d over %,d events (last: %s #%s), made %s by %s%s:%n",
                          checkpoint.position(), checkpoint.count(), checkpoint.aggregate(), checkpoint.sequence(),
                          checkpoint.createdAt(), checkpoint.createdBy(),
                          checkpoint.signature() == null ? "" : ", signed");
        System.out.println(checkpoint.digest());
        System.out.println("Keep this digest outside the ledger. To check the ledger against it later: verify "
                + "--expect-digest " + checkpoint.digest() + " --at " + checkpoint.position());
        return 0;
    }
}
