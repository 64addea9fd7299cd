package cn.incubation.ledger.investmenttrail.projection;

import cn.incubation.ledger.investmenttrail.FindInvestments;
import cn.incubation.ledger.investmenttrail.InvestmentStatus;
import cn.incubation.ledger.investmenttrail.InvestmentTrail;
import cn.incubation.ledger.investmenttrail.InvestmentTrails;
import cn.incubation.ledger.investmenttrail.TrailInvestment;
import cn.incubation.ledger.investmenttrail.TrailScope;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.shared.LedgerRejection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Answers trails by key: a tenant's document, or a carrier's or investor's index document and then the tenants it
 * lists by {@code _id $in}; the versions are resolved at {@code knownAt} and ordered in memory.
 */
@Component
class MongoInvestmentTrails implements InvestmentTrails {

    /** Received order; investments received the same day in the order the ledger learned them. */
    private static final Comparator<TrailInvestment> RECEIVED_ORDER = Comparator
            .comparing(TrailInvestment::receivedOn)
            .thenComparing(TrailInvestment::recordedAt)
            .thenComparing(TrailInvestment::tenantId)
            .thenComparing(TrailInvestment::investmentId);

    private final ProjectionService projections;

    MongoInvestmentTrails(ProjectionService projections) {
        this.projections = projections;
    }

    @Override
    public InvestmentTrail find(FindInvestments query) {
        List<Document> tenants = switch (query.scope()) {
            case TENANT -> List.of(require(InvestmentTrailProjection.TENANTS, query));
            case INCUBATOR, INVESTOR -> {
                String index = query.scope() == TrailScope.INCUBATOR ? InvestmentTrailProjection.INCUBATORS
                        : InvestmentTrailProjection.INVESTORS;
                List<String> ids = new ArrayList<>(require(index, query).get("tenants", new Document()).keySet());
                yield ids.isEmpty() ? List.of()
                        : collection(InvestmentTrailProjection.TENANTS).find(Filters.in("_id", ids))
                                                                      .into(new ArrayList<>());
            }
        };
        List<TrailInvestment> known = new ArrayList<>();
        for (Document tenant : tenants) {
            for (InvestmentVersions investment : InvestmentVersions.of(tenant)) {
                investment.knownAt(query.knownAt())
                          .filter(i -> query.scope() != TrailScope.INVESTOR || i.investor().equals(query.id()))
                          .ifPresent(known::add);
            }
        }
        known.sort(RECEIVED_ORDER);
        List<TrailInvestment> trail = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (TrailInvestment i : known) {
            if (i.status() != InvestmentStatus.RETRACTED) {
                total = total.add(new BigDecimal(i.amountCny()));
            }
            trail.add(new TrailInvestment(i.tenantId(), i.incubatorId(), i.investmentId(), i.receivedOn(), i.round(),
                                          i.investor(), i.amount(), i.currency(), i.cnyRate(), i.amountCny(),
                                          i.status(), i.recordedAt(), i.actor(), i.original(), i.corrections(),
                                          total.toPlainString()));
        }
        return new InvestmentTrail(query.scope(), query.id(), query.knownAt(), trail.size(), total.toPlainString(),
                                   List.copyOf(trail));
    }

    private Document require(String collection, FindInvestments query) {
        Document doc = collection(collection).find(Filters.eq("_id", query.id())).first();
        if (doc == null) {
            throw LedgerRejection.notFound(query.scope().field(), query.id(), switch (query.scope()) {
                case TENANT -> "no tenant with this id is in the ledger";
                case INCUBATOR -> "no incubator with this id is in the ledger";
                case INVESTOR -> "no investment in the ledger names this investor";
            });
        }
        return doc;
    }

    private MongoCollection<Document> collection(String base) {
        return projections.collection(InvestmentTrailProjection.NAME, base);
    }
}
