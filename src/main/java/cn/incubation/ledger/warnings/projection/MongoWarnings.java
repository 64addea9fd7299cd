package cn.incubation.ledger.warnings.projection;

import cn.incubation.ledger.incubationrules.IncubationRules;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.region.Region;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.warnings.Warning;
import cn.incubation.ledger.warnings.WarningList;
import cn.incubation.ledger.warnings.Warnings;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers warnings from the warnings projection by key lookups only: a carrier's one document; a region's division
 * documents ({@code _id $in} the divisions that roll up into it) and then its carriers' documents, a thousand ids per
 * query. Every carrier is judged in memory, and a region's list is its carriers' lists put together.
 */
@Component
class MongoWarnings implements Warnings {

    private static final int LOOKUP_CHUNK = 1_000;
    private static final Comparator<Warning> ORDER = Comparator
            .comparing(Warning::carrierId)
            .thenComparing(Warning::tenantId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Warning::code);

    private final ProjectionService projections;
    private final RegionCatalog regions;
    private final IncubationRules rules;
    private final WarningJudge judge;

    MongoWarnings(ProjectionService projections, RegionCatalog regions, IncubationRules rules) {
        this.projections = projections;
        this.regions = regions;
        this.rules = rules;
        this.judge = new WarningJudge(rules);
    }

    @Override
    public WarningList ofCarrier(String incubatorId, LocalDate asOf, Instant knownAt, int page, int size) {
        Document doc = carriers().find(Filters.eq("_id", incubatorId)).first();
        CarrierRecord carrier = doc == null ? null : CarrierRecord.of(doc);
        if (carrier == null) {
            throw LedgerRejection.notFound("incubatorId", incubatorId, "no incubator with this id is in the ledger");
        }
        if (carrier.registeredAt().isAfter(knownAt)) {
            throw LedgerRejection.notFound("incubatorId", incubatorId, "the incubator's registration was recorded "
                    + "after knownAt (" + knownAt + ")");
        }
        return page("carrier", incubatorId, asOf, knownAt, judge.judge(carrier, asOf, knownAt), page, size, null);
    }

    @Override
    public WarningList ofRegion(String regionCode, LocalDate asOf, Instant knownAt, int page, int size) {
        regions.require(regionCode);
        List<String> divisions = regions.all().stream().filter(Region::isDivision).map(Region::code)
                                        .filter(code -> regions.rollUps(code).contains(regionCode)).toList();
        List<String> carrierIds = new ArrayList<>();
        MongoCollection<Document> index = projections.collection(WarningsProjection.NAME,
                                                                 WarningsProjection.DIVISIONS);
        for (List<String> chunk : chunks(divisions)) {
            for (Document division : index.find(Filters.in("_id", chunk))) {
                for (Map.Entry<String, Object> carrier : division.get("c", new Document()).entrySet()) {
                    if (!RecordTime.parse((String) carrier.getValue()).isAfter(knownAt)) {
                        carrierIds.add(carrier.getKey());
                    }
                }
            }
        }
        List<Warning> warnings = new ArrayList<>();
        for (List<String> chunk : chunks(carrierIds)) {
            for (Document doc : carriers().find(Filters.in("_id", chunk))) {
                CarrierRecord carrier = CarrierRecord.of(doc);
                if (carrier != null) {
                    warnings.addAll(judge.judge(carrier, asOf, knownAt));
                }
            }
        }
        return page("region", regionCode, asOf, knownAt, warnings, page, size, regions.partialMembers(regionCode));
    }

    private WarningList page(String scope, String id, LocalDate asOf, Instant knownAt, List<Warning> all, int page,
                             int size, Set<String> partialMembers) {
        List<Warning> sorted = new ArrayList<>(all);
        sorted.sort(ORDER);
        long from = Math.min((long) page * size, sorted.size());
        List<Warning> onPage = List.copyOf(sorted.subList((int) from, (int) Math.min(from + size, sorted.size())));
        return new WarningList(scope, id, asOf, knownAt, rules.appliedOn(asOf), sorted.size(), page, size, onPage,
                               partialMembers);
    }

    private MongoCollection<Document> carriers() {
        return projections.collection(WarningsProjection.NAME, WarningsProjection.CARRIERS);
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += LOOKUP_CHUNK) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + LOOKUP_CHUNK)));
        }
        return chunks;
    }
}
