package cn.incubation.ledger.directory.projection;

import cn.incubation.ledger.directory.CarrierList;
import cn.incubation.ledger.directory.CarrierRow;
import cn.incubation.ledger.directory.CarrierTenants;
import cn.incubation.ledger.directory.Directory;
import cn.incubation.ledger.directory.FindCarrierTenants;
import cn.incubation.ledger.directory.FindCarriers;
import cn.incubation.ledger.directory.FindInvestors;
import cn.incubation.ledger.directory.FindTenants;
import cn.incubation.ledger.directory.InvestorList;
import cn.incubation.ledger.directory.InvestorRow;
import cn.incubation.ledger.directory.Paging;
import cn.incubation.ledger.directory.Sort;
import cn.incubation.ledger.directory.TenantRow;
import cn.incubation.ledger.directory.TenantSearch;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.region.Region;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.shared.LedgerRejection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Answers the lists from the directory projection by key lookups only: a region's division documents
 * ({@code _id $in} the divisions that roll up into it), a carrier's document, a credit code's and then its tenants'
 * documents, the investor documents; names through {@link NameSearch}. Filters, sorting and paging are in memory.
 */
@Component
class MongoDirectory implements Directory {

    private static final int LOOKUP_CHUNK = 1_000;

    private final ProjectionService projections;
    private final RegionCatalog regions;
    private final Clock clock;
    private final NameSearch names;
    /** The division codes (any level) whose carriers a region lists, worked out once per region. */
    private final Map<String, List<String>> divisionsIn = new ConcurrentHashMap<>();

    MongoDirectory(ProjectionService projections, RegionCatalog regions, Clock clock) {
        this.projections = projections;
        this.regions = regions;
        this.clock = clock;
        this.names = new NameSearch(this::collection);
    }

    @Override
    public CarrierList carriers(FindCarriers query) {
        Region region = regions.find(query.region()).orElseThrow(() -> LedgerRejection.invalid(
                "region", query.region(), "must be a code of the region catalog (GET /api/regions)"));
        boolean withCounts = !query.asOf().isBefore(today());
        if (!withCounts && query.sort().field().equals("tenants")) {
            throw LedgerRejection.invalid("sort", query.sort().field(), "tenants in incubation are counted as of "
                    + "today only: leave asOf out, or sort by name, openedOn or floorArea");
        }
        String text = query.text() == null ? null : NameKey.of(query.text());
        List<CarrierRow> rows = new ArrayList<>();
        for (Document division : byIds(DirectoryProjection.DIVISIONS, divisions(region.code()))) {
            String code = division.getString("_id");
            String regionName = regions.find(code).map(Region::nameZh).orElse(null);
            for (Map.Entry<String, Object> entry : division.get("c", new Document()).entrySet()) {
                if (query.onlyCarriers() != null && !query.onlyCarriers().contains(entry.getKey())) {
                    continue;
                }
                CarrierRow row = StoredRows.carrier(entry.getKey(), (Document) entry.getValue(), code, regionName,
                                                    query.asOf(), withCounts);
                if (row != null && (query.kinds().isEmpty() || query.kinds().contains(row.kind()))
                        // An immutable set refuses contains(null): an unaccredited carrier matches no level asked.
                        && (query.levels().isEmpty() || row.level() != null && query.levels().contains(row.level()))
                        && (query.status() == null || query.status() == row.status())
                        && (text == null || NameKey.of(row.name()).contains(text))) {
                    rows.add(row);
                }
            }
        }
        rows.sort(carrierOrder(query.sort()));
        return new CarrierList(region.code(), region.nameZh(), query.asOf(), withCounts ? today() : null,
                               rows.size(), query.page(), query.size(), Paging.page(rows, query.page(), query.size()),
                               query.onlyCarriers());
    }

    @Override
    public CarrierTenants tenantsOf(FindCarrierTenants query) {
        Document carrier = collection(DirectoryProjection.CARRIERS).find(Filters.eq("_id", query.incubatorId()))
                                                                   .first();
        if (carrier == null || carrier.getString("region") == null) {
            throw LedgerRejection.notFound("incubatorId", query.incubatorId(), "no incubator with this id is in the "
                    + "ledger");
        }
        List<TenantRow> rows = new ArrayList<>();
        carrier.get("t", new Document()).forEach((tenantId, stored) -> {
            TenantRow row = StoredRows.tenant(tenantId, query.incubatorId(), (Document) stored, query.asOf());
            if (row != null && (query.status() == null || query.status() == row.status())) {
                rows.add(row);
            }
        });
        rows.sort(tenantOrder(query.sort()));
        return new CarrierTenants(query.incubatorId(), query.asOf(), query.status(), rows.size(), query.page(),
                                  query.size(), Paging.page(rows, query.page(), query.size()));
    }

