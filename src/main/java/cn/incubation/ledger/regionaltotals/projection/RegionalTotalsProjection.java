package cn.incubation.ledger.regionaltotals.projection;

import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.incubator.IncubatorEvent.FloorAreaChanged;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorAccredited;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorClosed;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRegistered;
import cn.incubation.ledger.incubator.IncubatorEvent.StaffReported;
import cn.incubation.ledger.projector.Projection;
import cn.incubation.ledger.projector.ProjectionBatch;
import cn.incubation.ledger.projector.ProjectionStore;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Carrier;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Company;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Contribution;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Contributor;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Grant;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Incubation;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Investment;
import cn.incubation.ledger.regionaltotals.projection.Contributions.LevelPoint;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Point;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Step;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Tenant;
import cn.incubation.ledger.shared.Decimals;
import cn.incubation.ledger.shared.Money;
import cn.incubation.ledger.tenant.TenantEvent;
import cn.incubation.ledger.tenant.TenantEvent.CompanyRegistered;
import cn.incubation.ledger.tenant.TenantEvent.HeadcountReported;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentCorrected;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentReceived;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentRetracted;
import cn.incubation.ledger.tenant.TenantEvent.IpGranted;
import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import cn.incubation.ledger.tenant.TenantEvent.TenantGraduated;
import cn.incubation.ledger.tenant.TenantEvent.TenantWithdrawn;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Regional totals over both times. Each event updates the contribution of the carrier, tenant or company it concerns
 * (kept in {@code regional_entities}); the change is added, for every region the entity rolls up to, into documents
 * under computed ids in {@code regional_totals}:
 * <ul>
 *   <li>{@code R|y|2021} and {@code R|m|2021-03} (with per-day sums): the changes by business date, as known now;
 *   <li>{@code R|rm|2023-07}: the changes recorded in that month summed by business year, for totals as known at an
 *       earlier instant, with the list of the exact-change chunks that hold the month's records for R;
 *   <li>{@code R|rm|2023-07|2019}: the changes recorded in that month with business dates in that year, by date, so
 *       that a query as known at an earlier instant reads the dates of the years it asks about and sums for the rest;
 *   <li>{@code rx|2023-07-15|<chunk>}: each change recorded that day with its exact record time and the division it
 *       concerns, in chunks of a thousand events of the global order, for the month a {@code knownAt} instant falls
 *       in (shared by all regions).
 * </ul>
 * Every query reads documents whose ids it computes, so its cost does not grow with the number of events.
 */
@ProcessingGroup(RegionalTotalsProjection.NAME)
public class RegionalTotalsProjection {

    public static final String NAME = "regional-totals";
    static final String TOTALS = "regional_totals";
    static final String ENTITIES = "regional_entities";
    static final String META_ID = "meta";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final int CHUNK = 1000;

    private final RegionCatalog regions;
    private final ObjectMapper json;
    /** The entities this handler has read or written; a generation it opened empty has all it ever wrote here. */
    private final Map<String, Object> entities = new HashMap<>();
    /**
     * The field names of each metric and date seen, made once: a rebuild holds the increments of a hundred thousand
     * events in memory, and a name made anew for every step was a string of its own in every document it went to, for
     * the garbage collector to copy until the writes went out.
     */
    private final Map<Step, Fields> fields = new HashMap<>();
    /** The totals' document ids of each region, made once for the same reason. */
    private final Map<String, DocumentIds> documentIds = new HashMap<>();
    /** {@code 2023-07|2019}, the period of a record month's document for one business year, made once. */
    private final Map<String, Map<String, String>> recordMonthAndYear = new HashMap<>();
    private final MongoCollection<Document> entityCollection;
    /** A generation that starts empty has every entity it ever wrote in this cache, so a miss means "new". */
    private final boolean cacheIsComplete;
    private long firstRecorded;
    private long lastRecorded;

    private DocumentIds documentIds(String region) {
        return documentIds.computeIfAbsent(region, DocumentIds::new);
    }

    private String recordMonthAndYear(String recordMonth, String year) {
        return recordMonthAndYear.computeIfAbsent(recordMonth, m -> new HashMap<>())
                                 .computeIfAbsent(year, y -> recordMonth + "|" + y);
    }

