package cn.incubation.ledger.tenantstate.projection;

import cn.incubation.ledger.tenant.IpKind;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.tenantstate.TenantState.Headcount;
import cn.incubation.ledger.tenantstate.TenantState.IpHeld;
import cn.incubation.ledger.tenantstate.TenantStatus;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tenant's stored facts, and the state they add up to on a date as known at an instant. */
record TenantFacts(String tenantId, List<Fact> facts) {

    /** One stored fact: its type, business date, record time, order within the tenant, and its own fields. */
    record Fact(String type, LocalDate occurredOn, Instant recordedAt, long sequence, Document fields) {
    }

    static TenantFacts of(Document doc) {
        List<Fact> facts = new ArrayList<>();
        for (Object value : doc.get("facts", new Document()).values()) {
            Document fact = (Document) value;
            facts.add(new Fact(fact.getString("type"), LocalDate.parse(fact.getString("occurredOn")),
                               Instant.parse(fact.getString("recordedAt")), fact.get("sequence", Number.class)
                                                                               .longValue(), fact));
        }
        facts.sort(Comparator.comparingLong(Fact::sequence));
        return new TenantFacts(doc.getString("_id"), List.copyOf(facts));
    }

    /**
     * The state on {@code asOf} from the facts recorded by {@code knownAt}; empty when the admission itself was not
     * recorded by then. The investment part is the caller's, from the investment trail.
     */
    Optional<TenantState> state(LocalDate asOf, Instant knownAt, TenantState.Investment investment) {
        List<Fact> known = facts.stream().filter(f -> !f.recordedAt().isAfter(knownAt)).toList();
        Fact admission = known.stream().filter(f -> f.type().equals("TenantAdmitted")).findFirst().orElse(null);
        if (admission == null) {
            return Optional.empty();
        }
        List<Fact> byThen = known.stream().filter(f -> !f.occurredOn().isAfter(asOf)).toList();
        LocalDate graduatedOn = date(byThen, "TenantGraduated");
        LocalDate withdrawnOn = date(byThen, "TenantWithdrawn");
        TenantStatus status = admission.occurredOn().isAfter(asOf) ? TenantStatus.NOT_YET_ADMITTED
                : graduatedOn != null ? TenantStatus.GRADUATED
                : withdrawnOn != null ? TenantStatus.WITHDRAWN
                : TenantStatus.IN_INCUBATION;

        Map<IpKind, Integer> byKind = new EnumMap<>(IpKind.class);
        byThen.stream().filter(f -> f.type().equals("IpGranted"))
              .forEach(f -> byKind.merge(IpKind.valueOf(f.fields().getString("kind")), 1, Integer::sum));
        int ipTotal = byKind.values().stream().mapToInt(Integer::intValue).sum();
        // The latest report by date; of two on the same day, the one recorded last.
        Headcount headcount = byThen.stream().filter(f -> f.type().equals("HeadcountReported"))
                                    .max(Comparator.comparing(Fact::occurredOn).thenComparingLong(Fact::sequence))
                                    .map(f -> new Headcount(f.fields().getInteger("employees"), f.occurredOn()))
                                    .orElse(null);
        int milestones = (int) byThen.stream().filter(f -> f.type().equals("MilestoneLogged")).count();

        Document who = admission.fields();
        return Optional.of(new TenantState(tenantId, who.getString("incubatorId"), who.getString("companyName"),
                                           who.getString("creditCode"), who.getString("sector"),
                                           admission.occurredOn(), status, graduatedOn, withdrawnOn,
                                           new IpHeld(ipTotal, byKind), headcount, milestones, investment, asOf,
                                           knownAt));
    }

    private static LocalDate date(List<Fact> facts, String type) {
        return facts.stream().filter(f -> f.type().equals(type)).map(Fact::occurredOn).findFirst().orElse(null);
    }
}
