package cn.incubation.ledger.tenantstate.projection;

import cn.incubation.ledger.projector.RecordTime;
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
        for (Map.Entry<String, Object> entry : doc.get("facts", new Document()).entrySet()) {
            if (entry.getValue() instanceof String text) {
                facts.add(fromText(Long.parseLong(entry.getKey(), 1, entry.getKey().length(), 10), text));
            } else {
                Document fact = (Document) entry.getValue();
                facts.add(new Fact(fact.getString("type"), LocalDate.parse(fact.getString("occurredOn")),
                                   RecordTime.parse(fact.getString("recordedAt")),
                                   fact.get("sequence", Number.class).longValue(), fact));
            }
        }
        facts.sort(Comparator.comparingLong(Fact::sequence));
        return new TenantFacts(doc.getString("_id"), List.copyOf(facts));
    }

    /**
     * A fact other than the admission as one text, {@code type|occurredOn|recordedAt|value}: the kind of a grant or a
     * milestone, the employees of a headcount, nothing for a graduation or a withdrawal. A rebuild holds a hundred
     * thousand events' facts in memory before it writes them, and a document of five fields each was several objects
     * more for the garbage collector to copy. Facts stored as documents before read as they were.
     */
    static String text(String type, LocalDate occurredOn, String recordedAt, String value) {
        return type + "|" + occurredOn + "|" + recordedAt + "|" + value;
    }

    private static Fact fromText(long sequence, String text) {
        String[] parts = text.split("\\|", 4);
        Document fields = new Document();
        switch (parts[0]) {
            case "IpGranted", "MilestoneLogged" -> fields.append("kind", parts[3]);
            case "HeadcountReported" -> fields.append("employees", Integer.parseInt(parts[3]));
            default -> {
            }
        }
        return new Fact(parts[0], LocalDate.parse(parts[1]), RecordTime.parse(parts[2]), sequence, fields);
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
        Fact registration = byThen.stream().filter(f -> f.type().equals("CompanyRegistered")).findFirst()
                                  .orElse(null);
        Document company = registration == null ? who : registration.fields();
        return Optional.of(new TenantState(tenantId, who.getString("incubatorId"), company.getString("companyName"),
                                           company.getString("creditCode"), who.getString("teamName"),
                                           registration == null ? null : registration.occurredOn(),
                                           date(who.getString("foundedOn")),
                                           who.getString("sector"), admission.occurredOn(), status, graduatedOn,
                                           withdrawnOn,
                                           new IpHeld(ipTotal, byKind), headcount, milestones, investment, asOf,
                                           knownAt));
    }

    /** A stored date; null for none, and for an admission stored before version 2 kept founding dates. */
    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    private static LocalDate date(List<Fact> facts, String type) {
        return facts.stream().filter(f -> f.type().equals(type)).map(Fact::occurredOn).findFirst().orElse(null);
    }
}