    RegionalTotalsProjection(RegionCatalog regions, ObjectMapper objectMapper, ProjectionStore store) {
        this.regions = regions;
        this.json = objectMapper;
        entityCollection = store.collection(ENTITIES);
        cacheIsComplete = entityCollection.estimatedDocumentCount() == 0;
        Document meta = store.collection(TOTALS).find(Filters.eq("_id", META_ID)).first();
        firstRecorded = meta == null ? Long.MAX_VALUE : meta.get("firstRecorded", Number.class).longValue();
        lastRecorded = meta == null ? Long.MIN_VALUE : meta.get("lastRecorded", Number.class).longValue();
    }

    @EventHandler
    void on(IncubatorRegistered registered, EventMessage<?> event, ProjectionBatch batch) {
        Carrier carrier = new Carrier();
        carrier.region = registered.regionCode();
        carrier.kind = registered.kind().name();
        carrier.openedOn = registered.openedOn();
        carrier.floorAreaCm2.add(new Point(registered.openedOn(), cm2(registered.floorAreaM2())));
        carrier.staff.add(new Point(registered.openedOn(), registered.staff()));
        carrierChanged(registered, carrier, event, batch);
    }

    @EventHandler
    void on(IncubatorAccredited accredited, EventMessage<?> event, ProjectionBatch batch) {
        changeCarrier(accredited, event, batch,
                      carrier -> carrier.levels.add(new LevelPoint(accredited.accreditedOn(), accredited.level().name())));
    }

    @EventHandler
    void on(FloorAreaChanged changed, EventMessage<?> event, ProjectionBatch batch) {
        changeCarrier(changed, event, batch,
                      carrier -> carrier.floorAreaCm2.add(new Point(changed.changedOn(), cm2(changed.floorAreaM2()))));
    }

    @EventHandler
    void on(StaffReported reported, EventMessage<?> event, ProjectionBatch batch) {
        changeCarrier(reported, event, batch,
                      carrier -> carrier.staff.add(new Point(reported.reportedOn(), reported.staff())));
    }

    @EventHandler
    void on(IncubatorClosed closed, EventMessage<?> event, ProjectionBatch batch) {
        changeCarrier(closed, event, batch, carrier -> carrier.closedOn = closed.closedOn());
    }

    @EventHandler
    void on(TenantAdmitted admitted, EventMessage<?> event, ProjectionBatch batch) {
        Change change = change(event, batch);
        Tenant tenant = new Tenant();
        tenant.incubatorId = admitted.incubatorId();
        Carrier carrier = load("c|" + admitted.incubatorId(), Carrier.class);
        tenant.region = carrier == null ? null : carrier.region;
        tenant.creditCode = admitted.creditCode();
        tenant.team = admitted.isTeam();
        tenant.admittedOn = admitted.admittedOn();
        if (!tenant.team) {
            companyIncubated(admitted.creditCode(), admitted.tenantId(), admitted.admittedOn(), null, tenant.region,
                             change);
        }
        settle("t|" + admitted.tenantId(), tenant, tenant.contribute(), true, change);
        recorded(event, batch);
    }

    /** From its registration on, a team is its company: in incubation, and incubated once in each region. */
    @EventHandler
    void on(CompanyRegistered registered, EventMessage<?> event, ProjectionBatch batch) {
        String id = "t|" + registered.tenantId();
        Tenant tenant = load(id, Tenant.class);
        if (tenant == null) {
            return;
        }
        Change change = change(event, batch);
        tenant.creditCode = registered.creditCode();
        tenant.registeredOn = registered.registeredOn();
        // A team may register after its graduation was recorded (within its incubation): the company graduated too.
        companyIncubated(registered.creditCode(), registered.tenantId(), registered.registeredOn(),
                         tenant.graduated ? tenant.endedOn : null, tenant.region, change);
        settle(id, tenant, tenant.contribute(), true, change);
        recorded(event, batch);
    }

    @EventHandler
    void on(IpGranted granted, EventMessage<?> event, ProjectionBatch batch) {
        changeTenant(granted, event, batch,
                     tenant -> tenant.grants.add(new Grant(granted.grantedOn(), granted.kind().name(), granted.number())));
    }

