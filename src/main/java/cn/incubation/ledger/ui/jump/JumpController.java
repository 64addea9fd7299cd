package cn.incubation.ledger.ui.jump;

import cn.incubation.ledger.shared.LedgerRejection;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;

/**
 * The home page's "go to" box: a carrier's or tenant's id, or an investor's name, sent to its page. The page it leads
 * to decides who may open it; this only builds the link (a form cannot put what was typed into a path).
 */
@Controller
class JumpController {

    static final String PATH = "/jump";

    @GetMapping(PATH)
    String jump(@RequestParam String to, @RequestParam String id) {
        String typed = id.strip();
        if (typed.isEmpty()) {
            throw LedgerRejection.invalid("id", id, "must not be empty");
        }
        String segment = UriUtils.encodePathSegment(typed, StandardCharsets.UTF_8);
        return switch (to) {
            case "carrier" -> "redirect:/carriers/" + segment;
            case "tenant" -> "redirect:/tenants/" + segment;
            case "investor" -> "redirect:/trails/investors/" + segment;
            default -> throw LedgerRejection.invalid("to", to, "must be carrier, tenant or investor");
        };
    }
}
