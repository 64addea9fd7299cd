package cn.incubation.ledger.web;

import cn.incubation.ledger.directory.CarrierList;
import cn.incubation.ledger.directory.CarrierStatus;
import cn.incubation.ledger.directory.CarrierTenants;
import cn.incubation.ledger.directory.Directory;
import cn.incubation.ledger.directory.FindCarrierTenants;
import cn.incubation.ledger.directory.FindCarriers;
import cn.incubation.ledger.directory.FindInvestors;
import cn.incubation.ledger.directory.FindTenants;
import cn.incubation.ledger.directory.IncubationStatus;
import cn.incubation.ledger.directory.InvestorList;
import cn.incubation.ledger.directory.Paging;
import cn.incubation.ledger.directory.TenantSearch;
import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.security.ListScope;
import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.shared.TimeParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The lists and searches under the pages: a region's carriers, a carrier's tenants, tenants by credit code or name,
 * investors. Each is a few key lookups, sorted and paged in memory; an operator's lists are cut to its carriers and a
 * limited fund manager's to its investors.
 */
@RestController
@Tag(name = "Lists and search", description = "Carriers by region, a carrier's tenants, tenants by credit code or "
        + "name, investors; paged (page from 0, size at most 200) and sorted (field, or field,desc)")
class DirectoryController {

    /** The longest search text: the longest name the ledger takes. */
    private static final int TEXT = 200;
    private static final String PAGE = "Page from 0";
    private static final String SIZE = "Rows per page, 1 to 200 (default 50)";

    private final Directory directory;
    private final TimeParameters times;
    private final ListScope scope;

    DirectoryController(Directory directory, TimeParameters times, ListScope scope) {
        this.directory = directory;
        this.times = times;
        this.scope = scope;
    }

    @GetMapping("/api/carriers")
    @Operation(summary = "The carriers of a region (its divisions and those below) on asOf (default today): those "
            + "opened by then, with level, floor area and status on that date, and their companies and teams in "
            + "incubation as of today (left out for an earlier asOf). An operator sees only its own carriers")
    CarrierList carriers(
            @Parameter(description = "Region code: a division (510107, 510100, 510000) or an economic region "
                    + "(chengyu)") @RequestParam String region,
            @Parameter(description = "Kinds to list (repeat, or separate by commas); default all")
            @RequestParam(required = false) List<CarrierKind> kind,
            @Parameter(description = "Accreditation levels on asOf; default any, unaccredited included")
            @RequestParam(required = false) List<AccreditationLevel> level,
            @Parameter(description = "OPEN or CLOSED on asOf; default both") @RequestParam(required = false)
            CarrierStatus status,
            @Parameter(description = "Text the name contains (case and width of Latin letters ignored)")
            @RequestParam(required = false) String q,
            @Parameter(description = "name (default), openedOn, floorArea or tenants (as of today only); add ,desc "
                    + "for the largest first") @RequestParam(required = false) String sort,
            @RequestParam(required = false) LocalDate asOf,
            @Parameter(description = PAGE) @RequestParam(required = false) Integer page,
            @Parameter(description = SIZE) @RequestParam(required = false) Integer size) {
        return directory.carriers(new FindCarriers(
                region, set(kind), set(level), status, text("q", q),
                SortParameter.read(sort, "name", FindCarriers.SORTS), times.asOf(asOf), page(page), size(size),
                scope.carriers()));
    }

    @GetMapping("/api/incubators/{id}/tenants")
    @Operation(summary = "A carrier's tenants on asOf (default today): those admitted by then, with their status "
            + "on that date (IN_INCUBATION, GRADUATED, WITHDRAWN)")
    CarrierTenants tenantsOf(
            @PathVariable String id,
            @Parameter(description = "Status on asOf; default any") @RequestParam(required = false)
            IncubationStatus status,
            @Parameter(description = "admittedOn (default), name or endedOn; add ,desc for the latest first")
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) LocalDate asOf,
            @Parameter(description = PAGE) @RequestParam(required = false) Integer page,
            @Parameter(description = SIZE) @RequestParam(required = false) Integer size) {
        return directory.tenantsOf(new FindCarrierTenants(
                id, status, SortParameter.read(sort, "admittedOn", FindCarrierTenants.SORTS), times.asOf(asOf),
                page(page), size(size)));
    }

    @GetMapping("/api/tenants")
    @Operation(summary = "Incubations by the company's credit code (every one, in the order they began) or by the "
            + "beginning of a company's or team's name (Chinese included; case and width of Latin letters ignored), "
            + "ordered by name, with their status today. A beginning shared by very many names pages through its "
            + "first 1,000 by name (listed) and counts them all (total). An operator finds only its carriers' "
            + "tenants")
    TenantSearch tenants(
            @Parameter(description = "A unified social credit code, 18 characters") @RequestParam(required = false)
            String creditCode,
            @Parameter(description = "The beginning of a company's or team's name") @RequestParam(required = false)
            String name,
            @Parameter(description = PAGE) @RequestParam(required = false) Integer page,
            @Parameter(description = SIZE) @RequestParam(required = false) Integer size) {
        if ((creditCode == null) == (name == null)) {
            throw LedgerRejection.invalid(creditCode == null ? "creditCode" : "name", null, "give either creditCode "
                    + "(all incubations of a company) or name (the beginning of a company's or team's name), not "
                    + (creditCode == null ? "neither" : "both"));
        }
        return directory.tenants(new FindTenants(creditCode, text("name", name), page(page), size(size),
                                                 scope.carriers()));
    }

    @GetMapping("/api/investors")
    @Operation(summary = "The investors named in the ledger's investments as they stand now (corrections and "
            + "retractions applied), with how many investments each holds and their sum in yuan. A fund manager "
            + "limited to investors sees only its own")
    InvestorList investors(
            @Parameter(description = "The beginning of the investor's name") @RequestParam(required = false)
            String q,
            @Parameter(description = "name (default), investments or amountCny; add ,desc for the largest first")
            @RequestParam(required = false) String sort,
            @Parameter(description = PAGE) @RequestParam(required = false) Integer page,
            @Parameter(description = SIZE) @RequestParam(required = false) Integer size) {
        return directory.investors(new FindInvestors(text("q", q), SortParameter.read(sort, "name",
                                                                                       FindInvestors.SORTS),
                                                     page(page), size(size), scope.investors()));
    }

    private static String text(String field, String value) {
        return value == null ? null : Check.text(field, value, TEXT);
    }

    private static <T> Set<T> set(List<T> values) {
        return values == null ? Set.of() : Set.copyOf(values.stream().filter(v -> v != null).toList());
    }

    private static int page(Integer value) {
        return QueryBounds.page(value);
    }

    private static int size(Integer value) {
        return QueryBounds.within("size", value, Paging.DEFAULT_SIZE, 1, Paging.MAX_SIZE);
    }
}
