package cn.incubation.ledger.web;

import cn.incubation.ledger.verification.Checkpoint;
import cn.incubation.ledger.verification.CheckpointReference;
import cn.incubation.ledger.verification.LedgerVerification;
import cn.incubation.ledger.verification.Verification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The ledger's proof that it was not edited behind its back: a walk over every event against its hashes and the
 * checkpoints, and checkpoints an admin makes and keeps elsewhere. Everything under {@code /api/ledger} is for admins.
 */
@RestController
@RequestMapping("/api/ledger")
@Tag(name = "Ledger integrity", description = "Hash chain verification and checkpoints (admin)")
class LedgerVerificationController {

    private final LedgerVerification verification;

    LedgerVerificationController(LedgerVerification verification) {
        this.verification = verification;
    }

    @GetMapping("/verification")
    @Operation(summary = "Walk every event: recompute its hash, follow its aggregate's chain, and compare the stream's "
            + "digest with every checkpoint; each problem is named by its place. Takes as long as reading the store")
    Verification verify(@Parameter(description = "A checkpoint to check as well: its digest (64 hex digits) as kept "
            + "elsewhere, its position, or position:digest (which need not be stored)")
                        @RequestParam(required = false) String checkpoint) {
        return verification.verify(CheckpointReference.parse(checkpoint), LedgerVerification.Progress.NONE);
    }

    @PostMapping("/checkpoints")
    @Operation(summary = "Verify the ledger and, if nothing is wrong, keep the digest of the stream up to its last "
            + "settled event as a checkpoint: print it and keep it outside the ledger. 409 when the ledger does not "
            + "verify; 200 with the checkpoint already there when no event was added since")
    ResponseEntity<Checkpoint> checkpoint(HttpServletRequest request) {
        LedgerVerification.Made made = verification.checkpoint(CommandDispatcher.actor(request),
                                                               LedgerVerification.Progress.NONE);
        return ResponseEntity.status(made.created() ? HttpStatus.CREATED : HttpStatus.OK).body(made.checkpoint());
    }

    @GetMapping("/checkpoints")
    @Operation(summary = "Every checkpoint, by position")
    List<Checkpoint> checkpoints() {
        return verification.checkpoints();
    }
}
