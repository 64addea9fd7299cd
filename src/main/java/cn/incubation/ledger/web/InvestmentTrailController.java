package cn.incubation.ledger.web;

import cn.incubation.ledger.investmenttrail.FindInvestments;
import cn.incubation.ledger.investmenttrail.InvestmentTrail;
import cn.incubation.ledger.investmenttrail.InvestmentTrails;
import cn.incubation.ledger.investmenttrail.TrailScope;
import cn.incubation.ledger.shared.TimeParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

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
    @Operation(summary = "A tenant's investments in received order, as known at knownAt (default now), page by page "
            + "(page from 0, size default 100, at most 1000)")
    InvestmentTrail tenant(@PathVariable String id, @RequestParam(required = false) @KnownAt Instant knownAt,
                           @RequestParam(required = false) Integer page,
                           @RequestParam(required = false) Integer size) {
        return trails.find(query(TrailScope.TENANT, id, knownAt, page, size));
    }

    @GetMapping("/incubators/{id}/investments")
    @Operation(summary = "The investments of a carrier's tenants in received order, as known at knownAt, page by page")
    InvestmentTrail incubator(@PathVariable String id, @RequestParam(required = false) @KnownAt Instant knownAt,
                              @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        return trails.find(query(TrailScope.INCUBATOR, id, knownAt, page, size));
    }

    @GetMapping("/investors/{investor}/investments")
    @Operation(summary = "An investor's investments across tenants in received order, as known at knownAt, page by "
            + "page")
    InvestmentTrail investor(@PathVariable String investor,
                             @RequestParam(required = false) @KnownAt Instant knownAt,
                             @RequestParam(required = false) Integer page,
                             @RequestParam(required = false) Integer size) {
        return trails.find(query(TrailScope.INVESTOR, investor, knownAt, page, size));
    }

    private FindInvestments query(TrailScope scope, String id, Instant knownAt, Integer page, Integer size) {
        return new FindInvestments(scope, id, time.orNow(knownAt), QueryBounds.page(page),
                                   QueryBounds.within("size", size, FindInvestments.DEFAULT_SIZE, 1,
                                                      FindInvestments.MAX_SIZE));
    }
}
