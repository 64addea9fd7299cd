package cn.incubation.ledger.demo;

import cn.incubation.ledger.demo.PublishedTargets.Indicator;
import cn.incubation.ledger.demo.PublishedTargets.Stocks;
import cn.incubation.ledger.demo.Vocabulary.Sector;
import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.incubator.IncubatorCommands.AccreditIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.ChangeFloorArea;
import cn.incubation.ledger.incubator.IncubatorCommands.CloseIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.RateIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.RegisterIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.ReportStaff;
import cn.incubation.ledger.incubator.Rating;
import cn.incubation.ledger.region.Region;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.shared.Money;
import cn.incubation.ledger.tenant.IpKind;
import cn.incubation.ledger.tenant.MilestoneKind;
import cn.incubation.ledger.tenant.Round;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import cn.incubation.ledger.tenant.TenantCommands.CorrectInvestment;
import cn.incubation.ledger.tenant.TenantCommands.GrantIp;
import cn.incubation.ledger.tenant.TenantCommands.GraduateTenant;
import cn.incubation.ledger.tenant.TenantCommands.LogMilestone;
import cn.incubation.ledger.tenant.TenantCommands.ReceiveInvestment;
import cn.incubation.ledger.tenant.TenantCommands.RegisterCompany;
import cn.incubation.ledger.tenant.TenantCommands.ReportHeadcount;
import cn.incubation.ledger.tenant.TenantCommands.RetractInvestment;
import cn.incubation.ledger.tenant.TenantCommands.WithdrawTenant;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A deterministic ten-year history (2016-01-01 to 2025-12-31) of a region's incubation, as the commands an operator
 * would have given and the moments they were given: carriers opening, rising in accreditation, expanding, reporting
 * staff and closing; companies admitted, granted IP, funded, reporting headcounts, reaching milestones, graduating,
 * withdrawing and moving on from maker space to incubator to accelerator. What existed before 2016 is loaded in
 * January 2016, with its own business dates.
 *
 * <p>The six stocks of the published table ({@link PublishedTargets}) are not left to chance: the number of
 * carriers open, of companies first admitted and of IP grants by each date are planned exactly; floor areas, staff
 * and headcounts are drawn from plausible distributions and then scaled so that their totals on 2020-12-31 and
 * 2025-12-31 are the targets. Staff and headcounts are reported at every year end, which is what makes the year-end
 * totals exactly those reports.
 */
public final class DemoHistory {

