package cn.incubation.ledger.directory.projection;

import cn.incubation.ledger.incubator.IncubatorEvent.FloorAreaChanged;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorAccredited;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorClosed;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRegistered;
import cn.incubation.ledger.projector.Projection;
import cn.incubation.ledger.projector.ProjectionBatch;
import cn.incubation.ledger.projector.ProjectionBatch.DocumentUpdate;
import cn.incubation.ledger.projector.ProjectionStore;
import cn.incubation.ledger.shared.Decimals;
import cn.incubation.ledger.shared.Money;
import cn.incubation.ledger.tenant.TenantEvent;
import cn.incubation.ledger.tenant.TenantEvent.CompanyRegistered;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentCorrected;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentReceived;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentRetracted;
import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import cn.incubation.ledger.tenant.TenantEvent.TenantGraduated;
import cn.incubation.ledger.tenant.TenantEvent.TenantWithdrawn;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The lists and searches of carriers, tenants and investors, as documents whose ids a query can work out:
 * <ul>
 *   <li>{@code directory_divisions}, {@code _id} = division code: each carrier registered there under
 *       {@code c.<incubatorId>} (name, kind, opening, closure, floor areas and levels with their dates, and its
 *       companies and teams in incubation now), so a region's carriers are one {@code _id $in} over its divisions;
 *   <li>{@code directory_carriers}, {@code _id} = incubatorId: its division, and each tenant it ever had under
 *       {@code t.<tenantId>} (names, credit code, admission, registration and end dates);
 *   <li>{@code directory_tenants}, {@code _id} = tenantId: the same row, and each investment's investor and amount;
 *   <li>{@code directory_credit_codes}, {@code _id} = credit code: the tenants (incubations) of the company;
 *   <li>{@code directory_names}, {@code _id} = the beginning of a name ({@link NameIndex});
 *   <li>{@code directory_investors}, {@code _id} = {@code i} and the first character of the investor's name key modulo
 *       16: each investor's count and sum in fen as they stand now.
 * </ul>
 * Counts of tenants in incubation and of investments are as of now, kept by increments. What they depend on across
 * events (a tenant's team and end, an investment's investor and amount, a carrier's division, the names under a
 * beginning) the handler remembers, reading it back when it did not write it itself; so the projection has one
 * segment.
 */
@ProcessingGroup(DirectoryProjection.NAME)
class DirectoryProjection {

    static final String NAME = "directory";
    static final String DIVISIONS = "directory_divisions";
    static final String CARRIERS = "directory_carriers";
    static final String TENANTS = "directory_tenants";
    static final String CREDIT_CODES = "directory_credit_codes";
    static final String NAMES = "directory_names";
    static final String INVESTORS = "directory_investors";
    /** Investor documents: a query by name reads one, a list of all of them these few. */
    static final int INVESTOR_SHARDS = 16;

    /** What the handler remembers of one tenant. */
    private static final class TenantMemo {
        String incubatorId;
        String teamKey;
        boolean team;
        boolean ended;
        final Map<String, InvestmentMemo> investments = new HashMap<>();
    }

    private record InvestmentMemo(String investor, long fen, boolean retracted) {
    }

    private final MongoCollection<Document> carrierDocs;
    private final MongoCollection<Document> tenantDocs;
    /** Whether this handler opened the generation empty, so that what it has not written does not exist. */
    private final boolean complete;
    private final Map<String, String> divisions = new HashMap<>();
    private final Map<String, TenantMemo> tenants = new HashMap<>();
    private final NameIndex names;

    DirectoryProjection(ProjectionStore store) {
        carrierDocs = store.collection(CARRIERS);
        tenantDocs = store.collection(TENANTS);
        MongoCollection<Document> nameDocs = store.collection(NAMES);
        complete = carrierDocs.estimatedDocumentCount() == 0 && tenantDocs.estimatedDocumentCount() == 0
                   && nameDocs.estimatedDocumentCount() == 0;
        names = new NameIndex(NameIndex.KEPT, complete ? null : beginning -> nameDocs.find(Filters.eq("_id", beginning)).first());
    }

    @EventHandler
    void on(IncubatorRegistered registered, DomainEventMessage<?> event, ProjectionBatch batch) {
        divisions.put(registered.incubatorId(), registered.regionCode());
        batch.document(CARRIERS, registered.incubatorId()).set("region", registered.regionCode());
        divisionDoc(registered.regionCode(), batch)
                .set(field(registered.incubatorId(), "n"), registered.name())
                .set(field(registered.incubatorId(), "k"), registered.kind().name())
                .set(field(registered.incubatorId(), "o"), registered.openedOn().toString())
                .set(field(registered.incubatorId(), "a.v" + event.getSequenceNumber()),
                     dated(registered.openedOn(), area(registered.floorAreaM2())));
    }