    @EventHandler
    void on(InvestmentReceived received, EventMessage<?> event, ProjectionBatch batch) {
        changeTenant(received, event, batch, tenant -> tenant.investments.put(
                received.investmentId(), new Investment(received.receivedOn(),
                                                        fen(received.amount(), received.cnyRate()), false)));
    }

    @EventHandler
    void on(InvestmentCorrected corrected, EventMessage<?> event, ProjectionBatch batch) {
        changeTenant(corrected, event, batch, tenant -> tenant.investments.put(
                corrected.investmentId(), new Investment(corrected.receivedOn(),
                                                         fen(corrected.amount(), corrected.cnyRate()), false)));
    }

    @EventHandler
    void on(InvestmentRetracted retracted, EventMessage<?> event, ProjectionBatch batch) {
        changeTenant(retracted, event, batch, tenant -> {
            Investment recorded = tenant.investments.get(retracted.investmentId());
            if (recorded != null) {
                tenant.investments.put(retracted.investmentId(),
                                       new Investment(recorded.receivedOn(), recorded.fen(), true));
            }
        });
    }

    @EventHandler
    void on(HeadcountReported reported, EventMessage<?> event, ProjectionBatch batch) {
        changeTenant(reported, event, batch,
                     tenant -> tenant.headcounts.add(new Point(reported.reportedOn(), reported.employees())));
    }

    /** A graduation counts for the incubation, and for its company the first time it graduates in a region. */
    @EventHandler
    void on(TenantGraduated graduated, EventMessage<?> event, ProjectionBatch batch) {
        changeTenant(graduated, event, batch, tenant -> {
            tenant.endedOn = graduated.graduatedOn();
            tenant.graduated = true;
        });
        if (graduated.creditCode() == null) {
            return;
        }
        String id = "k|" + graduated.creditCode();
        Company company = load(id, Company.class);
        if (company != null && company.incubations.containsKey(graduated.tenantId())) {
            company.incubations.computeIfPresent(graduated.tenantId(), (t, i) -> i.graduated(graduated.graduatedOn()));
            settle(id, company, company.contribute(regions::rollUps), false, change(event, batch));
        }
    }

    @EventHandler
    void on(TenantWithdrawn withdrawn, EventMessage<?> event, ProjectionBatch batch) {
        changeTenant(withdrawn, event, batch, tenant -> tenant.endedOn = withdrawn.withdrawnOn());
    }

    /** Applies a later fact of a carrier registered before; a fact of a carrier never registered changes nothing. */
    private void changeCarrier(IncubatorEvent fact, EventMessage<?> event, ProjectionBatch batch,
                               Consumer<Carrier> change) {
        Carrier carrier = load("c|" + fact.incubatorId(), Carrier.class);
        if (carrier != null) {
            change.accept(carrier);
            carrierChanged(fact, carrier, event, batch);
        }
    }

    private void carrierChanged(IncubatorEvent fact, Carrier carrier, EventMessage<?> event, ProjectionBatch batch) {
        settle("c|" + fact.incubatorId(), carrier, carrier.contribute(), true, change(event, batch));
        recorded(event, batch);
    }

    /** Applies a later fact of a tenant admitted before; a fact of a tenant never admitted changes nothing. */
    private void changeTenant(TenantEvent fact, EventMessage<?> event, ProjectionBatch batch, Consumer<Tenant> change) {
        String id = "t|" + fact.tenantId();
        Tenant tenant = load(id, Tenant.class);
        if (tenant != null) {
            change.accept(tenant);
            settle(id, tenant, tenant.contribute(), true, change(event, batch));
            recorded(event, batch);
        }
    }

    private Change change(EventMessage<?> event, ProjectionBatch batch) {
        return new Change(batch, RecordTime.of(event), RecordTime.globalIndex(event), this);
    }

    /** Widens the span of record times the totals hold, which queries as known at an instant start from. */
    private void recorded(EventMessage<?> event, ProjectionBatch batch) {
        long millis = RecordTime.of(event).toEpochMilli();
        if (millis < firstRecorded || millis > lastRecorded) {
            firstRecorded = Math.min(firstRecorded, millis);
            lastRecorded = Math.max(lastRecorded, millis);
            batch.document(TOTALS, META_ID).set("firstRecorded", firstRecorded).set("lastRecorded", lastRecorded);
        }
    }

