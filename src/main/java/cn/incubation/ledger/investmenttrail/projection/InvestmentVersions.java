package cn.incubation.ledger.investmenttrail.projection;

import cn.incubation.ledger.investmenttrail.InvestmentChange;
import cn.incubation.ledger.investmenttrail.InvestmentStatus;
import cn.incubation.ledger.investmenttrail.InvestmentValues;
import cn.incubation.ledger.investmenttrail.TrailInvestment;
import cn.incubation.ledger.shared.Money;
import cn.incubation.ledger.tenant.Round;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The stored versions of one investment, and the investment they make as known at an instant. */
record InvestmentVersions(String tenantId, String incubatorId, String investmentId, List<Document> versions) {

    InvestmentVersions {
        versions = versions.stream().sorted(Comparator.comparingLong(v -> v.get("sequence", Number.class)
                                                                                .longValue()))
                           .toList();
    }

    /** Every investment of a stored tenant document. */
    static List<InvestmentVersions> of(Document tenant) {
        List<InvestmentVersions> investments = new ArrayList<>();
        Document stored = tenant.get("investments", new Document());
        for (String investmentId : stored.keySet()) {
            List<Document> versions = new ArrayList<>();
            stored.get(investmentId, Document.class).values().forEach(v -> versions.add((Document) v));
            investments.add(new InvestmentVersions(tenant.getString("_id"), tenant.getString("incubatorId"),
                                                   investmentId, versions));
        }
        return investments;
    }

    /**
     * The investment as the ledger knew it at {@code knownAt}: the versions recorded by then, applied in the order the
     * tenant recorded them; empty when its receipt was recorded later. The running total is left for the trail.
     */
    Optional<TrailInvestment> knownAt(Instant knownAt) {
        List<Document> known = versions.stream().filter(v -> !recordedAt(v).isAfter(knownAt)).toList();
        if (known.isEmpty() || !"RECEIVED".equals(known.get(0).getString("kind"))) {
            return Optional.empty();
        }
        Document first = known.get(0);
        InvestmentValues original = values(first);
        InvestmentValues current = original;
        InvestmentStatus status = InvestmentStatus.ACTIVE;
        List<InvestmentChange> changes = new ArrayList<>();
        for (Document version : known.subList(1, known.size())) {
            InvestmentValues values = null;
            if ("CORRECTED".equals(version.getString("kind"))) {
                values = values(version);
                current = values;
                status = InvestmentStatus.CORRECTED;
            } else {
                status = InvestmentStatus.RETRACTED;
            }
            changes.add(new InvestmentChange(values == null ? InvestmentStatus.RETRACTED : InvestmentStatus.CORRECTED,
                                             recordedAt(version), version.getString("actor"),
                                             version.getString("reason"), values));
        }
        return Optional.of(new TrailInvestment(tenantId, incubatorId, investmentId, current.receivedOn(),
                                               current.round(), current.investor(), current.amount(),
                                               current.currency(), current.cnyRate(), current.amountCny(), status,
                                               recordedAt(first), first.getString("actor"), original,
                                               List.copyOf(changes), null));
    }

    private static InvestmentValues values(Document version) {
        BigDecimal amount = new BigDecimal(version.getString("amount"));
        BigDecimal cnyRate = new BigDecimal(version.getString("cnyRate"));
        return new InvestmentValues(LocalDate.parse(version.getString("receivedOn")),
                                    Round.valueOf(version.getString("round")), version.getString("investor"),
                                    version.getString("amount"), version.getString("currency"),
                                    version.getString("cnyRate"), Money.amountCny(amount, cnyRate).toPlainString());
    }

    private static Instant recordedAt(Document version) {
        return Instant.parse(version.getString("recordedAt"));
    }
}