    @EventHandler
    void on(IncubatorAccredited accredited, DomainEventMessage<?> event, ProjectionBatch batch) {
        String division = divisionOf(accredited.incubatorId());
        if (division != null) {
            divisionDoc(division, batch)
                    .set(field(accredited.incubatorId(), "l.v" + event.getSequenceNumber()),
                         dated(accredited.accreditedOn(), accredited.level().name()));
        }
    }

    @EventHandler
    void on(FloorAreaChanged changed, DomainEventMessage<?> event, ProjectionBatch batch) {
        String division = divisionOf(changed.incubatorId());
        if (division != null) {
            divisionDoc(division, batch)
                    .set(field(changed.incubatorId(), "a.v" + event.getSequenceNumber()),
                         dated(changed.changedOn(), area(changed.floorAreaM2())));
        }
    }

    @EventHandler
    void on(IncubatorClosed closed, ProjectionBatch batch) {
        String division = divisionOf(closed.incubatorId());
        if (division != null) {
            divisionDoc(division, batch).set(field(closed.incubatorId(), "x"),
                                                               closed.closedOn().toString());
        }
    }

    @EventHandler
    void on(TenantAdmitted admitted, ProjectionBatch batch) {
        String tenantId = admitted.tenantId();
        Document row = new Document("cn", admitted.companyName()).append("tn", admitted.teamName())
                .append("cc", admitted.creditCode()).append("ad", admitted.admittedOn().toString());
        row.values().removeIf(v -> v == null);
        DocumentUpdate tenant = batch.document(TENANTS, tenantId).set("i", admitted.incubatorId());
        DocumentUpdate carrier = batch.document(CARRIERS, admitted.incubatorId());
        row.forEach((f, v) -> {
            tenant.set(f, v);
            carrier.set("t." + tenantId + "." + f, v);
        });
        if (admitted.creditCode() != null) {
            batch.document(CREDIT_CODES, admitted.creditCode()).set("t." + tenantId, true);
        }
        TenantMemo memo = new TenantMemo();
        memo.incubatorId = admitted.incubatorId();
        memo.team = admitted.isTeam();
        memo.teamKey = admitted.isTeam() ? NameKey.of(admitted.teamName()) : null;
        tenants.put(tenantId, memo);
        count(admitted, memo.team ? "tt" : "tc", 1, batch);
        names.add(tenantId, NameKey.of(admitted.isTeam() ? admitted.teamName() : admitted.companyName()),
                  beginning -> false, batch);
    }

    /** From its registration the team is its company: counted as one, and found by the company's name and code. */
    @EventHandler
    void on(CompanyRegistered registered, ProjectionBatch batch) {
        String tenantId = registered.tenantId();
        Map<String, String> row = Map.of("cn", registered.companyName(), "cc", registered.creditCode(),
                                         "rd", registered.registeredOn().toString());
        DocumentUpdate tenant = batch.document(TENANTS, tenantId);
        DocumentUpdate carrier = batch.document(CARRIERS, registered.incubatorId());
        row.forEach((f, v) -> {
            tenant.set(f, v);
            carrier.set("t." + tenantId + "." + f, v);
        });
        batch.document(CREDIT_CODES, registered.creditCode()).set("t." + tenantId, true);
        TenantMemo memo = tenant(tenantId);
        if (memo == null) {
            return;
        }
        if (memo.team && !memo.ended) {
            count(registered, "tt", -1, batch);
            count(registered, "tc", 1, batch);
        }
        memo.team = false;
        String key = NameKey.of(registered.companyName());
        if (!key.equals(memo.teamKey)) {
            String teamKey = memo.teamKey == null ? "" : memo.teamKey;
            names.add(tenantId, key, teamKey::startsWith, batch);
        }
    }

    @EventHandler
    void on(TenantGraduated graduated, ProjectionBatch batch) {
        ended(graduated, graduated.graduatedOn(), "GRADUATED", batch);
    }

    @EventHandler
    void on(TenantWithdrawn withdrawn, ProjectionBatch batch) {
        ended(withdrawn, withdrawn.withdrawnOn(), "WITHDRAWN", batch);
    }

    @EventHandler
    void on(InvestmentReceived received, ProjectionBatch batch) {
        invested(received, received.investmentId(), new InvestmentMemo(
                received.investor(), fen(received.amount(), received.cnyRate()), false), batch);
    }

    @EventHandler
    void on(InvestmentCorrected corrected, ProjectionBatch batch) {
        invested(corrected, corrected.investmentId(), new InvestmentMemo(
                corrected.investor(), fen(corrected.amount(), corrected.cnyRate()), false), batch);
    }

    @EventHandler
    void on(InvestmentRetracted retracted, ProjectionBatch batch) {
        TenantMemo memo = tenant(retracted.tenantId());
        InvestmentMemo before = memo == null ? null : memo.investments.get(retracted.investmentId());
        if (before != null) {
            invested(retracted, retracted.investmentId(), new InvestmentMemo(before.investor(), before.fen(), true),
                     batch);
        }
    }

