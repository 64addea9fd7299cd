package cn.incubation.ledger.warnings.projection;

import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.projector.RecordTime;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the warnings projection keeps of one carrier, read back: its kind and region, its accreditations, ratings and
 * closure, and its tenants' admissions and ends, each with its business date and record time. Facts and tenants are
 * short texts ({@code type|date|recordedAt|value}; {@code admittedOn|recordedAt|foundedOn|T or C|sector};
 * {@code endedOn|recordedAt}): a region's carriers are read whole on every request.
 */
record CarrierRecord(String carrierId, CarrierKind kind, String regionCode, Instant registeredAt, List<Fact> facts,
                     List<TenantEntry> tenants) {

    static final String ACCREDITED = "A";
    static final String RATED = "R";
    static final String CLOSED = "C";

    /** An accreditation (value: the level), a rating (on its year's last day; value: the rating) or the closure. */
    record Fact(String type, LocalDate on, Instant recordedAt, long sequence, String value) {
    }

    /**
     * One incubation at the carrier: admitted on {@code admittedOn} (recorded at {@code admittedAt}) as a company
     * founded on {@code foundedOn} or as a team; ended on {@code endedOn} (recorded at {@code endedAt}), both null
     * until its graduation or withdrawal is recorded.
     */
    record TenantEntry(String tenantId, LocalDate admittedOn, Instant admittedAt, LocalDate foundedOn, boolean team,
                       String sector, LocalDate endedOn, Instant endedAt) {

        /** Whether, as known at {@code knownAt}, it was in incubation on {@code asOf}. */
        boolean inIncubation(LocalDate asOf, Instant knownAt) {
            if (admittedAt.isAfter(knownAt) || admittedOn.isAfter(asOf)) {
                return false;
            }
            return endedOn == null || endedAt.isAfter(knownAt) || endedOn.isAfter(asOf);
        }
    }

    static String fact(String type, LocalDate on, String recordedAt, String value) {
        return type + "|" + on + "|" + recordedAt + "|" + value;
    }

    static String admission(LocalDate admittedOn, String recordedAt, LocalDate foundedOn, boolean team, String sector) {
        return admittedOn + "|" + recordedAt + "|" + (foundedOn == null ? "" : foundedOn) + "|" + (team ? "T" : "C")
               + "|" + (sector == null ? "" : sector);
    }

    static String end(LocalDate endedOn, String recordedAt) {
        return endedOn + "|" + recordedAt;
    }

    /** The record in a stored document; null while the carrier's registration has not reached the projection. */
    static CarrierRecord of(Document doc) {
        Document registration = doc.get("reg", Document.class);
        if (registration == null) {
            return null;
        }
        List<Fact> facts = new ArrayList<>();
        for (Map.Entry<String, Object> entry : doc.get("f", new Document()).entrySet()) {
            String[] parts = ((String) entry.getValue()).split("\\|", 4);
            facts.add(new Fact(parts[0], LocalDate.parse(parts[1]), RecordTime.parse(parts[2]),
                               Long.parseLong(entry.getKey().substring(1)), parts[3]));
        }
        facts.sort(Comparator.comparing(Fact::on).thenComparingLong(Fact::sequence));
        List<TenantEntry> tenants = new ArrayList<>();
        for (Map.Entry<String, Object> entry : doc.get("t", new Document()).entrySet()) {
            Document tenant = (Document) entry.getValue();
            String admission = tenant.getString("a");
            if (admission == null) {
                // Its end reached the projection without its admission (a parked event): nothing to judge.
                continue;
            }
            String[] a = admission.split("\\|", 5);
            String end = tenant.getString("e");
            String[] e = end == null ? null : end.split("\\|", 2);
            tenants.add(new TenantEntry(entry.getKey(), LocalDate.parse(a[0]), RecordTime.parse(a[1]),
                                        a[2].isEmpty() ? null : LocalDate.parse(a[2]), a[3].equals("T"),
                                        a[4].isEmpty() ? null : a[4], e == null ? null : LocalDate.parse(e[0]),
                                        e == null ? null : RecordTime.parse(e[1])));
        }
        tenants.sort(Comparator.comparing(TenantEntry::tenantId));
        return new CarrierRecord(doc.getString("_id"), CarrierKind.valueOf(registration.getString("kind")),
                                 registration.getString("region"),
                                 RecordTime.parse(registration.getString("recordedAt")),
                                 List.copyOf(facts), List.copyOf(tenants));
    }
}
