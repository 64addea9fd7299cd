package cn.incubation.ledger.tenantstate.projection;

import cn.incubation.ledger.investmenttrail.FindInvestments;
import cn.incubation.ledger.investmenttrail.InvestmentStatus;
import cn.incubation.ledger.investmenttrail.InvestmentTrails;
import cn.incubation.ledger.investmenttrail.TrailInvestment;
import cn.incubation.ledger.investmenttrail.TrailScope;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenantstate.GetTenantState;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.tenantstate.TenantStates;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;

/**
 * Answers a tenant's state from its one document, and its investment from the tenant's investment trail, so that the
 * two views can never disagree on what a correction or retraction changed.
 */
@Component
class MongoTenantStates implements TenantStates {

    private final ProjectionService projections;
    private final InvestmentTrails trails;

    MongoTenantStates(ProjectionService projections, InvestmentTrails trails) {
        this.projections = projections;
        this.trails = trails;
    }

    @Override
    public TenantState get(GetTenantState query) {
        Document doc = projections.collection(TenantStateProjection.NAME, TenantStateProjection.TENANTS)
                                  .find(Filters.eq("_id", query.tenantId())).first();
        if (doc == null) {
            throw unknown(query, "no tenant with this id is in the ledger");
        }
        return TenantFacts.of(doc).state(query.asOf(), query.knownAt(), investment(query))
                          .orElseThrow(() -> unknown(query, "the tenant's admission was recorded after knownAt ("
                                  + query.knownAt() + ")"));
    }

    private TenantState.Investment investment(GetTenantState query) {
        List<TrailInvestment> trail;
        try {
            trail = trails.find(new FindInvestments(TrailScope.TENANT, query.tenantId(), query.knownAt()))
                          .investments();
        } catch (LedgerRejection e) {
            if (e.kind() != LedgerRejection.Kind.NOT_FOUND) {
                throw e;
            }
            // The trail has not reached this tenant's admission yet: it has recorded no investment either.
            trail = List.of();
        }
        List<TrailInvestment> received = trail.stream()
                                              .filter(i -> i.status() != InvestmentStatus.RETRACTED)
                                              .filter(i -> !i.receivedOn().isAfter(query.asOf()))
                                              .toList();
        BigDecimal amountCny = received.stream().map(i -> new BigDecimal(i.amountCny()))
                                       .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new TenantState.Investment(received.size(), amountCny.toPlainString());
    }

    private static LedgerRejection unknown(GetTenantState query, String rule) {
        return LedgerRejection.notFound("tenantId", query.tenantId(), rule);
    }
}
