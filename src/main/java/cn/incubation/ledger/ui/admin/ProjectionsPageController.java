package cn.incubation.ledger.ui.admin;

import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.ui.forms.RuleMessages;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The projections for administrators: each one's position, lag and parked events, and a rebuild from the first event
 * with its progress (the page reloads itself while a rebuild runs), through the same service as
 * {@code /api/projections}.
 */
@Controller
class ProjectionsPageController {

    static final String PATH = "/admin/projections";
    /** Parked events shown per projection; the API lists more. */
    static final int DEAD_LETTERS_SHOWN = 20;

    private final ProjectionService projections;
    private final MessageSource messages;

    ProjectionsPageController(ProjectionService projections, MessageSource messages) {
        this.projections = projections;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String projections(Model model) {
        List<ProjectionService.Status> statuses = projections.status();
        Map<String, List<ProjectionService.DeadLetter>> parked = new LinkedHashMap<>();
        for (ProjectionService.Status status : statuses) {
            if (status.deadLetters() > 0) {
                parked.put(status.name(), projections.deadLetters(status.name(), DEAD_LETTERS_SHOWN));
            }
        }
        model.addAttribute("statuses", statuses);
        model.addAttribute("parked", parked);
        model.addAttribute("replaying", statuses.stream().anyMatch(ProjectionService.Status::replaying));
        return "admin/projections";
    }

    @PostMapping(PATH + "/{name}/replay")
    String replay(@PathVariable String name, Locale locale, RedirectAttributes redirect) {
        try {
            projections.replay(name);
            redirect.addFlashAttribute("flash", messages.getMessage("projections.replayStarted", new Object[] {name},
                                                                    locale));
        } catch (LedgerRejection e) {
            redirect.addFlashAttribute("refused", RuleMessages.refusal(e, messages, locale));
        }
        return "redirect:" + PATH;
    }
}
