package cn.incubation.ledger.web;

import cn.incubation.ledger.investmenttrail.FindInvestments;
import cn.incubation.ledger.investmenttrail.InvestmentTrail;
import cn.incubation.ledger.investmenttrail.InvestmentTrails;
import cn.incubation.ledger.investmenttrail.TrailScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Investment trails for fund managers over HTTP: who put how much into which startup, and every correction. */
@RestController
@RequestMapping("/api")
@Tag(name = "Investment trails", description = "Investments in received order with corrections and running totals")
class InvestmentTrailController {

    private final InvestmentTrails trails;
    private final TimeParameters time;

    InvestmentTrailController(InvestmentTrails trails, TimeParameters time) {
        this.trails = trails;
        this.time = time;
    }

    @GetMapping("/tenants/{id}/investments")
    @Operation(summary = "A tenant's investments in received order, as known at knownAt (default now)")
    InvestmentTrail tenant(@PathVariable String id, @RequestParam(required = false) String knownAt) {
        return trails.find(new FindInvestments(TrailScope.TENANT, id, time.knownAt(knownAt)));
    }

    @GetMapping("/incubators/{id}/investments")
    @Operation(summary = "The investments of a carrier's tenants in received order, as known at knownAt")
    InvestmentTrail incubator(@PathVariable String id, @RequestParam(required = false) String knownAt) {
        return trails.find(new FindInvestments(TrailScope.INCUBATOR, id, time.knownAt(knownAt)));
    }

    @GetMapping("/investors/{investor}/investments")
    @Operation(summary = "An investor's investments across tenants in received order, as known at knownAt")
    InvestmentTrail investor(@PathVariable String investor, @RequestParam(required = false) String knownAt) {
        return trails.find(new FindInvestments(TrailScope.INVESTOR, investor, time.knownAt(knownAt)));
    }
}
