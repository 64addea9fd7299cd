package cn.incubation.ledger.web;

import cn.incubation.ledger.incubatorstate.IncubatorState;
import cn.incubation.ledger.incubatorstate.IncubatorStates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A carrier's state on a business date, as known at an instant. */
@RestController
@RequestMapping("/api/incubators")
@Tag(name = "Incubator queries", description = "What was true of a carrier on a date, as known at an instant")
class IncubatorQueryController {

    private final IncubatorStates states;
    private final TimeParameters times;

    IncubatorQueryController(IncubatorStates states, TimeParameters times) {
        this.states = states;
        this.times = times;
    }

    @GetMapping("/{id}")
    @Operation(summary = "The carrier on asOf (default today) as known at knownAt (default now): name, kind, region, "
            + "level, floor area, staff, open or closed, tenants in incubation, graduated, IP held, jobs, investment")
    IncubatorState state(@PathVariable String id, @RequestParam(required = false) String asOf,
                         @RequestParam(required = false) String knownAt) {
        return states.get(id, times.asOf(asOf), times.knownAt(knownAt));
    }
}
