package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.TimeParameters;
import cn.incubation.ledger.tenantstate.GetTenantState;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.tenantstate.TenantStates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;

/** A tenant's state on a date, as known at an instant, over HTTP. */
@RestController
@RequestMapping("/api/tenants")
@Tag(name = "Tenant state", description = "What was true of an incubation on a date, as known at an instant")
class TenantQueryController {

    private final TenantStates states;
    private final TimeParameters time;

    TenantQueryController(TenantStates states, TimeParameters time) {
        this.states = states;
        this.time = time;
    }

    @GetMapping("/{id}")
    @Operation(summary = "A tenant's state on asOf (default today) from the facts recorded by knownAt (default now)")
    TenantState tenant(@PathVariable String id,
                       @RequestParam(required = false) LocalDate asOf,
                       @RequestParam(required = false) @KnownAt Instant knownAt) {
        return states.get(new GetTenantState(id, time.asOf(asOf), time.orNow(knownAt)));
    }
}
