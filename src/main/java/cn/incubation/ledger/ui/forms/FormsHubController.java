package cn.incubation.ledger.ui.forms;

import cn.incubation.ledger.incubatorstate.IncubatorStates;
import cn.incubation.ledger.investmenttrail.FindInvestments;
import cn.incubation.ledger.investmenttrail.InvestmentTrails;
import cn.incubation.ledger.investmenttrail.TrailInvestment;
import cn.incubation.ledger.investmenttrail.TrailScope;
import cn.incubation.ledger.security.LedgerPrincipal;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.ui.PageTimes;
import cn.incubation.ledger.ui.forms.FactForms.Target;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where an operator finds the forms: its carriers ({@code /forms}), a carrier's forms and the way to a tenant's, and
 * a tenant's forms with its investments, each of which may be corrected or retracted.
 */
@Controller
class FormsHubController {

    static final String PATH = "/forms";
    /** What an id of the ledger looks like; anything else is not looked up, only asked again. */
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{3,64}");

    private final InvestmentTrails trails;
    private final IncubatorStates carriers;
    private final PageTimes times;

    FormsHubController(InvestmentTrails trails, IncubatorStates carriers, PageTimes times) {
        this.trails = trails;
        this.carriers = carriers;
        this.times = times;
    }

    /** A carrier as the hub lists it: its id and name (the id again while the figures have not seen it). */
    record Carrier(String id, String name) {
    }

    @GetMapping(PATH)
    String carriers(@RequestParam(required = false) String carrier, @RequestParam(required = false) String tenant,
                    Authentication authentication, Model model) {
        if (carrier != null && ID.matcher(carrier.strip()).matches()) {
            return "redirect:/carriers/" + carrier.strip() + "/forms";
        }
        if (tenant != null && ID.matcher(tenant.strip()).matches()) {
            return "redirect:/tenants/" + tenant.strip() + "/forms";
        }
        model.addAttribute("carriers", LedgerPrincipal.of(authentication)
                                                      .map(p -> p.incubators().stream().sorted().map(this::carrier)
                                                                 .toList())
                                                      .orElse(List.of()));
        model.addAttribute("badId", carrier != null || tenant != null);
        return "forms/hub";
    }

    @GetMapping("/carriers/{id}/forms")
    String carrierForms(@PathVariable String id, Model model) {
        model.addAttribute("carrierId", id);
        model.addAttribute("carrier", carrier(id));
        model.addAttribute("forms", FactForms.of(Target.CARRIER));
        model.addAttribute("tenants", tenants(id));
        return "forms/carrier";
    }

    @GetMapping("/tenants/{id}/forms")
    String tenantForms(@PathVariable String id, Model model) {
        model.addAttribute("tenantId", id);
        model.addAttribute("forms", FactForms.of(Target.TENANT));
        model.addAttribute("investments", investments(id));
        return "forms/tenant";
    }

    private Carrier carrier(String id) {
        try {
            return new Carrier(id, carriers.get(id, times.today(), times.now()).name());
        } catch (LedgerRejection e) {
            return new Carrier(id, id);
        }
    }

    /** The carrier's tenants admitted by today, as the figures know them; none while they have not seen it. */
    private List<TenantState> tenants(String carrierId) {
        try {
            return carriers.getWithTenants(carrierId, times.today(), times.now()).tenants();
        } catch (LedgerRejection e) {
            return List.of();
        }
    }

    /** The tenant's investments as they stand now; none when the trail has not seen the tenant yet. */
    private List<TrailInvestment> investments(String tenantId) {
        try {
            return trails.find(new FindInvestments(TrailScope.TENANT, tenantId, times.now())).investments();
        } catch (LedgerRejection e) {
            if (e.kind() == LedgerRejection.Kind.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }
}
