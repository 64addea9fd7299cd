package cn.incubation.ledger.tenantstate.projection;

import cn.incubation.ledger.investmenttrail.InvestmentStatus;
import cn.incubation.ledger.investmenttrail.InvestmentTrails;
import cn.incubation.ledger.investmenttrail.TrailInvestment;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenantstate.GetTenantState;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.tenantstate.TenantStates;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Answers a tenant's state from its one document, and its investment from the tenant's investment trail, so that the
 * two views can never disagree on what a correction or retraction changed. Many tenants are read together, by
 * {@code _id $in}, both their documents and their trails.
 */
@Component
class MongoTenantStates implements TenantStates {

    private static final int LOOKUP_CHUNK = 1_000;

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
        List<TrailInvestment> trail = trails.ofTenants(List.of(query.tenantId()), query.knownAt())
                                            .getOrDefault(query.tenantId(), List.of());
        return TenantFacts.of(doc).state(query.asOf(), query.knownAt(), investment(trail, query.asOf()))
                          .orElseThrow(() -> unknown(query, "the tenant's admission was recorded after knownAt ("
                                  + query.knownAt() + ")"));
    }

    @Override
    public List<TenantState> getAll(Collection<String> tenantIds, LocalDate asOf, Instant knownAt) {
        Map<String, List<TrailInvestment>> byTenant = trails.ofTenants(tenantIds, knownAt);
        List<String> ids = new ArrayList<>(tenantIds);
        List<TenantState> states = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i += LOOKUP_CHUNK) {
            for (Document doc : projections.collection(TenantStateProjection.NAME, TenantStateProjection.TENANTS)
                                           .find(Filters.in("_id", ids.subList(i, Math.min(ids.size(),
                                                                                            i + LOOKUP_CHUNK))))) {
                List<TrailInvestment> trail = byTenant.getOrDefault(doc.getString("_id"), List.of());
                TenantFacts.of(doc).state(asOf, knownAt, investment(trail, asOf)).ifPresent(states::add);
            }
        }
        return states;
    }

    private static TenantState.Investment investment(List<TrailInvestment> trail, LocalDate asOf) {
        List<TrailInvestment> received = trail.stream()
                                              .filter(i -> i.status() != InvestmentStatus.RETRACTED)
                                              .filter(i -> !i.receivedOn().isAfter(asOf))
                                              .toList();
        BigDecimal amountCny = received.stream().map(i -> new BigDecimal(i.amountCny()))
                                       .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new TenantState.Investment(received.size(), amountCny.toPlainString());
    }

    private static LedgerRejection unknown(GetTenantState query, String rule) {
        return LedgerRejection.notFound("tenantId", query.tenantId(), rule);
    }
}
