package cn.incubation.ledger.web;

import cn.incubation.ledger.region.Region;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.region.RegionLevel;
import cn.incubation.ledger.regionaltotals.Comparison;
import cn.incubation.ledger.regionaltotals.RegionalSeries;
import cn.incubation.ledger.regionaltotals.RegionalTotals;
import cn.incubation.ledger.regionaltotals.RegionalTotalsQueries;
import cn.incubation.ledger.shared.TimeParameters;
import cn.incubation.ledger.warnings.WarningList;
import cn.incubation.ledger.warnings.Warnings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The region catalog, the regional totals, series and comparisons over it, and each region's warnings. */
@RestController
@RequestMapping("/api/regions")
@Tag(name = "Regions", description = "The region catalog and regional totals in both times")
class RegionController {

    private final RegionCatalog regions;
    private final RegionalTotalsQueries queries;
    private final Warnings warnings;
    private final TimeParameters times;

    RegionController(RegionCatalog regions, RegionalTotalsQueries queries, Warnings warnings, TimeParameters times) {
        this.regions = regions;
        this.queries = queries;
        this.warnings = warnings;
        this.times = times;
    }

    /** A region with what the catalog says about its place in the hierarchy. */
    record RegionView(String code, String nameZh, String nameEn, String parentCode, RegionLevel level,
                      List<Region> children, Set<String> partialMembers, Set<String> rollsUpTo) {
    }

    @GetMapping
    @Operation(summary = "List the catalog: every division (GB/T 2260) and economic region, optionally by level or "
            + "parent")
    List<Region> list(@RequestParam(required = false) RegionLevel level,
                      @RequestParam(required = false) String parent) {
        return regions.all().stream()
                      .filter(r -> level == null || r.level() == level)
                      .filter(r -> parent == null || parent.equals(r.parentCode()))
                      .toList();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One region with its children and the regions it rolls up to")
    RegionView region(@PathVariable String code) {
        Region region = regions.require(code);
        return new RegionView(region.code(), region.nameZh(), region.nameEn(), region.parentCode(), region.level(),
                              regions.children(code), regions.partialMembers(code), regions.rollUps(code));
    }

    @GetMapping("/{code}/totals")
    @Operation(summary = "Regional totals on a business date (asOf, default today) as known at an instant (knownAt, "
            + "default now)")
    RegionalTotals totals(@PathVariable String code,
                          @RequestParam(required = false) LocalDate asOf,
                          @RequestParam(required = false) @KnownAt Instant knownAt) {
        return queries.totals(code, times.asOf(asOf), times.orNow(knownAt));
    }

    @GetMapping("/{code}/series")
    @Operation(summary = "Per period: the stocks at its end and the flows within it")
    RegionalSeries series(@PathVariable String code, @RequestParam LocalDate from,
                          @RequestParam(required = false) LocalDate to,
                          @RequestParam(defaultValue = "YEAR") RegionalSeries.Granularity granularity,
                          @RequestParam(required = false) @KnownAt Instant knownAt) {
        LocalDate start = times.date("from", from, null);
        LocalDate end = times.date("to", to, times.asOf(null));
        return queries.series(code, start, end, granularity, times.orNow(knownAt));
    }

    @GetMapping("/{code}/comparison")
    @Operation(summary = "Each indicator on two dates: values, increase and growth in percent")
    Comparison comparison(@PathVariable String code, @RequestParam LocalDate from,
                          @RequestParam LocalDate to,
                          @RequestParam(required = false) @KnownAt Instant knownAt) {
        return queries.comparison(code, times.date("from", from, null), times.date("to", to, null),
                                  times.orNow(knownAt));
    }

    @GetMapping("/{code}/warnings")
    @Operation(summary = "The warnings of every carrier in the region on asOf as known at knownAt, under the rules in "
            + "force on asOf, ordered by carrier; page from 0, size default 100, at most 1000")
    WarningList warnings(@PathVariable String code,
                         @RequestParam(required = false) LocalDate asOf,
                         @RequestParam(required = false) @KnownAt Instant knownAt,
                         @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return warnings.ofRegion(code, times.asOf(asOf), times.orNow(knownAt), QueryBounds.page(page),
                                 QueryBounds.within("size", size, WarningList.DEFAULT_SIZE, 1, WarningList.MAX_SIZE));
    }
}