    @Override
    public TenantSearch tenants(FindTenants query) {
        LocalDate today = today();
        if (query.namePrefix() != null) {
            return names.find(query, today);
        }
        String code = new CreditCode(query.creditCode()).value();
        Document incubations = collection(DirectoryProjection.CREDIT_CODES).find(Filters.eq("_id", code)).first();
        List<String> ids = incubations == null ? List.of()
                : new ArrayList<>(incubations.get("t", new Document()).keySet());
        List<TenantRow> rows = new ArrayList<>();
        for (Document tenant : byIds(DirectoryProjection.TENANTS, ids)) {
            TenantRow row = StoredRows.tenant(tenant.getString("_id"), tenant.getString("i"), tenant, today);
            if (row != null && (query.onlyCarriers() == null || query.onlyCarriers().contains(row.incubatorId()))) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(TenantRow::admittedOn).thenComparing(TenantRow::tenantId));
        return new TenantSearch(code, null, today, rows.size(), rows.size(), query.page(), query.size(),
                                Paging.page(rows, query.page(), query.size()), query.onlyCarriers());
    }

    @Override
    public InvestorList investors(FindInvestors query) {
        String key = query.prefix() == null ? null : NameKey.of(query.prefix());
        List<String> shards = key == null
                ? IntStream.range(0, DirectoryProjection.INVESTOR_SHARDS).mapToObj(i -> "i" + i).toList()
                : List.of(DirectoryProjection.investorShard(key));
        List<InvestorRow> rows = new ArrayList<>();
        for (Document shard : byIds(DirectoryProjection.INVESTORS, shards)) {
            shard.get("v", new Document()).forEach((field, value) -> {
                String name = FieldNames.decode(field);
                Document totals = (Document) value;
                int count = totals.get("n", Number.class).intValue();
                if (count > 0 && (key == null || NameKey.of(name).startsWith(key))
                        && (query.onlyInvestors() == null || query.onlyInvestors().contains(name))) {
                    rows.add(new InvestorRow(name, count, yuan(totals.get("y"))));
                }
            });
        }
        rows.sort(investorOrder(query.sort()));
        return new InvestorList(query.prefix(), rows.size(), query.page(), query.size(),
                                Paging.page(rows, query.page(), query.size()), query.onlyInvestors());
    }

    private static BigDecimal yuan(Object fen) {
        BigDecimal sum = fen instanceof Decimal128 d ? d.bigDecimalValue() : BigDecimal.valueOf(((Number) fen)
                                                                                                      .longValue());
        return sum.movePointLeft(2).setScale(2);
    }

    private static Comparator<CarrierRow> carrierOrder(Sort sort) {
        Comparator<CarrierRow> order = switch (sort.field()) {
            case "name" -> Comparator.comparing(row -> NameKey.of(row.name()));
            case "openedOn" -> Comparator.comparing(CarrierRow::openedOn);
            case "floorArea" -> Comparator.comparing(CarrierRow::floorAreaM2,
                                                     Comparator.nullsFirst(Comparator.naturalOrder()));
            case "tenants" -> Comparator.comparing(CarrierRow::tenantsInIncubation);
            default -> throw new IllegalArgumentException("no carrier sort " + sort.field());
        };
        return (sort.descending() ? order.reversed() : order).thenComparing(CarrierRow::id);
    }

    static Comparator<TenantRow> tenantOrder(Sort sort) {
        Comparator<TenantRow> order = switch (sort.field()) {
            case "name" -> Comparator.comparing(row -> NameKey.of(row.name()));
            case "admittedOn" -> Comparator.comparing(TenantRow::admittedOn);
            // Those still in incubation have no end: last either way.
            case "endedOn" -> Comparator.comparing(TenantRow::endedOn, sort.descending()
                    ? Comparator.nullsFirst(Comparator.naturalOrder()) : Comparator.nullsLast(Comparator.naturalOrder()));
            default -> throw new IllegalArgumentException("no tenant sort " + sort.field());
        };
        return (sort.descending() ? order.reversed() : order).thenComparing(TenantRow::tenantId);
    }

    private static Comparator<InvestorRow> investorOrder(Sort sort) {
        Comparator<InvestorRow> order = switch (sort.field()) {
            case "name" -> Comparator.comparing(row -> NameKey.of(row.name()));
            case "investments" -> Comparator.comparingInt(InvestorRow::investments);
            case "amountCny" -> Comparator.comparing(InvestorRow::amountCny);
            default -> throw new IllegalArgumentException("no investor sort " + sort.field());
        };
        return (sort.descending() ? order.reversed() : order).thenComparing(InvestorRow::name);
    }

    /** Every division code whose records count towards the region, its own included. */
    private List<String> divisions(String region) {
        return divisionsIn.computeIfAbsent(region, r -> regions.all().stream().filter(Region::isDivision)
                                                              .map(Region::code)
                                                              .filter(code -> regions.rollUps(code).contains(r))
                                                              .toList());
    }

    /** The documents with these ids, by {@code _id $in}, a thousand ids per query. */
    private List<Document> byIds(String collection, List<String> ids) {
        List<Document> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += LOOKUP_CHUNK) {
            collection(collection).find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + LOOKUP_CHUNK))))
                                  .into(found);
        }
        return found;
    }

    private MongoCollection<Document> collection(String base) {
        return projections.collection(DirectoryProjection.NAME, base);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
