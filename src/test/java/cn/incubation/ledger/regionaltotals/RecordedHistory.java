package cn.incubation.ledger.regionaltotals;

import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A history of carriers and tenants sent to a ledger through its HTTP API, and a model of every fact sent, which
 * computes each regional indicator straight from its definition in DOMAIN.md (not from dated steps, as the projection
 * does): the independent reckoning the totals are checked against. Each command goes to the ledger the supplier
 * gives at that moment, so a test may spread them over several nodes.
 */
public final class RecordedHistory {

    private final Supplier<LedgerHttp> ledger;
    private final BooleanSupplier caughtUp;
    private final Supplier<Instant> between;
    public final Model model;
    public final Map<String, Instant> checkpoints = new LinkedHashMap<>();
    public final Map<String, Integer> checkpointSteps = new LinkedHashMap<>();
    int codes;

    /**
     * @param caughtUp waits until the projections have applied everything sent so far; true when they have
     * @param between  an instant after every fact recorded so far and before every later one, from the clock that
     *                 stamps the ledger's events
     */
    public RecordedHistory(Supplier<LedgerHttp> ledger, RegionCatalog regions, BooleanSupplier caughtUp,
                           Supplier<Instant> between) {
        this.ledger = ledger;
        this.caughtUp = caughtUp;
        this.between = between;
        this.model = new Model(regions);
    }

    /**
     * {@code between} for ledgers stamped by the wall clock (separate processes share no other): now, once the
     * clock has left now's millisecond, the precision of stored timestamps, so that no later fact can share it.
     */
    public static Instant wallClockBetween() {
        Instant now = Instant.now();
        while (Instant.now().toEpochMilli() <= now.toEpochMilli()) {
            Thread.onSpinWait();
        }
        return now;
    }

    private LedgerHttp http() {
        return ledger.get();
    }

    /** Sends the whole history, with checkpoints {@code before-anything}, {@code first-load}, {@code corrections}
     * and {@code late-facts}. */
    public void record() {
        checkpoint("before-anything");

        carrier("wuhou-maker", "510107", "MAKER_SPACE", "2016-03-01", "1200.50", 6);
        carrier("jinjiang-inc", "510104", "INCUBATOR", "2017-01-10", "8000", 15);
        carrier("yubei-acc", "500112", "ACCELERATOR", "2018-05-01", "20000", 30);
        carrier("wanyuan-inc", "511781", "INCUBATOR", "2019-02-01", "3000", 5);
        carrier("xuhui-inc", "310104", "INCUBATOR", "2016-06-01", "6000", 12);
        accredit("jinjiang-inc", "MUNICIPAL", "2018-01-01");
        accredit("jinjiang-inc", "NATIONAL", "2021-03-01");
        accredit("wuhou-maker", "PROVINCIAL", "2019-07-01");
        area("jinjiang-inc", "9500", "2020-01-01");
        staff("yubei-acc", 34, "2021-12-31");

        String moving = code();
        admit("t-move-1", "wuhou-maker", moving, "2017-01-01");
        headcount("t-move-1", 5, "2017-12-31");
        ip("t-move-1", "SOFTWARE_COPYRIGHT", "2018SR000001", "2018-03-01");
        withdraw("t-move-1", "2018-12-31");
        admit("t-move-2", "jinjiang-inc", moving, "2019-01-01");
        headcount("t-move-2", 12, "2019-12-31");
        invest("t-move-2", "inv-m1", "ANGEL", "1000000", "CNY", null, "2019-06-01");
        graduate("t-move-2", "2020-12-31");
        admit("t-move-3", "yubei-acc", moving, "2021-01-15");
        headcount("t-move-3", 40, "2021-12-31");

        String other = code();
        admit("t-other", "jinjiang-inc", other, "2018-04-01");
        ip("t-other", "INVENTION_PATENT", "ZL2019100000001", "2019-05-01");
        invest("t-other", "inv-o1", "SEED", "300000", "USD", "6.9", "2020-02-01");
        invest("t-other", "inv-o2", "A", "5000000", "CNY", null, "2021-08-01");
        headcount("t-other", 20, "2020-12-31");
        admit("t-wanyuan", "wanyuan-inc", code(), "2019-03-01");
        headcount("t-wanyuan", 8, "2019-12-31");
        admit("t-xuhui", "xuhui-inc", code(), "2017-09-01");
        ip("t-xuhui", "DESIGN_PATENT", "ZL2018300000001", "2018-01-01");
        checkpoint("first-load");

        correct("t-other", "inv-o1", "{'amount':'350000','reason':'合同金额更正'}", 350000, null);
        retract("t-other", "inv-o2");
        ip("t-other", "UTILITY_MODEL", "ZL2017200000001", "2018-10-01");
        headcount("t-other", 25, "2020-12-31");
        close("wanyuan-inc", "2022-06-30");
        checkpoint("corrections");

        accredit("yubei-acc", "PROVINCIAL", "2019-01-01");
        staff("wuhou-maker", 9, "2018-06-30");
        invest("t-move-3", "inv-m3", "B", "2000000", "EUR", "7.8", "2022-03-01");
        checkpoint("late-facts");

        // Teams, one registering its company after its graduation was recorded; a company's earlier incubation
        // back-filled whole; late paperwork of a closed carrier; an earlier, lower accreditation back-filled.
        team("t-team", "wuhou-maker", "2019-04-01");
        headcount("t-team", 3, "2019-12-31");
        ip("t-team", "SOFTWARE_COPYRIGHT", "2020SR000002", "2020-03-01");
        graduate("t-team", "2022-06-30");
        register("t-team", code(), "2020-09-01");
        team("t-team-2", "wuhou-maker", "2021-03-01");
        headcount("t-team-2", 4, "2021-12-31");
        String backFilled = code();
        admit("t-bf-2", "jinjiang-inc", backFilled, "2021-01-01");
        ip("t-bf-2", "INVENTION_PATENT", "ZL2021100000009", "2021-09-01");
        admitEnded("t-bf-1", "wuhou-maker", backFilled, "2018-02-01", "2020-12-15", true);
        admit("t-wanyuan-late", "wanyuan-inc", code(), "2020-05-01");
        withdraw("t-wanyuan-late", "2022-06-30");
        accredit("jinjiang-inc", "DISTRICT", "2017-06-01");
        checkpoint("teams-and-back-fills");
    }

