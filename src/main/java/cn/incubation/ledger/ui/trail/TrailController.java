package cn.incubation.ledger.ui.trail;

import cn.incubation.ledger.investmenttrail.TrailScope;
import cn.incubation.ledger.report.Table;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.ui.PageLinks;
import cn.incubation.ledger.ui.PageTimes;
import cn.incubation.ledger.ui.parts.Downloads;
import cn.incubation.ledger.ui.parts.TimesForm;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Investment trails for fund managers: an investor's, a tenant's or a carrier's investments in received order as known
 * at an instant, the running total as a chart, and every correction and retraction with its reason, actor and time;
 * both tables also as downloads.
 */
@Controller
class TrailController {

    static final int ROWS_PER_PAGE = 100;

    private final WholeTrail trails;
    private final PageTimes times;
    private final MessageSource messages;

    TrailController(WholeTrail trails, PageTimes times, MessageSource messages) {
        this.trails = trails;
        this.times = times;
        this.messages = messages;
    }

    @GetMapping("/trails/investors/{investor}")
    String investor(@PathVariable String investor, @ModelAttribute("form") TimesForm form, BindingResult errors,
                    @RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
        return page(TrailScope.INVESTOR, investor, form, errors, page, locale, model);
    }

    @GetMapping("/trails/tenants/{id}")
    String tenant(@PathVariable String id, @ModelAttribute("form") TimesForm form, BindingResult errors,
                  @RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
        return page(TrailScope.TENANT, id, form, errors, page, locale, model);
    }

    @GetMapping("/trails/carriers/{id}")
    String carrier(@PathVariable String id, @ModelAttribute("form") TimesForm form, BindingResult errors,
                   @RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
        return page(TrailScope.INCUBATOR, id, form, errors, page, locale, model);
    }

    @GetMapping("/trails/investors/{investor}/export")
    ResponseEntity<byte[]> investorExport(@PathVariable String investor, @ModelAttribute("form") TimesForm form,
                                          BindingResult errors, @RequestParam String table,
                                          @RequestParam(defaultValue = "xlsx") String format) {
        return export(TrailScope.INVESTOR, investor, form, errors, table, format);
    }

    @GetMapping("/trails/tenants/{id}/export")
    ResponseEntity<byte[]> tenantExport(@PathVariable String id, @ModelAttribute("form") TimesForm form,
                                        BindingResult errors, @RequestParam String table,
                                        @RequestParam(defaultValue = "xlsx") String format) {
        return export(TrailScope.TENANT, id, form, errors, table, format);
    }

    @GetMapping("/trails/carriers/{id}/export")
    ResponseEntity<byte[]> carrierExport(@PathVariable String id, @ModelAttribute("form") TimesForm form,
                                         BindingResult errors, @RequestParam String table,
                                         @RequestParam(defaultValue = "xlsx") String format) {
        return export(TrailScope.INCUBATOR, id, form, errors, table, format);
    }

    private String page(TrailScope scope, String id, TimesForm form, BindingResult errors, int page, Locale locale,
                        Model model) {
        Instant knownAt = times.instant(errors, "knownAt", form.getKnownAt());
        model.addAttribute("scope", scope);
        model.addAttribute("id", id);
        model.addAttribute("path", path(scope, id));
        if (errors.hasErrors()) {
            return "trail";
        }
        boolean now = knownAt == null;
        knownAt = now ? times.now() : knownAt;
        WholeTrail.Found found = trails.of(scope, id, knownAt);
        TrailView view = new TrailView(messages, locale);
        model.addAttribute("knownAt", knownAt);
        model.addAttribute("knownAtNow", now);
        model.addAttribute("knownAtShown", times.beijing(knownAt));
        model.addAttribute("found", found);
        model.addAttribute("total", view.amount(found.totalCny()));
        // An investor's trail can hold thousands of investments: the table shows a page of them (the chart and the
        // download all), each row still numbered and totalled over the whole trail.
        List<TrailView.Row> rows = view.rows(found.investments(), times);
        int pages = Math.max(1, (rows.size() + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE);
        int shown = Math.min(Math.max(0, page), pages - 1);
        model.addAttribute("rows", rows.subList(shown * ROWS_PER_PAGE, Math.min(rows.size(),
                                                                                (shown + 1) * ROWS_PER_PAGE)));
        model.addAttribute("rowsPage", shown);
        model.addAttribute("rowsPages", pages);
        model.addAttribute("links", new PageLinks(path(scope, id), now ? Map.of()
                : Map.of("knownAt", form.getKnownAt())));
        model.addAttribute("changes", view.changes(found.investments(), times));
        model.addAttribute("charts", List.of(view.chart(found.investments())));
        model.addAttribute("exports", new PageLinks(path(scope, id) + "/export",
                                                    Map.of("knownAt", knownAt.toString())));
        return "trail";
    }

    private ResponseEntity<byte[]> export(TrailScope scope, String id, TimesForm form, BindingResult errors,
                                          String table, String format) {
        Downloads.format(format);
        Instant knownAt = times.instant(errors, "knownAt", form.getKnownAt());
        if (errors.hasErrors()) {
            throw Downloads.refusal(errors);
        }
        knownAt = knownAt == null ? times.now() : knownAt;
        WholeTrail.Found found = trails.of(scope, id, knownAt);
        String whose = chinese("trail.scope." + scope) + " " + id;
        Table file = switch (table) {
            case "trail" -> TrailTables.trail(whose, knownAt, found.investments());
            case "changes" -> TrailTables.changes(whose, knownAt, found.investments());
            default -> throw LedgerRejection.invalid("table", table, "must be trail or changes");
        };
        return Downloads.file(file, id + "-" + chinese("trail.download." + table), format);
    }

    /** The page of a trail, its id encoded as a path segment (an investor's name may hold anything). */
    static String path(TrailScope scope, String id) {
        String segment = UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
        return switch (scope) {
            case INVESTOR -> "/trails/investors/" + segment;
            case TENANT -> "/trails/tenants/" + segment;
            case INCUBATOR -> "/trails/carriers/" + segment;
        };
    }

    private String chinese(String key) {
        return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
    }
}
