package cn.incubation.ledger.ui.admin;

import cn.incubation.ledger.verification.LedgerVerification;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The ledger's verification for administrators: a walk over every event against its hashes and the checkpoints, run
 * when asked (it reads the whole store), and what it found, as {@code /api/ledger/verification} answers it.
 */
@Controller
class VerificationPageController {

    static final String PATH = "/admin/verification";

    private final LedgerVerification verification;

    VerificationPageController(LedgerVerification verification) {
        this.verification = verification;
    }

    @GetMapping(PATH)
    String page(Model model) {
        model.addAttribute("checkpoints", verification.checkpoints().size());
        return "admin/verification";
    }

    @PostMapping(PATH)
    String verify(Model model) {
        model.addAttribute("result", verification.verify(null, LedgerVerification.Progress.NONE));
        model.addAttribute("checkpoints", verification.checkpoints().size());
        return "admin/verification";
    }
}
