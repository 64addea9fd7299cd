package cn.incubation.ledger.incubatorstate.projection;

import cn.incubation.ledger.incubatorstate.IncubatorState;
import cn.incubation.ledger.incubatorstate.IncubatorStates;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.tenantstate.TenantStates;
import cn.incubation.ledger.tenantstate.TenantStatus;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Works a carrier's state out of its one document and the states of its tenants on the same two times, read
 * together in a few {@code _id $in} lookups however many tenants it has.
 */
@Component
class MongoIncubatorStates implements IncubatorStates {

    private final ProjectionService projections;
    private final TenantStates tenants;

    MongoIncubatorStates(ProjectionService projections, TenantStates tenants) {
        this.projections = projections;
        this.tenants = tenants;
    }

    @Override
    public IncubatorState get(String incubatorId, LocalDate asOf, Instant knownAt) {
        return getWithTenants(incubatorId, asOf, knownAt).state();
    }

    @Override
    public WithTenants getWithTenants(String incubatorId, LocalDate asOf, Instant knownAt) {
        Document doc = projections.collection(IncubatorStateProjection.NAME, IncubatorStateProjection.CARRIERS)
                                  .find(Filters.eq("_id", incubatorId)).first();
        Document factsDoc = doc == null ? null : doc.get("facts", Document.class);
        if (factsDoc == null) {
            throw LedgerRejection.notFound("incubatorId", incubatorId, "no incubator with this id is in the ledger");
        }
        List<Document> facts = new ArrayList<>();
        factsDoc.values().forEach(f -> {
            Document fact = (Document) f;
            if (!Instant.parse(fact.getString("recordedAt")).isAfter(knownAt)) {
                facts.add(fact);
            }
        });
        Document registered = facts.stream().filter(f -> f.getString("type").equals("IncubatorRegistered"))
                                   .findFirst().orElseThrow(() -> LedgerRejection.notFound(
                        "incubatorId", incubatorId, "the incubator's registration was recorded after knownAt ("
                                + knownAt + ")"));
        facts.sort(Comparator.comparing((Document f) -> LocalDate.parse(f.getString("occurredOn")))
                             .thenComparing(f -> f.get("sequence", Number.class).longValue()));
        LocalDate openedOn = LocalDate.parse(registered.getString("occurredOn"));
        String level = null;
        String area = registered.getString("floorAreaM2");
        int staff = registered.getInteger("staff");
        LocalDate closedOn = null;
        List<IncubatorState.AnnualRating> ratings = new ArrayList<>();
        for (Document fact : facts) {
            if (LocalDate.parse(fact.getString("occurredOn")).isAfter(asOf)) {
                continue;
            }
            switch (fact.getString("type")) {
                case "IncubatorAccredited" -> level = fact.getString("level");
                case "FloorAreaChanged" -> area = fact.getString("floorAreaM2");
                case "StaffReported" -> staff = fact.getInteger("staff");
                case "IncubatorClosed" -> closedOn = LocalDate.parse(fact.getString("occurredOn"));
                case "IncubatorRated" -> ratings.add(new IncubatorState.AnnualRating(fact.getInteger("year"),
                                                                                     fact.getString("rating")));
                default -> { }
            }
        }
        IncubatorState.Status status = asOf.isBefore(openedOn) ? IncubatorState.Status.NOT_YET_OPEN
                : closedOn != null ? IncubatorState.Status.CLOSED : IncubatorState.Status.OPEN;

        int inIncubation = 0;
        int graduated = 0;
        int ip = 0;
        long jobs = 0;
        int investments = 0;
        BigDecimal amountCny = BigDecimal.ZERO.setScale(2);
        Map<String, Integer> ipByKind = new TreeMap<>();
        Document tenantIds = doc.get("tenants", Document.class);
        List<String> known = new ArrayList<>();
        if (tenantIds != null) {
            tenantIds.forEach((tenantId, admissionRecordedAt) -> {
                if (!Instant.parse((String) admissionRecordedAt).isAfter(knownAt)) {
                    known.add(tenantId);
                }
            });
        }
        // Tenants the tenant-state projection has not reached yet are left out by getAll.
        List<TenantState> admitted = tenants.getAll(known, asOf, knownAt).stream()
                                            .filter(state -> state.status() != TenantStatus.NOT_YET_ADMITTED)
                                            .toList();
        for (TenantState state : admitted) {
            if (state.status() == TenantStatus.IN_INCUBATION) {
                inIncubation++;
                jobs += state.headcount() == null ? 0 : state.headcount().employees();
            }
            if (state.status() == TenantStatus.GRADUATED) {
                graduated++;
            }
            ip += state.ipHeld().total();
            state.ipHeld().byKind().forEach((kind, n) -> ipByKind.merge(kind.name(), n, Integer::sum));
            investments += state.investment().count();
            amountCny = amountCny.add(new BigDecimal(state.investment().amountCny()));
        }
        ratings.sort(Comparator.comparingInt(IncubatorState.AnnualRating::year));
        return new WithTenants(new IncubatorState(
                incubatorId, registered.getString("name"), registered.getString("kind"),
                registered.getString("regionCode"), registered.getString("operator"), openedOn, status,
                status == IncubatorState.Status.CLOSED ? closedOn : null, level, new BigDecimal(area), staff,
                List.copyOf(ratings), inIncubation, graduated, new IncubatorState.IpHeld(ip, ipByKind), jobs,
                new IncubatorState.Investment(investments, amountCny), asOf, knownAt), admitted);
    }
}