    private void ended(TenantEvent end, LocalDate endedOn, String status, ProjectionBatch batch) {
        String tenantId = end.tenantId();
        batch.document(TENANTS, tenantId).set("ed", endedOn.toString()).set("es", status);
        batch.document(CARRIERS, end.incubatorId()).set("t." + tenantId + ".ed", endedOn.toString())
             .set("t." + tenantId + ".es", status);
        TenantMemo memo = tenant(tenantId);
        if (memo != null && !memo.ended) {
            count(end, memo.team ? "tt" : "tc", -1, batch);
            memo.ended = true;
        }
    }

    /** The investment now counts for its investor with its amount; what it counted for before, no longer. */
    private void invested(TenantEvent fact, String investmentId, InvestmentMemo now, ProjectionBatch batch) {
        TenantMemo memo = tenant(fact.tenantId());
        if (memo == null) {
            return;
        }
        InvestmentMemo before = memo.investments.put(investmentId, now);
        if (before != null && !before.retracted()) {
            investor(before.investor(), -1, -before.fen(), batch);
        }
        if (!now.retracted()) {
            investor(now.investor(), 1, now.fen(), batch);
        }
        batch.document(TENANTS, fact.tenantId()).set("inv." + investmentId, new Document("i", now.investor())
                .append("f", now.fen()).append("r", now.retracted()));
    }

    private static void investor(String name, int count, long fen, ProjectionBatch batch) {
        String field = "v." + FieldNames.encode(name);
        batch.document(INVESTORS, investorShard(NameKey.of(name))).inc(field + ".n", count)
             .incDecimal(field + ".y", fen);
    }

    /** The investor document that holds names with this key: by its first character. */
    static String investorShard(String key) {
        return "i" + key.codePointAt(0) % INVESTOR_SHARDS;
    }

    private void count(TenantEvent fact, String counter, int delta, ProjectionBatch batch) {
        String division = divisionOf(fact.incubatorId());
        if (division != null) {
            divisionDoc(division, batch).inc(field(fact.incubatorId(), counter), delta);
        }
    }

    private static DocumentUpdate divisionDoc(String division, ProjectionBatch batch) {
        return batch.document(DIVISIONS, division);
    }

    private static String field(String incubatorId, String name) {
        return "c." + incubatorId + "." + name;
    }

    private static String dated(LocalDate on, String value) {
        return on + "|" + value;
    }

    private static String area(BigDecimal squareMetres) {
        return Decimals.sane("floorAreaM2", squareMetres).toPlainString();
    }

    private static long fen(BigDecimal amount, BigDecimal cnyRate) {
        return Money.amountCny(Decimals.sane("amount", amount), Decimals.sane("cnyRate", cnyRate)).movePointRight(2)
                    .longValueExact();
    }

    /** The division a carrier was registered in; null for one whose registration never reached the projection. */
    private String divisionOf(String incubatorId) {
        String division = divisions.get(incubatorId);
        if (division == null && !complete) {
            Document doc = carrierDocs.find(Filters.eq("_id", incubatorId)).first();
            division = doc == null ? null : doc.getString("region");
            if (division != null) {
                divisions.put(incubatorId, division);
            }
        }
        return division;
    }

    /** What the handler knows of a tenant; null for one whose admission never reached the projection. */
    private TenantMemo tenant(String tenantId) {
        TenantMemo memo = tenants.get(tenantId);
        if (memo == null && !complete) {
            Document doc = tenantDocs.find(Filters.eq("_id", tenantId)).first();
            if (doc != null && doc.getString("ad") != null) {
                TenantMemo read = new TenantMemo();
                read.incubatorId = doc.getString("i");
                read.teamKey = doc.getString("tn") == null ? null : NameKey.of(doc.getString("tn"));
                read.team = doc.getString("tn") != null && doc.getString("rd") == null;
                read.ended = doc.getString("ed") != null;
                doc.get("inv", new Document()).forEach((id, v) -> {
                    Document investment = (Document) v;
                    read.investments.put(id, new InvestmentMemo(investment.getString("i"),
                                                                investment.get("f", Number.class).longValue(),
                                                                investment.getBoolean("r", false)));
                });
                tenants.put(tenantId, read);
                memo = read;
            }
        }
        return memo;
    }

    /**
     * One segment: the handler remembers tenants, investments and names across aggregates. Everything but tenants and
     * credit codes changes all through the history, so a rebuild keeps it in memory and writes it once.
     */
    @Configuration(proxyBeanMethods = false)
    static class Definition {
        @Bean
        Projection directoryProjection() {
            return Projection.of(DirectoryProjection.class, DirectoryProjection::new, DIVISIONS, CARRIERS, TENANTS,
                                 CREDIT_CODES, NAMES, INVESTORS)
                             .keepingInMemory(DIVISIONS, CARRIERS, NAMES, INVESTORS);
        }
    }
}
