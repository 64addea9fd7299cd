package cn.incubation.ledger.ui.tenant;

import cn.incubation.ledger.investmenttrail.TrailScope;
import cn.incubation.ledger.report.Table;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenantstate.GetTenantState;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.tenantstate.TenantStates;
import cn.incubation.ledger.ui.PageLinks;
import cn.incubation.ledger.ui.PageTimes;
import cn.incubation.ledger.ui.parts.AsKnown;
import cn.incubation.ledger.ui.parts.Downloads;
import cn.incubation.ledger.ui.parts.FactText;
import cn.incubation.ledger.ui.parts.TimesForm;
import cn.incubation.ledger.ui.trail.TrailTables;
import cn.incubation.ledger.ui.trail.WholeTrail;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant's page: its state on a business date as known at an instant, its facts in the order they happened with
 * who recorded each and when, and its investments as last corrected; the facts and investments also as downloads.
 * The investments are facts of the tenant's timeline, which this page's readers read; the trail page with its
 * running totals keeps the API's narrower rule.
 */
@Controller
class TenantController {

    static final String PATH = "/tenants/{id}";

    private final TenantStates states;
    private final TenantFactLog log;
    private final WholeTrail trails;
    private final PageTimes times;
    private final MessageSource messages;

    TenantController(TenantStates states, TenantFactLog log, WholeTrail trails, PageTimes times,
                     MessageSource messages) {
        this.states = states;
        this.log = log;
        this.trails = trails;
        this.times = times;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String tenant(@PathVariable String id, @ModelAttribute("form") TimesForm form, BindingResult errors,
                  Locale locale, Model model) {
        AsKnown query = AsKnown.of(form, errors, times);
        model.addAttribute("tenantId", id);
        if (query == null) {
            return "tenant";
        }
        TenantState state = states.get(new GetTenantState(id, query.asOf(), query.knownAt()));
        TenantView view = new TenantView(messages, locale);
        WholeTrail.Found investments = trails.of(TrailScope.TENANT, id, query.knownAt());
        model.addAttribute("query", query);
        model.addAttribute("state", state);
        model.addAttribute("name", state.companyName() != null ? state.companyName() : state.teamName());
        model.addAttribute("knownAtShown", times.beijing(query.knownAt()));
        model.addAttribute("stateLines", view.state(state));
        model.addAttribute("factRows", view.facts(log.facts(id, query.knownAt()), times));
        model.addAttribute("investmentRows", view.investments(investments.investments(), times));
        model.addAttribute("exports", new PageLinks("/tenants/" + id + "/export", exportQuery(query)));
        return "tenant";
    }

    /** One of the page's tables as a file: {@code table} facts, investments or changes. */
    @GetMapping(PATH + "/export")
    ResponseEntity<byte[]> export(@PathVariable String id, @ModelAttribute("form") TimesForm form,
                                  BindingResult errors, @RequestParam String table,
                                  @RequestParam(defaultValue = "xlsx") String format) {
        Downloads.format(format);
        AsKnown query = AsKnown.of(form, errors, times);
        if (query == null) {
            throw Downloads.refusal(errors);
        }
        TenantState state = states.get(new GetTenantState(id, query.asOf(), query.knownAt()));
        String name = state.companyName() != null ? state.companyName() : state.teamName();
        String whose = name + "（" + id + "）";
        Table file = switch (table) {
            case "facts" -> TenantTables.facts(state, log.facts(id, query.knownAt()),
                                               new FactText(messages, Locale.SIMPLIFIED_CHINESE));
            case "investments" -> TrailTables.trail(whose, query.knownAt(),
                                                    trails.of(TrailScope.TENANT, id, query.knownAt()).investments());
            case "changes" -> TrailTables.changes(whose, query.knownAt(),
                                                  trails.of(TrailScope.TENANT, id, query.knownAt()).investments());
            default -> throw LedgerRejection.invalid("table", table, "must be facts, investments or changes");
        };
        return Downloads.file(file, name + "-" + messages.getMessage("tenant.download." + table, null, table,
                                                                     Locale.SIMPLIFIED_CHINESE)
                                    + "-" + query.asOf(), format);
    }

    private static Map<String, String> exportQuery(AsKnown query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("asOf", query.asOf().toString());
        parameters.put("knownAt", query.knownAt().toString());
        return parameters;
    }
}
