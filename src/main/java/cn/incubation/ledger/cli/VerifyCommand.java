package cn.incubation.ledger.cli;

import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.verification.CheckpointReference;
import cn.incubation.ledger.verification.LedgerVerification;
import cn.incubation.ledger.verification.Problem;
import cn.incubation.ledger.verification.Verification;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Checks every event of the ledger against its hashes, its checkpoints and a digest kept elsewhere. */
@Command(name = "verify", mixinStandardHelpOptions = true,
         description = "Walk every event: recompute its hash, follow its aggregate's chain, and compare the digest "
                 + "of the stream with every checkpoint (and with --expect-digest). Prints each problem with its "
                 + "place; exits 1 when there is any. Reads the local data directory, or a running ledger with "
                 + "--server.")
class VerifyCommand implements Callable<Integer> {

    private final LedgerCli root;

    @Option(names = "--expect-digest", paramLabel = "D",
            description = "a checkpoint's digest kept outside the ledger (64 hex digits)")
    String expectDigest;

    @Option(names = "--at", paramLabel = "P",
            description = "the global index of that digest; without it, the stored checkpoint with that digest")
    Long at;

    @Mixin
    RunningLedger remote;

    VerifyCommand(LedgerCli root) {
        this.root = root;
    }

    @Override
    public Integer call() throws Exception {
        if (at != null && expectDigest == null) {
            System.err.println("--at names where a digest kept elsewhere stands: give it with --expect-digest D");
            return 2;
        }
        String named = expectDigest == null ? null : at == null ? expectDigest : at + ":" + expectDigest;
        CheckpointReference reference;
        try {
            reference = CheckpointReference.parse(named);
        } catch (LedgerRejection e) {
            System.err.println("--expect-digest and --at: " + e.rule());
            return 2;
        }
        Verification verification;
        if (remote.given()) {
            verification = LedgerServer.get(remote.server, remote.login(), "/api/ledger/verification"
                    + (named == null ? "" : "?checkpoint=" + URLEncoder.encode(named, StandardCharsets.UTF_8)),
                                            Verification.class);
            if (verification == null) {
                return 1;
            }
        } else {
            try (ConfigurableApplicationContext ledger = root.start(false, "--logging.level.root=WARN");
                 WalkProgress progress = new WalkProgress("Verifying")) {
                verification = ledger.getBean(LedgerVerification.class).verify(reference, progress);
            }
        }
        print(verification);
        return verification.ok() ? 0 : 1;
    }

    static void print(Verification verification) {
        System.out.printf("Checked %,d events up to global index %,d (%,d tombstones, %,d from before hashing, %,d "
                          + "pending; %d checkpoints compared).%n", verification.checked(), verification.head(),
                          verification.tombstones(), verification.unhashed(), verification.pending(),
                          verification.checkpoints());
        System.out.println("Digest at global index " + verification.head() + ": " + verification.digest());
        if (verification.ok()) {
            System.out.println("OK: every event is the one appended, in its place.");
            return;
        }
        System.out.printf("%,d problem%s:%n", verification.problemCount(), verification.problemCount() == 1 ? "" : "s");
        for (Problem problem : verification.problems()) {
            System.out.println("  " + problem);
        }
        if (verification.problemCount() > verification.problems().size()) {
            System.out.printf("  … and %,d more%n", verification.problemCount() - verification.problems().size());
        }
    }
}
