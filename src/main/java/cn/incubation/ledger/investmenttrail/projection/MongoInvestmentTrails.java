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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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

    /** Ids per {@code _id $in} lookup. */
    private static final int LOOKUP_CHUNK = 1_000;

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
                yield tenants(require(index, query).get("tenants", new Document()).keySet());
            }
        };
        List<TrailInvestment> known = known(tenants, query.knownAt(), i -> query.scope() != TrailScope.INVESTOR
                || i.investor().equals(query.id()));
        int from = (int) Math.min(known.size(), (long) query.page() * query.size());
        int to = (int) Math.min(known.size(), (long) from + query.size());
        List<TrailInvestment> page = new ArrayList<>(to - from);
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < known.size(); i++) {
            TrailInvestment investment = known.get(i);
            if (investment.status() != InvestmentStatus.RETRACTED) {
                total = total.add(new BigDecimal(investment.amountCny()));
            }
            if (i >= from && i < to) {
                page.add(withRunningTotal(investment, total));
            }
        }
        int totalPages = (known.size() + query.size() - 1) / query.size();
        return new InvestmentTrail(query.scope(), query.id(), query.knownAt(), known.size(), total.toPlainString(),
                                   query.page(), query.size(), totalPages, List.copyOf(page));
    }

    @Override
    public Map<String, List<TrailInvestment>> ofTenants(Collection<String> tenantIds, Instant knownAt) {
        Map<String, List<TrailInvestment>> byTenant = new HashMap<>();
        for (TrailInvestment investment : known(tenants(tenantIds), knownAt, i -> true)) {
            byTenant.computeIfAbsent(investment.tenantId(), t -> new ArrayList<>()).add(investment);
        }
        return byTenant;
    }

    /** The tenants' documents, read by {@code _id $in} in chunks. */
    private List<Document> tenants(Collection<String> ids) {
        List<Document> tenants = new ArrayList<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += LOOKUP_CHUNK) {
            collection(InvestmentTrailProjection.TENANTS)
                    .find(Filters.in("_id", all.subList(i, Math.min(all.size(), i + LOOKUP_CHUNK))))
                    .into(tenants);
        }
        return tenants;
    }

    /** The investments of these tenant documents as known at an instant, in received order. */
    private static List<TrailInvestment> known(List<Document> tenants, Instant knownAt,
                                               Predicate<TrailInvestment> wanted) {
        List<TrailInvestment> known = new ArrayList<>();
        for (Document tenant : tenants) {
            for (InvestmentVersions investment : InvestmentVersions.of(tenant)) {
                investment.knownAt(knownAt).filter(wanted).ifPresent(known::add);
            }
        }
        known.sort(RECEIVED_ORDER);
        return known;
    }

    private static TrailInvestment withRunningTotal(TrailInvestment i, BigDecimal total) {
        return new TrailInvestment(i.tenantId(), i.incubatorId(), i.investmentId(), i.receivedOn(), i.round(),
                                   i.investor(), i.amount(), i.currency(), i.cnyRate(), i.amountCny(), i.status(),
                                   i.recordedAt(), i.actor(), i.original(), i.corrections(), total.toPlainString());
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