    public static final LocalDate FIRST_DAY = LocalDate.of(2016, 1, 1);
    public static final LocalDate END_13TH_PLAN = LocalDate.of(2020, 12, 31);
    public static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);

    /** Facts from before 2015 are loaded as a summary: admissions, IP grants and endings, no yearly reports. */
    private static final LocalDate DETAILED_FROM = LocalDate.of(2015, 1, 1);
    private static final LocalDate EARLIEST_ADMISSION = LocalDate.of(2000, 1, 1);
    private static final LocalDate HISTORY_ORIGIN = LocalDate.of(1990, 1, 1);
    /** The opening load: what happened before the ledger existed is recorded over these weeks, oldest first. */
    private static final LocalDate OPENING_LOAD = LocalDate.of(2016, 1, 4);
    private static final long OPENING_LOAD_SECONDS = 25L * 86_400;
    /** Teams without a company a maker space admits in a year, on average. */
    private static final double TEAMS_A_YEAR = 12;

    private final RegionCatalog regions;
    private final double scale;
    private final SplittableRandom rng;
    private final Map<Indicator, Stocks> targets;
    private final String ids;

    private final List<Item> items = new ArrayList<>();
    private final List<Carrier> carriers = new ArrayList<>();
    private final List<Incubation> incubations = new ArrayList<>();
    private final List<Item> staffReports = new ArrayList<>();
    private final List<Item> headcountReports = new ArrayList<>();
    private final Set<String> creditCodes = new HashSet<>();
    private final List<Region> leaves = new ArrayList<>();
    private final double[] leafWeights;
    private int ipSerial = 1000;
    private int tenantCount;

    private DemoHistory(RegionCatalog regions, String regionCode, double scale, long seed) {
        if (!(scale > 0 && scale <= 10)) {
            throw new IllegalArgumentException("scale must be above 0 and at most 10, got " + scale);
        }
        this.regions = regions;
        this.scale = scale;
        this.rng = new SplittableRandom(seed);
        this.targets = PublishedTargets.at(scale);
        this.ids = "demo-" + Long.toUnsignedString(seed, 36);
        for (String code : regions.leaves(regionCode)) {
            Region leaf = regions.require(code);
            if (leaf.isDivision()) {
                leaves.add(leaf);
            }
        }
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("region " + regionCode + " has no divisions to place carriers in");
        }
        Set<String> partial = regions.partialMembers(regionCode);
        leafWeights = new double[leaves.size()];
        for (int i = 0; i < leaves.size(); i++) {
            leafWeights[i] = leafWeight(leaves.get(i)) * (partial.contains(leaves.get(i).code()) ? 0.5 : 1);
        }
    }

    /**
     * The history of {@code regionCode} at {@code scale} (1.0: the published table's size), ordered by record time;
     * the same arguments give the same list.
     */
    public static List<PlannedCommand> generate(RegionCatalog regions, String regionCode, double scale, long seed) {
        return new DemoHistory(regions, regionCode, scale, seed).plan();
    }

    private List<PlannedCommand> plan() {
        planCarriers();
        planCompanies();
        planTeams();
        planIpGrants();
        calibrateFloorArea();
        YearFactors staff = calibrateYearEndReports(staffReports, targets.get(Indicator.STAFF));
        for (Carrier carrier : carriers) {
            Item register = carrier.register;
            register.value2 = Math.max(1, Math.round(register.value2 * staff.of(carrier.openedOn.getYear())));
        }
        calibrateYearEndReports(headcountReports, targets.get(Indicator.JOBS));
        planClosures();
        items.sort(Comparator.comparingLong((Item i) -> i.recordedAt).thenComparingLong(i -> i.seq));
        List<PlannedCommand> planned = new ArrayList<>(items.size());
        for (Item item : items) {
            planned.add(new PlannedCommand(item.build.apply(item), Instant.ofEpochSecond(item.recordedAt)));
        }
        return planned;
    }

    // ------------------------------------------------------------------------------------------------ carriers

    /** A carrier as planned; its area and staff reports are scaled after the whole history is drawn. */
    private static final class Carrier {
        String id;
        Region district;
        String city;
        CarrierKind kind;
        LocalDate openedOn;
        LocalDate closedOn;
        double weight;
        Item register;
        Item lastAccreditation;
        final List<Item> areas = new ArrayList<>();
        final List<Item> levels = new ArrayList<>();
        long lastRecorded;

        boolean openOn(LocalDate date) {
            return !openedOn.isAfter(date) && (closedOn == null || closedOn.isAfter(date));
        }

        /** The area item in force on {@code date}: registration or the latest change on or before it. */
        Item areaOn(LocalDate date) {
            Item current = null;
            for (Item area : areas) {
                if (!area.date.isAfter(date)) {
                    current = area;
                }
            }
            return current;
        }

        AccreditationLevel levelOn(LocalDate date) {
            AccreditationLevel level = null;
            for (Item item : levels) {
                if (!item.date.isAfter(date)) {
                    level = ((AccreditIncubator) item.build.apply(item)).level();
                }
            }
            return level;
        }
    }

    /**
     * Incubators and maker spaces (the published table's row) are planned to the target exactly; accelerators come on
     * top of them, a few before 2016 and more in the 14th plan, and never close.
     */
    private void planCarriers() {
        Stocks stock = targets.get(Indicator.CARRIERS);
        int open2020 = (int) stock.end2020();
        int open2025 = (int) stock.end2025();
        // The 13th plan was the maker-space boom: about 62% of 2020's carriers already existed at its start. Some 5%
        // of those closed by 2020, and 7% of 2020's carriers closed during the 14th plan.
        int before = Math.max(1, (int) Math.round(open2020 * 0.62));
        int closed13th = (int) Math.round(before * 0.05);
        int opened13th = open2020 - before + closed13th;
        int closed14th = (int) Math.round(open2020 * 0.07);
        int opened14th = open2025 - open2020 + closed14th;
        if (opened14th < 0) {
            closed14th -= opened14th;
            opened14th = 0;
        }
        for (int i = 0; i < before; i++) {
            CarrierKind kind = i == 0 ? CarrierKind.INCUBATOR : kind(0.37);
            LocalDate opened = switch (kind) {
                case MAKER_SPACE -> date(LocalDate.of(2014, 6, 1), LocalDate.of(2015, 11, 30));
                default -> i == 0 ? date(LocalDate.of(1998, 1, 1), LocalDate.of(1999, 12, 30))
                        : LocalDate.of(yearWeighted(1992, 2015, 1.08), 1, 1).plusDays(rng.nextInt(364));
            };
            newCarrier(kind, opened, 1.0);
        }
        for (int i = 0; i < opened13th; i++) {
            newCarrier(kind(0.63), date(LocalDate.of(2016, 1, 5), LocalDate.of(2020, 11, 30)), 1.0);
        }
        // The 14th plan's carriers are fewer but larger, and accelerators take the companies they raised.
        for (int i = 0; i < opened14th; i++) {
            newCarrier(kind(0.45), date(LocalDate.of(2021, 1, 5), LocalDate.of(2025, 11, 30)), 1.35);
        }
        List<Carrier> existing = carriers.subList(0, before);
        chooseClosures(existing, closed13th, LocalDate.of(2016, 3, 1), LocalDate.of(2020, 11, 30));
        List<Carrier> openAt2020 = carriers.stream().filter(c -> c.openOn(END_13TH_PLAN)).toList();
        chooseClosures(openAt2020, closed14th, LocalDate.of(2021, 2, 1), LocalDate.of(2025, 11, 30));
        int acceleratorsBefore = (int) Math.round(open2020 * 0.04);
        for (int i = 0; i < acceleratorsBefore; i++) {
            newCarrier(CarrierKind.ACCELERATOR, date(LocalDate.of(2008, 1, 1), LocalDate.of(2015, 11, 30)), 1.0);
        }
        int accelerators13th = (int) Math.round(open2020 * 0.03);
        for (int i = 0; i < accelerators13th; i++) {
            newCarrier(CarrierKind.ACCELERATOR, date(LocalDate.of(2016, 1, 5), LocalDate.of(2020, 11, 30)), 1.0);
        }
        int accelerators14th = Math.max(1, (int) Math.round(open2020 * 0.06));
        for (int i = 0; i < accelerators14th; i++) {
            newCarrier(CarrierKind.ACCELERATOR, date(LocalDate.of(2021, 1, 5), LocalDate.of(2025, 11, 30)), 1.35);
        }
        for (Carrier carrier : carriers) {
            planCarrierFacts(carrier);
        }
    }

    /** An incubator or a maker space, the latter with the probability given. */
    private CarrierKind kind(double makerSpace) {
        return rng.nextDouble() < makerSpace ? CarrierKind.MAKER_SPACE : CarrierKind.INCUBATOR;
    }

    /** A maker space, an incubator or an accelerator, the first two with the probabilities given. */
    private CarrierKind kind(double makerSpace, double incubator) {
        double r = rng.nextDouble();
        return r < makerSpace ? CarrierKind.MAKER_SPACE
                : r < makerSpace + incubator ? CarrierKind.INCUBATOR : CarrierKind.ACCELERATOR;
    }

    private static double medianArea(CarrierKind kind) {
        return switch (kind) {
            case MAKER_SPACE -> 1_200;
            case ACCELERATOR -> 25_000;
            default -> 7_000;
        };
    }

    private void newCarrier(CarrierKind kind, LocalDate openedOn, double sizeFactor) {
        Carrier carrier = new Carrier();
        carrier.id = ids + "-c" + padded(carriers.size() + 1, 5);
        carrier.kind = kind;
        carrier.openedOn = openedOn;
        carrier.district = leaves.get(weighted(leafWeights));
        carrier.city = cityName(carrier.district);
        double sigma = kind == CarrierKind.INCUBATOR ? 0.65 : 0.55;
        double area = medianArea(kind) * sizeFactor * Math.exp(sigma * rng.nextGaussian());
        area = Math.max(medianArea(kind) / 6, Math.min(medianArea(kind) * 10, area));
        carrier.weight = Math.sqrt(area);
        String brand = Vocabulary.pick(rng, Vocabulary.BRANDS);
        String name = Vocabulary.carrierName(placeName(carrier.district, carrier.city), brand, kind, rng);
        String operator = rng.nextInt(6) == 0 ? carrier.district.nameZh() + "科技创新服务中心"
                : Vocabulary.operatorName(carrier.city, brand, rng);
        double staff = baseStaff(kind, area, openedOn.getYear());
        Carrier c = carrier;
        carrier.register = item(openedOn, recorded(openedOn, lagDays()), null, c, it ->
                new RegisterIncubator(c.id, name, c.kind, c.district.code(), operator, c.openedOn, area(it.value),
                                      (int) it.value2));
        carrier.register.value = area;
        carrier.register.value2 = staff;
        carrier.areas.add(carrier.register);
        carriers.add(carrier);
    }

    private void chooseClosures(List<Carrier> candidates, int count, LocalDate from, LocalDate to) {
        List<Carrier> pool = new ArrayList<>(candidates);
        int closed = 0;
        while (closed < count && !pool.isEmpty()) {
            double[] weights = new double[pool.size()];
            for (int i = 0; i < pool.size(); i++) {
                weights[i] = switch (pool.get(i).kind) {
                    case MAKER_SPACE -> 3;
                    case ACCELERATOR -> 0.5;
                    default -> 1;
                };
            }
            Carrier carrier = pool.remove(weighted(weights));
            LocalDate earliest = carrier.openedOn.plusDays(400).isAfter(from) ? carrier.openedOn.plusDays(400) : from;
            if (earliest.isAfter(to)) {
                continue;
            }
            carrier.closedOn = date(earliest, to);
            closed++;
        }
        if (closed < count) {
            throw new IllegalStateException("could not close " + count + " carriers between " + from + " and " + to);
        }
    }

    private void planCarrierFacts(Carrier carrier) {
        Item previous = carrier.register;
        if (rng.nextDouble() < 0.85) {
            LocalDate date = carrier.openedOn.plusDays(150 + rng.nextInt(550));
            AccreditationLevel level = carrier.kind == CarrierKind.ACCELERATOR || rng.nextDouble() < 0.55
                    ? AccreditationLevel.MUNICIPAL : AccreditationLevel.DISTRICT;
            while (!date.isAfter(LAST_DAY) && (carrier.closedOn == null || date.isBefore(carrier.closedOn))) {
                AccreditationLevel accredited = level;
                LocalDate on = date;
                previous = item(on, recorded(on, lagDays()), previous, carrier,
                                it -> new AccreditIncubator(carrier.id, accredited, on, null));
                carrier.levels.add(previous);
                if (level == AccreditationLevel.NATIONAL || rng.nextDouble() > 0.5) {
                    break;
                }
                level = AccreditationLevel.values()[level.ordinal() + 1];
                date = date.plusDays(700 + rng.nextInt(1100));
            }
            // A quarter of the carriers accredited twice had the first, lower level recorded only after the second.
            if (carrier.levels.size() >= 2 && rng.nextDouble() < 0.25) {
                Item first = carrier.levels.get(0);
                first.recordedAt = carrier.levels.get(1).recordedAt + 86_400L * (1 + rng.nextInt(90));
            }
        }
        for (int year = 2016; year <= 2025; year++) {
            LocalDate newYear = LocalDate.of(year, 1, 1);
            if (!carrier.openOn(newYear) || carrier.openedOn.equals(newYear)) {
                continue;
            }
            double expansion = (year <= 2020 ? 0.06 : 0.11) * (carrier.kind == CarrierKind.MAKER_SPACE ? 0.5 : 1);
            double roll = rng.nextDouble();
            if (roll < expansion + 0.015) {
                LocalDate last = carrier.closedOn != null && carrier.closedOn.isBefore(LocalDate.of(year, 12, 31))
                        ? carrier.closedOn.minusDays(1) : LocalDate.of(year, 12, 31);
                if (last.isBefore(newYear)) {
                    continue;
                }
                LocalDate on = date(newYear, last);
                double factor = roll < expansion ? 1.1 + rng.nextDouble() * 0.5 : 0.75 + rng.nextDouble() * 0.15;
                Item area = item(on, recorded(on, lagDays()), carrier.register, carrier,
                                 it -> new ChangeFloorArea(carrier.id, area(it.value), on, null));
                area.value = carrier.areas.get(carrier.areas.size() - 1).value * factor;
                carrier.areas.add(area);
            }
        }
        for (int year = 2016; year <= 2025; year++) {
            LocalDate yearEnd = LocalDate.of(year, 12, 31);
            if (!carrier.openOn(yearEnd)) {
                continue;
            }
            Item staff = item(yearEnd, yearEndReport(year), carrier.register, carrier,
                              it -> new ReportStaff(carrier.id, (int) it.value, yearEnd, null));
            staff.value = baseStaff(carrier.kind, carrier.areaOn(yearEnd).value, year);
            staffReports.add(staff);
            AccreditationLevel level = carrier.levelOn(yearEnd);
            if (level != null && level.compareTo(AccreditationLevel.MUNICIPAL) >= 0) {
                long recordedAt = recorded(LocalDate.of(year + 1, 3, 1), rng.nextInt(120));
                LocalDate recordedOn = Instant.ofEpochSecond(recordedAt).atZone(ZoneOffset.UTC).toLocalDate();
                if (carrier.closedOn == null || recordedOn.isBefore(carrier.closedOn)) {
                    Rating rating = rating();
                    int rated = year;
                    item(yearEnd, recordedAt, carrier.register, carrier,
                         it -> new RateIncubator(carrier.id, rated, rating, null));
                }
            }
        }
    }

    private double baseStaff(CarrierKind kind, double area, int year) {
        double base = switch (kind) {
            case MAKER_SPACE -> 3.5;
            case ACCELERATOR -> 10;
            default -> 6.5;
        };
        double trend = 1 + 0.015 * (year - 2016);
        return Math.max(1, base * Math.pow(area / medianArea(kind), 0.25) * trend * (0.85 + rng.nextDouble() * 0.3));
    }

    private Rating rating() {
        double r = rng.nextDouble();
        return r < 0.2 ? Rating.EXCELLENT : r < 0.6 ? Rating.GOOD : r < 0.95 ? Rating.PASS : Rating.FAIL;
    }

    private void planClosures() {
        int closures = 0;
        for (Item item : items) {
            if (item.carrier != null) {
                item.carrier.lastRecorded = Math.max(item.carrier.lastRecorded, item.recordedAt);
            }
        }
        for (Carrier carrier : carriers) {
            if (carrier.closedOn == null) {
                continue;
            }
            String reason = Vocabulary.pick(rng, Vocabulary.CLOSURE_REASONS);
            LocalDate on = carrier.closedOn;
            // Most closures are recorded after the carrier's last paperwork; every third promptly, its late facts
            // (dated before the closure, which a closed carrier still takes) arriving after.
            boolean prompt = closures++ % 3 == 1;
            long recordedAt = prompt ? recorded(on, lagDays())
                    : Math.max(recorded(on, lagDays()), carrier.lastRecorded + 1);
            item(on, recordedAt, null, null, it -> new CloseIncubator(carrier.id, on, reason, null));
            if (prompt) {
                recordLastReportAfter(carrier, recordedAt);
            }
        }
    }

    /** The carrier's last staff report reaches the ledger only after its closure: late paperwork it still takes. */
    private void recordLastReportAfter(Carrier carrier, long closureRecorded) {
        Item last = null;
        for (Item item : staffReports) {
            if (item.carrier == carrier && (last == null || item.date.isAfter(last.date))) {
                last = item;
            }
        }
        if (last != null && last.recordedAt < closureRecorded) {
            last.recordedAt = closureRecorded + 86_400L * (1 + rng.nextInt(30));
        }
    }

    // ------------------------------------------------------------------------------------------------ companies

    /** A company across its incubations (one credit code). */
    private static final class Company {
        CreditCode code;
        String name;
        String tradeName;
        Sector sector;
        LocalDate foundedOn;
        double headcount;
    }

    /** One incubation of a company at a carrier; {@code endsOn} after {@link #LAST_DAY} means still in incubation. */
    private static final class Incubation {
        String tenantId;
        Company company;
        Carrier carrier;
        LocalDate admittedOn;
        LocalDate endsOn;
        /** Admitted as a team: it registers its company on {@code registeredOn}, or never (null). */
        boolean team;
        LocalDate registeredOn;
        Item admission;
        Item end;

        boolean ended() {
            return !endsOn.isAfter(LAST_DAY);
        }

        LocalDate lastDay() {
            return ended() ? endsOn : LAST_DAY;
        }
    }

    private void planCompanies() {
        Stocks companies = targets.get(Indicator.COMPANIES);
        long new14th = companies.end2025() - companies.end2020();
        // New companies per year were about level over both plans; what came before is the opening population.
        long new13th = Math.min(new14th, companies.end2020() - 1);
        long before = companies.end2020() - new13th;
        List<LocalDate> firstAdmissions = new ArrayList<>();
        for (long i = 0; i < before; i++) {
            // Admissions grew slowly before 2016: about as many a year then as during the two plans, so that the
            // number in incubation does not drop when the ledger starts.
            int year = yearWeighted(EARLIEST_ADMISSION.getYear(), 2015, 1.04);
            firstAdmissions.add(date(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 30)));
        }
        for (long i = 0; i < new13th; i++) {
            firstAdmissions.add(noYearEnd(date(FIRST_DAY.plusDays(4), END_13TH_PLAN.minusDays(1))));
        }
        for (long i = 0; i < new14th; i++) {
            firstAdmissions.add(noYearEnd(date(END_13TH_PLAN.plusDays(4), LAST_DAY.minusDays(1))));
        }
        firstAdmissions.sort(Comparator.naturalOrder());
        for (LocalDate first : firstAdmissions) {
            planCompany(first);
        }
    }

    private void planCompany(LocalDate firstAdmission) {
        CarrierKind kind = kind(0.45, 0.50);
        LocalDate admitted = firstAdmission;
        LocalDate ends = admitted.plusDays(duration(kind));
        Carrier carrier = pickCarrier(admitted, ends, kind, null);
        if (carrier == null) {
            throw new IllegalStateException("no carrier open on " + admitted + " for an incubation until " + ends);
        }
        kind = carrier.kind;
        Company company = newCompany(carrier, kind, admitted);
        Item previousEnd = null;
        // A third of the companies that start in a maker space started there as a team, months before they registered.
        LocalDate teamFrom = null;
        if (kind == CarrierKind.MAKER_SPACE && rng.nextDouble() < 0.35) {
            LocalDate from = admitted.minusDays(60 + rng.nextInt(240));
            LocalDate earliest = carrier.openedOn.plusDays(1);
            teamFrom = from.isBefore(earliest) ? earliest : from;
            if (!teamFrom.isBefore(admitted)) {
                teamFrom = null;
            } else {
                company.foundedOn = admitted;
            }
        }
        while (true) {
            boolean graduates = rng.nextDouble() < switch (kind) {
                case MAKER_SPACE -> 0.55;
                case ACCELERATOR -> 0.7;
                default -> 0.6;
            };
            Incubation incubation = teamFrom != null
                    ? incubate(company, carrier, teamFrom, ends, graduates, previousEnd, true, admitted)
                    : incubate(company, carrier, admitted, ends, graduates, previousEnd, false, null);
            teamFrom = null;
            if (!incubation.ended()) {
                return;
            }
            CarrierKind next = null;
            if (graduates && kind == CarrierKind.MAKER_SPACE && rng.nextDouble() < 0.35) {
                next = CarrierKind.INCUBATOR;
            } else if (graduates && kind == CarrierKind.INCUBATOR && rng.nextDouble() < 0.12) {
                next = CarrierKind.ACCELERATOR;
            } else if (!graduates && rng.nextDouble() < 0.04) {
                next = kind;
            }
            if (next == null) {
                return;
            }
            admitted = noYearEnd(ends.plusDays(10 + rng.nextInt(110)));
            if (admitted.isAfter(LAST_DAY.minusDays(1))) {
                return;
            }
            ends = admitted.plusDays(duration(next));
            carrier = pickCarrier(admitted, ends, next, carrier.city);
            if (carrier == null) {
                return;
            }
            kind = carrier.kind;
            previousEnd = incubation.end;
        }
    }

    /**
     * One to four years: shorter at a maker space, longer at an incubator, whose 48 months a few incubations outstay
     * (the statistics system asks the carrier to explain them).
     */
    private int duration(CarrierKind kind) {
        return switch (kind) {
            case MAKER_SPACE -> 365 + rng.nextInt(548);
            case ACCELERATOR -> 365 + rng.nextInt(730);
            default -> rng.nextDouble() < 0.03 ? 1_461 + rng.nextInt(540)
                    : 540 + (rng.nextInt(921) + rng.nextInt(921)) / 2;
        };
    }

    private Carrier pickCarrier(LocalDate admittedOn, LocalDate endsOn, CarrierKind preferred, String preferredCity) {
        boolean ongoing = endsOn.isAfter(LAST_DAY);
        List<Carrier> eligible = new ArrayList<>();
        for (Carrier carrier : carriers) {
            if (carrier.openedOn.isAfter(admittedOn)) {
                continue;
            }
            if (carrier.closedOn != null && (ongoing || !endsOn.plusDays(30).isBefore(carrier.closedOn))) {
                continue;
            }
            eligible.add(carrier);
        }
        if (eligible.isEmpty()) {
            return null;
        }
        List<Carrier> choice = eligible.stream().filter(c -> c.kind == preferred).toList();
        if (choice.isEmpty()) {
            choice = eligible;
        }
        if (preferredCity != null && rng.nextDouble() < 0.7) {
            List<Carrier> sameCity = choice.stream().filter(c -> c.city.equals(preferredCity)).toList();
            if (!sameCity.isEmpty()) {
                choice = sameCity;
            }
        }
        double[] weights = new double[choice.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = choice.get(i).weight;
        }
        return choice.get(weighted(weights));
    }

    private Company newCompany(Carrier carrier, CarrierKind kind, LocalDate admitted) {
        Company company = new Company();
        company.sector = Vocabulary.sector(rng);
        company.tradeName = Vocabulary.tradeName(rng);
        company.name = Vocabulary.companyName(carrier.city, company.tradeName, company.sector, rng);
        do {
            company.code = Vocabulary.creditCode(carrier.district.code(), rng);
        } while (!creditCodes.add(company.code.value()));
        int age = switch (kind) {
            case MAKER_SPACE -> rng.nextInt(365);
            case ACCELERATOR -> 365 + rng.nextInt(1460);
            default -> rng.nextInt(1095);
        };
        company.foundedOn = admitted.minusDays(age);
        company.headcount = switch (kind) {
            case MAKER_SPACE -> 2 + rng.nextInt(7);
            case ACCELERATOR -> 15 + rng.nextInt(40);
            default -> 3 + rng.nextInt(16);
        };
        return company;
    }

    /**
     * An incubation of a company, or of the team that becomes it ({@code team}: admitted as a team, registering the
     * company on {@code registeredOn}, or never when that is null).
     */
    private Incubation incubate(Company company, Carrier carrier, LocalDate admittedOn, LocalDate endsOn,
                                boolean graduates, Item previousEnd, boolean team, LocalDate registeredOn) {
        Incubation incubation = new Incubation();
        incubation.tenantId = ids + "-t" + padded(++tenantCount, 6);
        incubation.company = company;
        incubation.carrier = carrier;
        incubation.admittedOn = admittedOn;
        incubation.endsOn = endsOn;
        incubation.team = team;
        incubation.registeredOn = registeredOn;
        String tenant = incubation.tenantId;
        long recordedAt = recorded(admittedOn, rng.nextInt(20) == 0 ? 30 + rng.nextInt(90) : rng.nextInt(15));
        if (previousEnd != null) {
            recordedAt = Math.max(recordedAt, previousEnd.recordedAt + 1);
        }
        String teamName = company.tradeName + Vocabulary.pick(rng, List.of("创业团队", "项目团队", "创客团队"));
        incubation.admission = item(admittedOn, recordedAt, carrier.register, carrier,
                                    it -> team ? AdmitTenant.team(tenant, carrier.id, teamName, company.sector.name(),
                                                                  admittedOn)
                                            : new AdmitTenant(tenant, carrier.id, company.name, company.code,
                                                              company.sector.name(), company.foundedOn, admittedOn));
        if (registeredOn != null) {
            item(registeredOn, recorded(registeredOn, lagDays()), incubation.admission, null,
                 it -> new RegisterCompany(tenant, company.name, company.code, registeredOn, null));
        }
        incubations.add(incubation);
        if (!incubation.lastDay().isBefore(DETAILED_FROM)) {
            planHeadcounts(incubation);
            if (!team || registeredOn != null) {
                planInvestments(incubation);
                planMilestones(incubation);
            }
        }
        if (incubation.ended()) {
            String words = Vocabulary.pick(rng, graduates ? Vocabulary.GRADUATION_CRITERIA
                    : Vocabulary.WITHDRAWAL_REASONS);
            incubation.end = item(endsOn, recorded(endsOn, lagDays()), incubation.admission, null,
                                  it -> graduates ? new GraduateTenant(tenant, endsOn, words, null)
                                          : new WithdrawTenant(tenant, endsOn, words, null));
        }
        return incubation;
    }

    /**
     * Teams that never register a company: maker spaces host them beside their companies (Chongqing's 307 maker
     * spaces hosted 18,611 companies and teams), a few months each, most of them leaving without graduating. They are
     * tenants, with headcounts and sometimes IP, but no company: they add to no company count.
     */
    private void planTeams() {
        for (Carrier carrier : List.copyOf(carriers)) {
            if (carrier.kind != CarrierKind.MAKER_SPACE) {
                continue;
            }
            LocalDate first = carrier.openedOn.isBefore(DETAILED_FROM) ? DETAILED_FROM : carrier.openedOn.plusDays(1);
            LocalDate last = carrier.closedOn == null ? LAST_DAY.minusDays(1) : carrier.closedOn.minusDays(240);
            if (!first.isBefore(last)) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(first, last);
            long teams = Math.round(days / 365.0 * TEAMS_A_YEAR * (0.7 + rng.nextDouble() * 0.6));
            // Some closed maker spaces leave a team on their books that nobody withdrew: still "in incubation".
            boolean leaveOneBehind = carrier.closedOn != null && rng.nextDouble() < 0.4;
            for (long i = 0; i < teams; i++) {
                LocalDate admitted = noYearEnd(date(first, last));
                LocalDate ends = admitted.plusDays(150 + rng.nextInt(400));
                if (leaveOneBehind) {
                    ends = LAST_DAY.plusYears(5);
                    leaveOneBehind = false;
                } else if (carrier.closedOn != null && ends.plusDays(30).isAfter(carrier.closedOn)) {
                    ends = carrier.closedOn.minusDays(31);
                }
                if (!ends.isAfter(admitted)) {
                    continue;
                }
                Company team = new Company();
                team.sector = Vocabulary.sector(rng);
                team.tradeName = Vocabulary.tradeName(rng);
                team.headcount = 1 + rng.nextInt(5);
                incubate(team, carrier, admitted, ends, rng.nextDouble() < 0.1, null, true, null);
            }
        }
    }

    private void planHeadcounts(Incubation incubation) {
        Company company = incubation.company;
        String tenant = incubation.tenantId;
        if (!incubation.admittedOn.isBefore(DETAILED_FROM)) {
            LocalDate on = incubation.admittedOn;
            Item report = item(on, incubation.admission.recordedAt + 60, incubation.admission, null,
                               it -> new ReportHeadcount(tenant, (int) it.value, on, null));
            report.value = company.headcount;
            headcountReports.add(report);
        }
        int from = Math.max(DETAILED_FROM.getYear(), incubation.admittedOn.getYear());
        for (int year = from; year <= Math.min(LAST_DAY.getYear(), incubation.endsOn.getYear()); year++) {
            LocalDate yearEnd = LocalDate.of(year, 12, 31);
            if (!yearEnd.isAfter(incubation.admittedOn) || !yearEnd.isBefore(incubation.endsOn)) {
                continue;
            }
            company.headcount = Math.max(1, company.headcount * Math.exp(Math.log(1.22) + 0.25 * rng.nextGaussian()));
            Item report = item(yearEnd, yearEndReport(year), incubation.admission, null,
                               it -> new ReportHeadcount(tenant, (int) it.value, yearEnd, null));
            report.value = company.headcount;
            headcountReports.add(report);
        }
    }

    private void planInvestments(Incubation incubation) {
        CarrierKind kind = incubation.carrier.kind;
        double chance = switch (kind) {
            case MAKER_SPACE -> 0.25;
            case ACCELERATOR -> 0.55;
            default -> 0.35;
        };
        if (rng.nextDouble() >= chance) {
            return;
        }
        LocalDate from = incubation.admittedOn.isBefore(DETAILED_FROM) ? DETAILED_FROM : incubation.admittedOn;
        int count = 1 + (rng.nextDouble() < 0.3 ? 1 : 0) + (rng.nextDouble() < 0.1 ? 1 : 0);
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dates.add(date(from, incubation.lastDay()));
        }
        dates.sort(Comparator.naturalOrder());
        List<Round> ladder = switch (kind) {
            case MAKER_SPACE -> List.of(Round.ANGEL, Round.SEED, Round.PRE_A);
            case ACCELERATOR -> List.of(Round.A, Round.B, Round.C, Round.LATER);
            default -> List.of(Round.SEED, Round.ANGEL, Round.PRE_A, Round.A, Round.B);
        };
        int stage = rng.nextInt(2);
        String tenant = incubation.tenantId;
        for (int i = 0; i < count; i++) {
            LocalDate on = dates.get(i);
            double kindOf = rng.nextDouble();
            Round round = kindOf < 0.1 ? Round.GRANT : kindOf < 0.17 ? Round.LOAN
                    : ladder.get(Math.min(ladder.size() - 1, stage++));
            String investor = Vocabulary.fund(round, rng);
            double cny = switch (round) {
                case GRANT -> 100_000 + rng.nextInt(900_000);
                case LOAN -> 1_000_000 + rng.nextInt(4_000_000);
                case ANGEL -> 500_000 + rng.nextInt(2_500_000);
                case SEED -> 1_000_000 + rng.nextInt(4_000_000);
                case PRE_A -> 5_000_000 + rng.nextInt(15_000_000);
                case A -> 10_000_000 + rng.nextInt(40_000_000);
                case B -> 30_000_000 + rng.nextInt(120_000_000);
                default -> 80_000_000 + rng.nextInt(220_000_000);
            };
            boolean dollars = round != Round.GRANT && round != Round.LOAN && rng.nextDouble() < 0.08;
            BigDecimal rate = dollars ? usdRate(on.getYear()) : BigDecimal.ONE;
            BigDecimal amount = tenThousands(dollars ? cny / rate.doubleValue() : cny);
            Money money = new Money(amount, dollars ? "USD" : Money.CNY, dollars ? rate : null);
            String investmentId = tenant + "-i" + (i + 1);
            Item receipt = item(on, recorded(on, lagDays()), incubation.admission, null,
                                it -> new ReceiveInvestment(tenant, investmentId, round, investor, money, on, null));
            double fate = rng.nextDouble();
            if (fate < 0.06) {
                BigDecimal corrected;
                do {
                    corrected = tenThousands(amount.doubleValue() * (0.8 + rng.nextDouble() * 0.45));
                } while (corrected.compareTo(amount) == 0);
                BigDecimal newAmount = corrected;
                String reason = Vocabulary.pick(rng, Vocabulary.CORRECTION_REASONS);
                item(on, receipt.recordedAt + 86_400L * (20 + rng.nextInt(130)), receipt, null,
                     it -> new CorrectInvestment(tenant, investmentId, null, null, newAmount, null, null, null, reason,
                                                 null));
            } else if (fate < 0.075) {
                String reason = Vocabulary.pick(rng, Vocabulary.RETRACTION_REASONS);
                item(on, receipt.recordedAt + 86_400L * (10 + rng.nextInt(80)), receipt, null,
                     it -> new RetractInvestment(tenant, investmentId, reason, null));
            }
        }
    }

    private static BigDecimal usdRate(int year) {
        String[] rates = {"6.64", "6.75", "6.62", "6.90", "6.90", "6.45", "6.73", "7.05", "7.12", "7.18"};
        return new BigDecimal(rates[Math.max(0, Math.min(rates.length - 1, year - 2016))]);
    }

    private static BigDecimal tenThousands(double amount) {
        return BigDecimal.valueOf(Math.max(1, Math.round(amount / 10_000)) * 10_000);
    }

    private void planMilestones(Incubation incubation) {
        boolean later = incubation.carrier.kind != CarrierKind.MAKER_SPACE;
        Company company = incubation.company;
        String province = incubation.carrier.district.code().startsWith("50") ? "重庆" : "四川";
        milestone(incubation, MilestoneKind.TECH_BASED_SME, 0.4, LocalDate.of(2017, 5, 1),
                  on -> "入库科技型中小企业（" + on.getYear() + "年第" + (1 + rng.nextInt(4)) + "批）");
        milestone(incubation, MilestoneKind.HIGH_TECH_ENTERPRISE, later ? 0.14 : 0.04, DETAILED_FROM,
                  on -> "认定为国家高新技术企业（证书编号GR" + on.getYear() + (province.equals("重庆") ? "50" : "51")
                          + padded(rng.nextInt(1_000_000), 6) + "）");
        milestone(incubation, MilestoneKind.SPECIALISED_SOPHISTICATED,
                  incubation.carrier.kind == CarrierKind.ACCELERATOR ? 0.1 : 0.02, LocalDate.of(2019, 1, 1),
                  on -> "认定为" + (province.equals("重庆") ? "重庆市" : "四川省") + "专精特新中小企业");
        milestone(incubation, MilestoneKind.AWARD, 0.08, DETAILED_FROM,
                  on -> "获中国创新创业大赛（" + province + "赛区）"
                          + Vocabulary.pick(rng, List.of("一等奖", "二等奖", "三等奖", "优秀奖")));
        milestone(incubation, MilestoneKind.PRODUCT_LAUNCH, 0.15, DETAILED_FROM,
                  on -> "发布" + company.tradeName + "系列新产品并实现首单销售");
        milestone(incubation, MilestoneKind.RESEARCH_TRANSFER, 0.05, DETAILED_FROM,
                  on -> "承接" + Vocabulary.pick(rng, Vocabulary.UNIVERSITIES) + "科技成果转化："
                          + Vocabulary.ipTitle(IpKind.INVENTION_PATENT, company.tradeName, rng));
    }

    private void milestone(Incubation incubation, MilestoneKind kind, double chance, LocalDate notBefore,
                           Function<LocalDate, String> description) {
        if (rng.nextDouble() >= chance) {
            return;
        }
        LocalDate from = incubation.admittedOn.isBefore(notBefore) ? notBefore : incubation.admittedOn;
        if (from.isAfter(incubation.lastDay())) {
            return;
        }
        LocalDate on = date(from, incubation.lastDay());
        String text = description.apply(on);
        String tenant = incubation.tenantId;
        item(on, recorded(on, lagDays()), incubation.admission, null,
             it -> new LogMilestone(tenant, kind, text, on, null));
    }

    /**
     * IP held counts every grant to a tenant up to a date, so exactly the targeted number of grants is dated in each
     * plan period, spread over the incubations in proportion to the time each spent in incubation then (and more to
     * later-stage companies).
     */
    private void planIpGrants() {
        Stocks ip = targets.get(Indicator.IP_HELD);
        grantIp(HISTORY_ORIGIN, END_13TH_PLAN, ip.end2020());
        grantIp(END_13TH_PLAN.plusDays(1), LAST_DAY, ip.end2025() - ip.end2020());
    }

    private void grantIp(LocalDate from, LocalDate to, long count) {
        double[] cumulative = new double[incubations.size()];
        double total = 0;
        for (int i = 0; i < incubations.size(); i++) {
            Incubation incubation = incubations.get(i);
            long days = overlapDays(incubation, from, to);
            double weight = incubation.team && incubation.registeredOn == null ? 0.15
                    : switch (incubation.carrier.kind) {
                        case MAKER_SPACE -> 0.6;
                        case ACCELERATOR -> 1.6;
                        default -> 1.0;
                    };
            total += days > 0 ? days * weight : 0;
            cumulative[i] = total;
        }
        if (total <= 0 && count > 0) {
            throw new IllegalStateException("no incubation between " + from + " and " + to + " to grant IP to");
        }
        for (long n = 0; n < count; n++) {
            Incubation incubation = incubations.get(firstAbove(cumulative, rng.nextDouble() * total));
            LocalDate start = incubation.admittedOn.isBefore(from) ? from : incubation.admittedOn;
            LocalDate end = incubation.lastDay().isAfter(to) ? to : incubation.lastDay();
            LocalDate on = date(start, end);
            IpKind kind = Vocabulary.ipKind(incubation.company.sector.name(), rng);
            ipSerial += 1 + rng.nextInt(40);
            String number = Vocabulary.ipNumber(kind, on, ipSerial, rng);
            String title = Vocabulary.ipTitle(kind, incubation.company.tradeName, rng);
            String tenant = incubation.tenantId;
            item(on, recorded(on, lagDays()), incubation.admission, null,
                 it -> new GrantIp(tenant, kind, number, title, on, null));
        }
    }

    /** The first index whose cumulative weight exceeds {@code r}: never one of weight zero. */
    private static int firstAbove(double[] cumulative, double r) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > r) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static long overlapDays(Incubation incubation, LocalDate from, LocalDate to) {
        LocalDate start = incubation.admittedOn.isBefore(from) ? from : incubation.admittedOn;
        LocalDate end = incubation.lastDay().isAfter(to) ? to : incubation.lastDay();
        return end.isBefore(start) ? 0 : ChronoUnit.DAYS.between(start, end) + 1;
    }

    // ------------------------------------------------------------------------------------------------ calibration

    /**
     * Floor area on a date is the latest area of each open carrier. Values dated up to 2020-12-31 are scaled to hit
     * that year's target; then values dated later are scaled to hit 2025's, which leaves 2020's total untouched.
     */
    private void calibrateFloorArea() {
        Stocks target = targets.get(Indicator.FLOOR_AREA);
        double raw2020 = sumOpen(END_13TH_PLAN, Item::valueOf);
        double early = target.end2020() / raw2020;
        for (Carrier carrier : carriers) {
            carrier.areas.stream().filter(a -> !a.date.isAfter(END_13TH_PLAN)).forEach(a -> a.value *= early);
        }
        double fixed2025 = 0;
        double moving2025 = 0;
        for (Carrier carrier : carriers) {
            if (carrier.openOn(LAST_DAY)) {
                Item area = carrier.areaOn(LAST_DAY);
                if (area.date.isAfter(END_13TH_PLAN)) {
                    moving2025 += area.value;
                } else {
                    fixed2025 += area.value;
                }
            }
        }
        double late = (target.end2025() - fixed2025) / moving2025;
        if (!(late > 0.2 && late < 5)) {
            throw new IllegalStateException("floor area cannot reach " + target + " at scale " + scale
                                            + ": areas dated after 2020 would need a factor of " + late);
        }
        for (Carrier carrier : carriers) {
            carrier.areas.stream().filter(a -> a.date.isAfter(END_13TH_PLAN)).forEach(a -> a.value *= late);
            carrier.areas.forEach(a -> a.value = Math.max(10, Math.round(a.value)));
        }
    }

    private double sumOpen(LocalDate date, ToDoubleFunction<Item> value) {
        double sum = 0;
        for (Carrier carrier : carriers) {
            if (carrier.openOn(date)) {
                sum += value.applyAsDouble(carrier.areaOn(date));
            }
        }
        return sum;
    }

    /**
     * Staff and jobs on a year end are the reports dated that day (every open carrier and every tenant in incubation
     * reports then). Each year's reports are scaled by a factor that is exact for 2020 and 2025 and moves linearly
     * in between; rounding is then settled one unit at a time on the largest reports, so both totals are exact.
     */
    private static YearFactors calibrateYearEndReports(List<Item> reports, Stocks target) {
        YearFactors factors = new YearFactors(target.end2020() / yearEndSum(reports, 2020),
                                              target.end2025() / yearEndSum(reports, 2025));
        for (Item report : reports) {
            report.value = Math.max(1, Math.round(report.value * factors.of(report.date.getYear())));
        }
        settle(reports, 2020, target.end2020(), 1);
        settle(reports, 2025, target.end2025(), 1);
        return factors;
    }

    /** Scaling factors by year: one up to 2020, moving linearly to 2025's. */
    private record YearFactors(double to2020, double in2025) {
        double of(int year) {
            return year <= 2020 ? to2020 : to2020 + (in2025 - to2020) * Math.min(5, year - 2020) / 5.0;
        }
    }

    private static double yearEndSum(List<Item> reports, int year) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        return reports.stream().filter(r -> r.date.equals(yearEnd)).mapToDouble(r -> r.value).sum();
    }

    private static void settle(List<Item> reports, int year, long target, int minimum) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        List<Item> those = reports.stream().filter(r -> r.date.equals(yearEnd))
                                  .sorted(Comparator.comparingDouble((Item r) -> -r.value)
                                                    .thenComparingLong(r -> r.seq))
                                  .toList();
        long difference = target - Math.round(yearEndSum(reports, year));
        int step = Long.signum(difference);
        for (int i = 0; difference != 0; i++) {
            Item report = those.get(i % those.size());
            if (step < 0 && report.value - 1 < minimum) {
                if (i > those.size() * 1000) {
                    throw new IllegalStateException("cannot settle " + year + "'s reports on " + target);
                }
                continue;
            }
            report.value += step;
            difference -= step;
        }
    }

    // ------------------------------------------------------------------------------------------------ record time

    /** A command of the plan; its arguments that calibration changes are {@code value} and {@code value2}. */
    private static final class Item {
        final long seq;
        final LocalDate date;
        final Carrier carrier;
        final Function<Item, Object> build;
        long recordedAt;
        double value;
        double value2;

        Item(long seq, LocalDate date, long recordedAt, Carrier carrier, Function<Item, Object> build) {
            this.seq = seq;
            this.date = date;
            this.recordedAt = recordedAt;
            this.carrier = carrier;
            this.build = build;
        }

        double valueOf() {
            return value;
        }
    }

    /**
     * Adds a command about a fact dated {@code date}, learned at {@code recordedAt} but never before {@code after}
     * (the command it depends on); {@code carrier} names a carrier whose closure must be recorded after it.
     */
    private Item item(LocalDate date, long recordedAt, Item after, Carrier carrier, Function<Item, Object> build) {
        long at = after == null ? recordedAt : Math.max(recordedAt, after.recordedAt + 1);
        Item item = new Item(items.size(), date, at, carrier, build);
        items.add(item);
        return item;
    }

    /** Most facts reach the ledger within days, some within weeks, and a few months late. */
    private int lagDays() {
        double r = rng.nextDouble();
        return r < 0.75 ? rng.nextInt(11) : r < 0.93 ? 11 + rng.nextInt(35) : 60 + rng.nextInt(180);
    }

    /** A fact learned {@code lag} days after it happened, during office hours in China (01:00–10:00 UTC). */
    private long recorded(LocalDate date, int lag) {
        LocalDate day = date.plusDays(lag);
        if (day.isBefore(OPENING_LOAD)) {
            return openingLoad(date);
        }
        return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 3_600 + rng.nextInt(9 * 3_600);
    }

    /** The opening load spreads the facts from before the ledger over its first weeks, in business-date order. */
    private long openingLoad(LocalDate date) {
        long start = OPENING_LOAD.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 3_600;
        long span = OPENING_LOAD.toEpochDay() - HISTORY_ORIGIN.toEpochDay();
        long offset = Math.max(0, date.toEpochDay() - HISTORY_ORIGIN.toEpochDay());
        return start + offset * OPENING_LOAD_SECONDS / span;
    }

    /** Year-end statistics (火炬统计) are filed between early January and the end of March. */
    private long yearEndReport(int year) {
        return recorded(LocalDate.of(year + 1, 1, 5), rng.nextInt(85));
    }

    // ------------------------------------------------------------------------------------------------ drawing

    private LocalDate date(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(rng.nextLong(days + 1));
    }

    private static LocalDate noYearEnd(LocalDate date) {
        return date.getMonthValue() == 12 && date.getDayOfMonth() == 31 ? date.minusDays(1) : date;
    }

    private int yearWeighted(int from, int to, double growth) {
        double[] weights = new double[to - from + 1];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.pow(growth, i);
        }
        return from + weighted(weights);
    }

    private int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static String padded(long number, int digits) {
        String text = Long.toString(number);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }

    private static BigDecimal area(double m2) {
        return BigDecimal.valueOf(Math.max(1, Math.round(m2)));
    }

    /** Where carriers are: Chengdu's central districts and Chongqing's nine central ones above all. */
    private static double leafWeight(Region leaf) {
        String code = leaf.code();
        boolean district = leaf.nameZh().endsWith("区");
        if (code.startsWith("5101")) {
            return Set.of("510104", "510105", "510106", "510107", "510108", "510116", "510117").contains(code) ? 16
                    : district ? 8 : 3;
        }
        if (code.startsWith("50")) {
            if (Set.of("500106", "500107", "500108", "500112").contains(code)) {
                return 12;
            }
            if (Set.of("500103", "500104", "500105", "500109", "500113").contains(code)) {
                return 8;
            }
            return district ? 3 : 1.5;
        }
        if (code.startsWith("5107")) {
            return district ? 6 : 1.5;
        }
        return district ? 2 : 0.6;
    }

    private String cityName(Region district) {
        Region parent = district.parentCode() == null ? district : regions.require(district.parentCode());
        return shortName(parent.nameZh());
    }

    private static String placeName(Region district, String city) {
        String name = shortName(district.nameZh());
        return name.length() < 2 || name.equals("市中") ? city : name;
    }

    private static String shortName(String name) {
        if (name.length() > 2 && (name.endsWith("区") || name.endsWith("县") || name.endsWith("市"))) {
            return name.substring(0, name.length() - 1);
        }
        return name;
    }
}