    private void companyIncubated(String creditCode, String tenantId, LocalDate from, LocalDate graduatedOn,
                                  String region, Change change) {
        String id = "k|" + creditCode;
        Company company = load(id, Company.class);
        if (company == null) {
            company = new Company();
        }
        company.incubations.put(tenantId, new Incubation(from, region, graduatedOn));
        settle(id, company, company.contribute(regions::rollUps), false, change);
    }

    private <T> T load(String id, Class<T> type) {
        Object cached = entities.get(id);
        if (cached != null || cacheIsComplete) {
            return type.cast(cached);
        }
        Document doc = entityCollection.find(Filters.eq("_id", id)).first();
        if (doc == null) {
            return null;
        }
        try {
            T entity = json.readValue(doc.getString("json"), type);
            entities.put(id, entity);
            return entity;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable regional totals entity " + id, e);
        }
    }

    /** Applies what changed in the entity's contribution, which is {@code next} from now on, and saves it. */
    private void settle(String id, Contributor entity, Map<Step, Long> next, boolean rollUp, Change change) {
        Map<Step, Long> difference = new LinkedHashMap<>();
        Contribution contribution = entity.contribution.followedBy(next, difference);
        change.apply(difference, rollUp);
        entity.contribution = contribution;
        save(id, entity, change.batch);
    }

    /** Serialised once per batch, when the batch is written, with the state the batch's last event left. */
    private void save(String id, Object entity, ProjectionBatch batch) {
        entities.put(id, entity);
        batch.document(ENTITIES, id).setLater("json", () -> {
            try {
                return json.writeValueAsString(entity);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write regional totals entity " + id, e);
            }
        });
    }

    /** The changes one event makes, written to every document that holds them. */
    private static final class Change {
        final ProjectionBatch batch;
        final String recordMonth;
        final String recordDay;
        final long recordMillis;
        final long chunk;
        /** The {@code rm} document's flag for the chunk that holds this event's exact changes. */
        final String chunkField;

        /** Field names and document ids made before (see {@code RegionalTotalsProjection#fields}). */
        final RegionalTotalsProjection names;

        Change(ProjectionBatch batch, Instant recordedAt, long globalIndex, RegionalTotalsProjection names) {
            this.batch = batch;
            this.names = names;
            LocalDate day = recordedAt.atZone(CHINA).toLocalDate();
            this.recordDay = day.toString();
            this.recordMonth = recordDay.substring(0, 7);
            this.recordMillis = recordedAt.toEpochMilli();
            this.chunk = Math.max(0, globalIndex) / CHUNK;
            this.chunkField = "x:" + recordDay.substring(8) + ":" + chunk;
        }

        /** Applies steps; a division's steps also count in every region above it. */
        void apply(Map<Step, Long> steps, boolean rollUp) {
            if (steps.isEmpty()) {
                return;
            }
            ProjectionBatch.DocumentUpdate exact = batch.document(TOTALS, "rx|" + recordDay + "|" + chunk);
            steps.forEach((step, delta) -> {
                String region = step.region();
                String metric = step.metric();
                boolean rollsUp = rollUp && names.regions.isKnown(region);
                Set<String> targets = rollsUp ? names.regions.rollUps(region) : Set.of(region);
                // The same fields in every target's documents: named once, not once per target or per event.
                Fields fields = names.fields.computeIfAbsent(new Step("", metric, step.date()), Fields::of);
                String recordMonthAndYear = names.recordMonthAndYear(recordMonth, fields.year());
                for (String target : targets) {
                    write(names.documentIds(target), fields, recordMonthAndYear, delta);
                }
                exact.push("e", String.join("|", region, rollsUp ? "1" : "0", fields.date(),
                                            Long.toString(recordMillis), metric, Long.toString(delta)));
            });
        }