    /** Every region of the history at several dates, as known at every checkpoint, against the model. */
    public void assertTotalsMatchTheModel(LedgerHttp http) {
        List<String> regionCodes = List.of("510107", "510104", "510100", "510000", "500112", "500000", "chengyu",
                                           "511781", "511700", "310104", "310000");
        List<LocalDate> dates = List.of(LocalDate.of(2016, 12, 31), LocalDate.of(2018, 12, 31),
                                        LocalDate.of(2019, 1, 1), LocalDate.of(2020, 6, 30),
                                        LocalDate.of(2020, 12, 31), LocalDate.of(2021, 12, 31),
                                        LocalDate.of(2025, 12, 31));
        int compared = 0;
        for (Map.Entry<String, Instant> checkpoint : checkpoints.entrySet()) {
            for (String region : regionCodes) {
                for (LocalDate asOf : dates) {
                    JsonNode actual = http.get("/api/regions/" + region + "/totals?asOf=" + asOf + "&knownAt="
                                                       + checkpoint.getValue()).json();
                    Map<String, Object> expected = model.totals(region, asOf, checkpointSteps.get(checkpoint.getKey()));
                    assertThat(flatten(actual)).as("%s on %s known at %s", region, asOf, checkpoint.getKey())
                                               .isEqualTo(expected);
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(checkpoints.size() * 11 * 7);
    }


    public void checkpoint(String name) {
        assertThat(caughtUp.getAsBoolean()).as("projections caught up").isTrue();
        checkpoints.put(name, between.get());
        checkpointSteps.put(name, model.step);
    }

    public String code() {
        String first17 = String.format("91510100MA%07d", 9000000 + ++codes);
        return first17 + CreditCode.checkCharacter(first17);
    }

    public void ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    }

    public void carrier(String id, String region, String kind, String opened, String area, int staff) {
        ok(http().post("/api/incubators", json("{'incubatorId':'" + id + "','name':'" + id + "','kind':'" + kind
                + "','regionCode':'" + region + "','operator':'op','openedOn':'" + opened + "','floorAreaM2':'" + area
                + "','staff':" + staff + "}")));
        Model.Carrier c = new Model.Carrier(id, region, kind, LocalDate.parse(opened), model.next());
        c.area.add(model.dated(opened, new BigDecimal(area)));
        c.staff.add(model.dated(opened, BigDecimal.valueOf(staff)));
        model.carriers.put(id, c);
    }

    public void accredit(String id, String level, String on) {
        ok(http().post("/api/incubators/" + id + "/accreditations", json("{'level':'" + level + "','accreditedOn':'"
                + on + "'}")));
        model.carriers.get(id).levels.add(model.dated(on, level));
    }

    public void area(String id, String value, String on) {
        ok(http().post("/api/incubators/" + id + "/floor-area", json("{'floorAreaM2':'" + value + "','changedOn':'" + on
                + "'}")));
        model.carriers.get(id).area.add(model.dated(on, new BigDecimal(value)));
    }

    public void staff(String id, int value, String on) {
        ok(http().post("/api/incubators/" + id + "/staff", json("{'staff':" + value + ",'reportedOn':'" + on + "'}")));
        model.carriers.get(id).staff.add(model.dated(on, BigDecimal.valueOf(value)));
    }

    public void close(String id, String on) {
        ok(http().post("/api/incubators/" + id + "/closure", json("{'closedOn':'" + on + "','reason':'x'}")));
        model.carriers.get(id).closed.add(model.dated(on, true));
    }

    public void admit(String id, String carrier, String code, String on) {
        ok(http().post("/api/tenants", json("{'tenantId':'" + id + "','incubatorId':'" + carrier + "','companyName':'c',"
                + "'creditCode':'" + code + "','sector':'s','foundedOn':'2015-01-01','admittedOn':'" + on + "'}")));
        model.tenants.put(id, new Model.Tenant(id, carrier, code, LocalDate.parse(on), model.next()));
    }

    public void team(String id, String carrier, String on) {
        ok(http().post("/api/tenants", json("{'tenantId':'" + id + "','incubatorId':'" + carrier + "','teamName':'"
                + id + "','sector':'s','admittedOn':'" + on + "'}")));
        model.tenants.put(id, new Model.Tenant(id, carrier, null, LocalDate.parse(on), model.next()));
    }

    public void register(String id, String code, String on) {
        ok(http().post("/api/tenants/" + id + "/registration", json("{'companyName':'c','creditCode':'" + code
                + "','registeredOn':'" + on + "'}")));
        model.tenants.get(id).registrations.add(model.dated(on, code));
    }

    /** Admits a company for an incubation that ended already: graduated, or withdrawn. */
    public void admitEnded(String id, String carrier, String code, String on, String endedOn, boolean graduated) {
        ok(http().post("/api/tenants", json("{'tenantId':'" + id + "','incubatorId':'" + carrier + "','companyName':'c',"
                + "'creditCode':'" + code + "','sector':'s','foundedOn':'2015-01-01','admittedOn':'" + on + "',"
                + (graduated ? "'graduatedOn':'" + endedOn + "','criterion':'x'" : "'withdrawnOn':'" + endedOn
                + "','reason':'x'") + "}")));
        Model.Tenant tenant = new Model.Tenant(id, carrier, code, LocalDate.parse(on), model.next());
        tenant.ended.add(new Model.Dated<>(LocalDate.parse(endedOn), graduated, tenant.step));
        model.tenants.put(id, tenant);
    }

    public void headcount(String id, int n, String on) {
        ok(http().post("/api/tenants/" + id + "/headcount", json("{'employees':" + n + ",'reportedOn':'" + on + "'}")));
        model.tenants.get(id).headcounts.add(model.dated(on, BigDecimal.valueOf(n)));
    }

    public void ip(String id, String kind, String number, String on) {
        ok(http().post("/api/tenants/" + id + "/ip-grants", json("{'kind':'" + kind + "','number':'" + number
                + "','title':'t','grantedOn':'" + on + "'}")));
        model.tenants.get(id).grants.add(model.dated(on, kind));
    }

    public void invest(String id, String investmentId, String round, String amount, String currency, String rate,
                String on) {
        ok(http().post("/api/tenants/" + id + "/investments", json("{'investmentId':'" + investmentId + "','round':'"
                + round + "','investor':'i','amount':'" + amount + "','currency':'" + currency + "'"
                + (rate == null ? "" : ",'cnyRate':'" + rate + "'") + ",'receivedOn':'" + on + "'}")));
        BigDecimal cny = new BigDecimal(amount).multiply(rate == null ? BigDecimal.ONE : new BigDecimal(rate));
        model.tenants.get(id).investments.add(new Model.InvestmentVersion(investmentId, LocalDate.parse(on), cny,
                                                                          false, model.next()));
    }

    public void correct(String id, String investmentId, String body, long newAmount, String unused) {
        ok(http().post("/api/tenants/" + id + "/investments/" + investmentId + "/correction", json(body)));
        Model.InvestmentVersion previous = model.tenants.get(id).latest(investmentId, Integer.MAX_VALUE).orElseThrow();
        BigDecimal rate = previous.cny().divide(previous.cny().signum() == 0 ? BigDecimal.ONE : originalAmount(
                id, investmentId), 10, java.math.RoundingMode.HALF_EVEN);
        model.tenants.get(id).investments.add(new Model.InvestmentVersion(
                investmentId, previous.receivedOn(), BigDecimal.valueOf(newAmount).multiply(rate), false,
                model.next()));
    }

    BigDecimal originalAmount(String id, String investmentId) {
        return "inv-o1".equals(investmentId) ? new BigDecimal("300000") : BigDecimal.ONE;
    }

    public void retract(String id, String investmentId) {
        ok(http().post("/api/tenants/" + id + "/investments/" + investmentId + "/retraction", json("{'reason':'x'}")));
        Model.InvestmentVersion previous = model.tenants.get(id).latest(investmentId, Integer.MAX_VALUE).orElseThrow();
        model.tenants.get(id).investments.add(new Model.InvestmentVersion(
                investmentId, previous.receivedOn(), previous.cny(), true, model.next()));
    }

    public void withdraw(String id, String on) {
        ok(http().post("/api/tenants/" + id + "/withdrawal", json("{'withdrawnOn':'" + on + "','reason':'x'}")));
        model.tenants.get(id).ended.add(model.dated(on, false));
    }

    public void graduate(String id, String on) {
        ok(http().post("/api/tenants/" + id + "/graduation", json("{'graduatedOn':'" + on + "','criterion':'x'}")));
        model.tenants.get(id).ended.add(model.dated(on, true));
    }

    /** The answer's numbers under flat names, as the model produces them. */
    public static Map<String, Object> flatten(JsonNode totals) {
        Map<String, Object> flat = new TreeMap<>();
        flat.put("carriers.incubatorsInclMakerSpaces", totals.get("carriers").get("incubatorsInclMakerSpaces").asLong());
        flat.put("carriers.total", totals.get("carriers").get("total").asLong());
        totals.get("carriers").get("byKind").fields().forEachRemaining(e -> flat.put("kind." + e.getKey(),
                                                                                    e.getValue().asLong()));
        totals.get("carriers").get("byLevel").fields().forEachRemaining(e -> flat.put("level." + e.getKey(),
                                                                                     e.getValue().asLong()));
        flat.put("floorAreaM2", new BigDecimal(totals.get("floorAreaM2").asText()).stripTrailingZeros());
        flat.put("staff", totals.get("staff").asLong());
        flat.put("tenantsInIncubation", totals.get("tenantsInIncubation").asLong());
        flat.put("teamsInIncubation", totals.get("teamsInIncubation").asLong());
        flat.put("companiesIncubated", totals.get("companiesIncubated").asLong());
        flat.put("graduated.companies", totals.get("graduated").get("companies").asLong());
        flat.put("graduated.graduations", totals.get("graduated").get("graduations").asLong());
        flat.put("ipHeld.inIncubation", totals.get("ipHeld").get("inIncubation").asLong());
        flat.put("ipHeld.cumulative", totals.get("ipHeld").get("cumulative").asLong());
        totals.get("ipHeld").get("byKind").fields().forEachRemaining(e -> flat.put("ipi." + e.getKey(),
                                                                                  e.getValue().asLong()));
        totals.get("ipHeld").get("cumulativeByKind").fields().forEachRemaining(e -> flat.put("ip." + e.getKey(),
                                                                                            e.getValue().asLong()));
        flat.put("jobs", totals.get("jobs").asLong());
        flat.put("investment.count", totals.get("investment").get("count").asLong());
        flat.put("investment.amountCny", new BigDecimal(totals.get("investment").get("amountCny").asText())
                .setScale(2, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros());
        List<String> partial = new ArrayList<>();
        if (totals.has("partialMembers")) {
            totals.get("partialMembers").forEach(m -> partial.add(m.get("code").asText()));
        }
        flat.put("partialMembers", partial.stream().sorted().toList());
        return flat;
    }

    /** Every fact the test sent, with the step at which it was sent, and the indicators by their definitions. */
    static final class Model {
        private final RegionCatalog regions;

        Model(RegionCatalog regions) {
            this.regions = regions;
        }

        int step;
        final Map<String, Carrier> carriers = new LinkedHashMap<>();
        final Map<String, Tenant> tenants = new LinkedHashMap<>();

        int next() {
            return ++step;
        }

        <T> Dated<T> dated(String date, T value) {
            return new Dated<>(LocalDate.parse(date), value, next());
        }

        record Dated<T>(LocalDate date, T value, int step) {
        }

        record InvestmentVersion(String id, LocalDate receivedOn, BigDecimal cny, boolean retracted, int step) {
        }

        static final class Carrier {
            final String id;
            final String region;
            final String kind;
            final LocalDate openedOn;
            final int step;
            final List<Dated<BigDecimal>> area = new ArrayList<>();
            final List<Dated<BigDecimal>> staff = new ArrayList<>();
            final List<Dated<String>> levels = new ArrayList<>();
            final List<Dated<Boolean>> closed = new ArrayList<>();

            Carrier(String id, String region, String kind, LocalDate openedOn, int step) {
                this.id = id;
                this.region = region;
                this.kind = kind;
                this.openedOn = openedOn;
                this.step = step;
            }
        }

        static final class Tenant {
            final String id;
            final String carrier;
            final String code;
            final LocalDate admittedOn;
            final int step;
            final List<Dated<BigDecimal>> headcounts = new ArrayList<>();
            final List<Dated<String>> grants = new ArrayList<>();
            final List<InvestmentVersion> investments = new ArrayList<>();
            final List<Dated<Boolean>> ended = new ArrayList<>();
            /** A team's company: its credit code from the date it registered it. */
            final List<Dated<String>> registrations = new ArrayList<>();

            /** {@code code} null: a team. */
            Tenant(String id, String carrier, String code, LocalDate admittedOn, int step) {
                this.id = id;
                this.carrier = carrier;
                this.code = code;
                this.admittedOn = admittedOn;
                this.step = step;
            }

            Optional<InvestmentVersion> latest(String investmentId, int known) {
                return investments.stream().filter(v -> v.id().equals(investmentId) && v.step() <= known)
                                  .max(Comparator.comparingInt(InvestmentVersion::step));
            }
        }

        /** The latest value dated on or before {@code asOf} among those known; same date: the later one sent. */
        static <T> Optional<T> latest(List<Dated<T>> values, LocalDate asOf, int known) {
            return values.stream().filter(d -> d.step() <= known && !d.date().isAfter(asOf))
                         .max(Comparator.comparing((Dated<T> d) -> d.date()).thenComparingInt(Dated::step))
                         .map(Dated::value);
        }

        static <T> Optional<Dated<T>> first(List<Dated<T>> values, int known) {
            return values.stream().filter(d -> d.step() <= known).findFirst();
        }

        Map<String, Object> totals(String region, LocalDate asOf, int known) {
            Predicate<String> inRegion = division -> regions.rollUps(division).contains(region);
            Map<String, Object> t = new TreeMap<>();
            long carriersOpen = 0;
            BigDecimal area = BigDecimal.ZERO;
            long staffTotal = 0;
            Map<String, Long> byKind = new TreeMap<>();
            Map<String, Long> byLevel = new TreeMap<>();
            for (Carrier c : carriers.values()) {
                if (c.step > known || !inRegion.test(c.region) || c.openedOn.isAfter(asOf)) {
                    continue;
                }
                Optional<Dated<Boolean>> closed = first(c.closed, known);
                if (closed.isPresent() && !closed.get().date().isAfter(asOf)) {
                    continue;
                }
                carriersOpen++;
                byKind.merge(c.kind, 1L, Long::sum);
                latest(c.levels, asOf, known).ifPresent(level -> byLevel.merge(level, 1L, Long::sum));
                area = area.add(latest(c.area, asOf, known).orElse(BigDecimal.ZERO));
                staffTotal += latest(c.staff, asOf, known).orElse(BigDecimal.ZERO).longValue();
            }
            t.put("carriers.incubatorsInclMakerSpaces", byKind.getOrDefault("INCUBATOR", 0L)
                    + byKind.getOrDefault("MAKER_SPACE", 0L));
            t.put("carriers.total", carriersOpen);
            byKind.forEach((k, v) -> t.put("kind." + k, v));
            byLevel.forEach((k, v) -> t.put("level." + k, v));
            t.put("floorAreaM2", area.stripTrailingZeros());
            t.put("staff", staffTotal);

            long companiesInIncubation = 0;
            long teamsInIncubation = 0;
            long graduations = 0;
            long ipCumulative = 0;
            long ipInIncubation = 0;
            long jobs = 0;
            long investments = 0;
            BigDecimal cny = BigDecimal.ZERO;
            Set<String> companies = new HashSet<>();
            Set<String> graduatedCompanies = new HashSet<>();
            Map<String, Long> ipByKind = new TreeMap<>();
            Map<String, Long> ipInIncubationByKind = new TreeMap<>();
            for (Tenant tenant : tenants.values()) {
                if (tenant.step > known || !inRegion.test(carriers.get(tenant.carrier).region)
                        || tenant.admittedOn.isAfter(asOf)) {
                    continue;
                }
                // A team is its company from the day it registered it; a company from its admission.
                Optional<Dated<String>> registration = first(tenant.registrations, known);
                String code = tenant.code != null ? tenant.code : registration.map(Dated::value).orElse(null);
                boolean companyByThen = tenant.code != null
                        || registration.isPresent() && !registration.get().date().isAfter(asOf);
                if (companyByThen) {
                    companies.add(code);
                }
                Optional<Dated<Boolean>> end = first(tenant.ended, known);
                boolean ended = end.isPresent() && !end.get().date().isAfter(asOf);
                if (ended && end.get().value()) {
                    graduations++;
                    if (code != null) {
                        graduatedCompanies.add(code);
                    }
                }
                if (!ended) {
                    if (companyByThen) {
                        companiesInIncubation++;
                    } else {
                        teamsInIncubation++;
                    }
                    jobs += latest(tenant.headcounts, asOf, known).orElse(BigDecimal.ZERO).longValue();
                }
                for (Dated<String> grant : tenant.grants) {
                    if (grant.step() <= known && !grant.date().isAfter(asOf)) {
                        ipCumulative++;
                        ipByKind.merge(grant.value(), 1L, Long::sum);
                        if (!ended) {
                            ipInIncubation++;
                            ipInIncubationByKind.merge(grant.value(), 1L, Long::sum);
                        }
                    }
                }
                Set<String> ids = new HashSet<>();
                tenant.investments.forEach(v -> ids.add(v.id()));
                for (String id : ids) {
                    Optional<InvestmentVersion> version = tenant.latest(id, known);
                    if (version.isPresent() && !version.get().retracted()
                            && !version.get().receivedOn().isAfter(asOf)) {
                        investments++;
                        cny = cny.add(version.get().cny());
                    }
                }
            }
            t.put("tenantsInIncubation", companiesInIncubation);
            t.put("teamsInIncubation", teamsInIncubation);
            t.put("companiesIncubated", (long) companies.size());
            t.put("graduated.companies", (long) graduatedCompanies.size());
            t.put("graduated.graduations", graduations);
            t.put("ipHeld.inIncubation", ipInIncubation);
            t.put("ipHeld.cumulative", ipCumulative);
            ipByKind.forEach((k, v) -> t.put("ip." + k, v));
            ipInIncubationByKind.forEach((k, v) -> t.put("ipi." + k, v));
            t.put("jobs", jobs);
            t.put("investment.count", investments);
            t.put("investment.amountCny", cny.setScale(2, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros());
            t.put("partialMembers", regions.partialMembers(region).stream().sorted().toList());
            return t;
        }
    }
}
