package cn.incubation.ledger.verification;

import cn.incubation.ledger.eventstore.EventScan;
import cn.incubation.ledger.shared.LedgerRejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Verifies the ledger against its own hashes and its checkpoints, and makes checkpoints: what the admin's
 * {@code /api/ledger} endpoints and the {@code verify} and {@code checkpoint} subcommands do.
 */
@Service
public class LedgerVerification {

    private static final Logger log = LoggerFactory.getLogger(LedgerVerification.class);
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    /** Windows between two progress reports: a report per 100,000 global indexes. */
    private static final int REPORT_EVERY = 100;

    /** Told how far a long walk has come. */
    public interface Progress {
        Progress NONE = (position, end) -> {
        };

        void at(long position, long estimatedEnd);
    }

    /** A checkpoint answered, and whether it was made now or was there already at that position. */
    public record Made(Checkpoint checkpoint, boolean created) {
    }

    private final EventScan scan;
    private final CheckpointStore checkpoints;
    private final CheckpointSigner signer;
    private final Clock clock;

    public LedgerVerification(EventScan scan, CheckpointStore checkpoints, CheckpointSigner signer, Clock clock) {
        this.scan = scan;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.clock = clock;
    }

    /** Walks the whole ledger, checking every stored checkpoint and the one named, if any. */
    public Verification verify(CheckpointReference reference, Progress progress) {
        return walk(reference, progress).finish();
    }

    /**
     * Makes a checkpoint at the last event below anything undecided, after a walk that found nothing wrong: a
     * checkpoint vouches for what it covers.
     */
    public Made checkpoint(String createdBy, Progress progress) {
        LedgerWalk walk = walk(null, progress);
        Verification verification = walk.finish();
        if (!verification.ok()) {
            throw LedgerRejection.conflict("ledger", null, "does not verify (" + verification.problemCount()
                    + " problems, the first: " + verification.problems().get(0) + "); a checkpoint vouches only for "
                    + "a ledger that verifies (GET /api/ledger/verification lists them)");
        }
        LedgerWalk.Settled settled = walk.settled();
        if (settled.count() == 0) {
            throw LedgerRejection.conflict("ledger", null, "holds no hashed events yet: there is nothing to vouch for");
        }
        Checkpoint checkpoint = signer.sign(new Checkpoint(settled.position(), HexFormat.of().formatHex(settled.digest()),
                                                           settled.count(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                                                           createdBy, settled.aggregate(), settled.sequence(), null));
        CheckpointStore.Added added = checkpoints.add(checkpoint);
        if (added.created()) {
            log.info("Checkpoint at global index {} over {} events by {}: digest {}", checkpoint.position(),
                     checkpoint.count(), createdBy, checkpoint.digest());
        }
        return new Made(added.checkpoint(), added.created());
    }

    public List<Checkpoint> checkpoints() {
        return checkpoints.all().stream().sorted(Comparator.comparingLong(Checkpoint::position)).toList();
    }

    private LedgerWalk walk(CheckpointReference reference, Progress progress) {
        List<Problem> upfront = new ArrayList<>();
        List<LedgerWalk.Check> checks = new ArrayList<>();
        List<Checkpoint> stored = checkpoints();
        for (Checkpoint checkpoint : stored) {
            if (checkpoint.digest() == null || !DIGEST.matcher(checkpoint.digest()).matches()
                    || checkpoint.position() < 1) {
                upfront.add(new Problem(checkpoint.position(), null, null, "checkpoint-malformed", "the stored "
                        + "checkpoint is not one the ledger writes (its digest or position is unreadable)"));
                continue;
            }
            if (signer.enabled() && checkpoint.signature() == null) {
                upfront.add(new Problem(checkpoint.position(), checkpoint.aggregate(), checkpoint.sequence(),
                                        "checkpoint-unsigned", "the checkpoint carries no signature, though the ledger "
                                                + "signs its checkpoints: it was added behind the ledger's back, or "
                                                + "made before the key was set"));
            } else if (signer.enabled() && !signer.verifies(checkpoint)) {
                upfront.add(new Problem(checkpoint.position(), checkpoint.aggregate(), checkpoint.sequence(),
                                        "checkpoint-forged", "the checkpoint's signature does not fit its fields: "
                                                + "it was changed or made without the key"));
            }
            checks.add(new LedgerWalk.Check(checkpoint.position(), HexFormat.of().parseHex(checkpoint.digest()),
                                            checkpoint.count(), checkpoint));
        }
        if (reference != null) {
            named(reference, stored, checks, upfront);
        }
        LedgerWalk walk = new LedgerWalk(scan, checks, upfront);
        long reported = 0;
        while (walk.advance(1)) {
            progress.at(walk.position(), walk.estimatedEnd());
            if (walk.position() - reported >= (long) REPORT_EVERY * LedgerWalk.WINDOW) {
                reported = walk.position();
                log.info("Verification at global index {} of about {}", reported, walk.estimatedEnd());
            }
        }
        progress.at(walk.position(), walk.position());
        return walk;
    }

    /** The checkpoint an admin named: a digest and position kept elsewhere, or one of those stored. */
    private static void named(CheckpointReference reference, List<Checkpoint> stored, List<LedgerWalk.Check> checks,
                              List<Problem> upfront) {
        if (reference.position() != null && reference.digest() != null) {
            checks.add(new LedgerWalk.Check(reference.position(), reference.digestBytes(), null, null));
            return;
        }
        boolean found = stored.stream().anyMatch(checkpoint -> reference.digest() != null
                ? reference.digest().equals(checkpoint.digest())
                : Objects.equals(reference.position(), checkpoint.position()));
        if (!found) {
            upfront.add(new Problem(reference.position(), null, null, "checkpoint-missing",
                                    (reference.digest() != null ? "no stored checkpoint has the digest "
                                            + reference.digest() : "no checkpoint is stored at global index "
                                            + reference.position()) + ": the checkpoints were changed or removed "
                                            + "(or the checkpoint named was never made)"));
        }
    }
}