        /**
         * Field names are flat ({@code d:15:jobs}, not nested documents): the embedded server copies a document
         * field by field on every update, and nesting multiplies that work.
         */
        private void write(DocumentIds ids, Fields fields, String recordMonthAndYear, long delta) {
            inc(batch.document(TOTALS, ids.year(fields.year())), fields, fields.total(), delta);
            inc(inc(batch.document(TOTALS, ids.month(fields.month())), fields, fields.total(), delta),
                fields, fields.day(), delta);
            inc(batch.document(TOTALS, ids.recordMonth(recordMonth)), fields, fields.byYear(), delta)
                    .set(chunkField, true);
            inc(batch.document(TOTALS, ids.recordMonthYear(recordMonthAndYear)), fields,
                fields.byDate(), delta);
        }

        /** Money and areas are summed as decimals, which no number of facts can make overflow. */
        private static ProjectionBatch.DocumentUpdate inc(ProjectionBatch.DocumentUpdate document, Fields fields,
                                                          String field, long delta) {
            return fields.exact() ? document.incDecimal(field, delta) : document.inc(field, delta);
        }
    }

    /** The totals' document ids of one region, {@code <region><kind><period>}, by kind and period, each made once. */
    private static final class DocumentIds {
        private final String region;
        private final Map<String, String> years = new HashMap<>();
        private final Map<String, String> months = new HashMap<>();
        private final Map<String, String> recordMonths = new HashMap<>();
        private final Map<String, String> recordMonthYears = new HashMap<>();

        DocumentIds(String region) {
            this.region = region;
        }

        String year(String year) {
            return of(years, "|y|", year);
        }

        String month(String month) {
            return of(months, "|m|", month);
        }

        String recordMonth(String recordMonth) {
            return of(recordMonths, "|rm|", recordMonth);
        }

        /** {@code recordMonthAndYear}: {@code 2023-07|2019}. */
        String recordMonthYear(String recordMonthAndYear) {
            return of(recordMonthYears, "|rm|", recordMonthAndYear);
        }

        private String of(Map<String, String> ids, String kind, String period) {
            String id = ids.get(period);
            if (id == null) {
                id = region + kind + period;
                ids.put(period, id);
            }
            return id;
        }
    }

    /**
     * One step's date, business year and month, and its fields: {@code t:<metric>} in the year and month documents,
     * {@code d:<day>:<metric>} in the month's, {@code s:<year>:<metric>} in the record month's and
     * {@code v:<date>:<metric>} in the record month's for that year.
     */
    private record Fields(String date, String year, String month, String total, String day, String byYear,
                          String byDate, boolean exact) {

        static Fields of(Step step) {
            String date = step.date().toString();
            String metric = step.metric();
            return new Fields(date, date.substring(0, 4), date.substring(0, 7), "t:" + metric,
                              "d:" + date.substring(8) + ":" + metric, "s:" + date.substring(0, 4) + ":" + metric,
                              "v:" + date + ":" + metric,
                              metric.equals(Metrics.INVESTMENT_FEN) || metric.equals(Metrics.FLOOR_AREA_CM2));
        }
    }

    /**
     * One segment: the entities of carriers, tenants and companies are read across aggregates. They change all through
     * the history, so a rebuild keeps them in memory and writes them once. Version 2 added teams, graduated companies
     * and IP held in incubation; version 3 split each record month's changes by business year.
     */
    @Configuration(proxyBeanMethods = false)
    static class Definition {
        @Bean
        Projection regionalTotalsProjection(RegionCatalog regions, ObjectMapper objectMapper) {
            return Projection.of(RegionalTotalsProjection.class,
                                 store -> new RegionalTotalsProjection(regions, objectMapper, store), TOTALS, ENTITIES)
                             .keepingInMemory(ENTITIES).atVersion(3);
        }
    }

    /** An investment in fen, rounded as {@link Money#amountCny} rounds it, so that totals and trails agree. */
    static long fen(BigDecimal amount, BigDecimal cnyRate) {
        return Money.amountCny(Decimals.sane("amount", amount), Decimals.sane("cnyRate", cnyRate)).movePointRight(2)
                    .longValueExact();
    }

    static long cm2(BigDecimal squareMetres) {
        return Decimals.sane("floorAreaM2", squareMetres).movePointRight(2).setScale(0, RoundingMode.HALF_EVEN)
                       .longValueExact();
    }
}
