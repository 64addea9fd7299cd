package cn.incubation.ledger.web;

import cn.incubation.ledger.incubatorstate.IncubatorState;
import cn.incubation.ledger.incubatorstate.IncubatorStates;
import cn.incubation.ledger.shared.TimeParameters;
import cn.incubation.ledger.standing.CarrierStandings;
import cn.incubation.ledger.standing.Standing;
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

/** A carrier's state, warnings and standing against the national rules on a business date, as known at an instant. */
@RestController
@RequestMapping("/api/incubators")
@Tag(name = "Incubator queries", description = "What was true of a carrier on a date, as known at an instant")
class IncubatorQueryController {

    private final IncubatorStates states;
    private final Warnings warnings;
    private final CarrierStandings standings;
    private final TimeParameters times;

    IncubatorQueryController(IncubatorStates states, Warnings warnings, CarrierStandings standings,
                             TimeParameters times) {
        this.states = states;
        this.warnings = warnings;
        this.standings = standings;
        this.times = times;
    }

    @GetMapping("/{id}")
    @Operation(summary = "The carrier on asOf (default today) as known at knownAt (default now): name, kind, region, "
            + "level, floor area, staff, open or closed, tenants in incubation, graduated, IP held, jobs, investment")
    IncubatorState state(@PathVariable String id,
                         @RequestParam(required = false) LocalDate asOf,
                         @RequestParam(required = false) @KnownAt Instant knownAt) {
        return states.get(id, times.asOf(asOf), times.orNow(knownAt));
    }

    @GetMapping("/{id}/warnings")
    @Operation(summary = "What the carrier's filer must explain on asOf (default today) as known at knownAt (default "
            + "now), under the rules in force on asOf: tenants at a closed carrier, incubations beyond the limit, "
            + "companies too old at admission, a lapsed or endangered national accreditation; page from 0, size "
            + "default 100, at most 1000")
    WarningList warnings(@PathVariable String id,
                         @RequestParam(required = false) LocalDate asOf,
                         @RequestParam(required = false) @KnownAt Instant knownAt,
                         @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return warnings.ofCarrier(id, times.asOf(asOf), times.orNow(knownAt), QueryBounds.page(page),
                                  QueryBounds.within("size", size, WarningList.DEFAULT_SIZE, 1, WarningList.MAX_SIZE));
    }

    @GetMapping("/{id}/standing")
    @Operation(summary = "The carrier against the national thresholds of the rule set in force on asOf: floor area, "
            + "tenants, tenants per 1,000 m², graduates, staff per tenant, financed share, years of operation; and the "
            + "criteria the ledger has no data for")
    Standing standing(@PathVariable String id,
                      @RequestParam(required = false) LocalDate asOf,
                      @RequestParam(required = false) @KnownAt Instant knownAt) {
        return standings.of(id, times.asOf(asOf), times.orNow(knownAt));
    }
}
