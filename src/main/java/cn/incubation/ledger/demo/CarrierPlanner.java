package cn.incubation.ledger.demo;

import cn.incubation.ledger.demo.PublishedTargets.Stocks;
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

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static cn.incubation.ledger.demo.DemoHistory.END_13TH_PLAN;
import static cn.incubation.ledger.demo.DemoHistory.LAST_DAY;

/**
 * Plans the carriers: incubators and maker spaces opening and closing so that the number open at each plan's end is
 * the published one, accelerators on top, and each carrier's accreditations, floor-area changes, year-end staff
 * reports, ratings and closure.
 */
final class CarrierPlanner {

    private final DemoPlan plan;
    private final SplittableRandom rng;
    private final RegionCatalog regions;
    private final List<Region> leaves = new ArrayList<>();
    private final double[] leafWeights;
    final List<PlannedCarrier> carriers = new ArrayList<>();
    final List<PlanItem> staffReports = new ArrayList<>();

    CarrierPlanner(DemoPlan plan, RegionCatalog regions, String regionCode) {
        this.plan = plan;
        this.rng = plan.rng;
        this.regions = regions;
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
     * Incubators and maker spaces (the published table's row) are planned to the target exactly; accelerators come on
     * top of them, a few before 2016 and more in the 14th plan, and never close.
     */
    void plan(Stocks stock) {
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
                case MAKER_SPACE -> plan.date(LocalDate.of(2014, 6, 1), LocalDate.of(2015, 11, 30));
                default -> i == 0 ? plan.date(LocalDate.of(1998, 1, 1), LocalDate.of(1999, 12, 30))
                        : LocalDate.of(plan.yearWeighted(1992, 2015, 1.08), 1, 1).plusDays(rng.nextInt(364));
            };
            newCarrier(kind, opened, 1.0);
        }
        for (int i = 0; i < opened13th; i++) {
            newCarrier(kind(0.63), plan.date(LocalDate.of(2016, 1, 5), LocalDate.of(2020, 11, 30)), 1.0);
        }
        // The 14th plan's carriers are fewer but larger, and accelerators take the companies they raised.
        for (int i = 0; i < opened14th; i++) {
            newCarrier(kind(0.45), plan.date(LocalDate.of(2021, 1, 5), LocalDate.of(2025, 11, 30)), 1.35);
        }
        List<PlannedCarrier> existing = carriers.subList(0, before);
        chooseClosures(existing, closed13th, LocalDate.of(2016, 3, 1), LocalDate.of(2020, 11, 30));
        List<PlannedCarrier> openAt2020 = carriers.stream().filter(c -> c.openOn(END_13TH_PLAN)).toList();
        chooseClosures(openAt2020, closed14th, LocalDate.of(2021, 2, 1), LocalDate.of(2025, 11, 30));
        int acceleratorsBefore = (int) Math.round(open2020 * 0.04);
        for (int i = 0; i < acceleratorsBefore; i++) {
            newCarrier(CarrierKind.ACCELERATOR, plan.date(LocalDate.of(2008, 1, 1), LocalDate.of(2015, 11, 30)), 1.0);
        }
        int accelerators13th = (int) Math.round(open2020 * 0.03);
        for (int i = 0; i < accelerators13th; i++) {
            newCarrier(CarrierKind.ACCELERATOR, plan.date(LocalDate.of(2016, 1, 5), LocalDate.of(2020, 11, 30)), 1.0);
        }
        int accelerators14th = Math.max(1, (int) Math.round(open2020 * 0.06));
        for (int i = 0; i < accelerators14th; i++) {
            newCarrier(CarrierKind.ACCELERATOR, plan.date(LocalDate.of(2021, 1, 5), LocalDate.of(2025, 11, 30)), 1.35);
        }
        for (PlannedCarrier carrier : carriers) {
            planCarrierFacts(carrier);
        }
    }

    /** An incubator or a maker space, the latter with the probability given. */
    private CarrierKind kind(double makerSpace) {
        return rng.nextDouble() < makerSpace ? CarrierKind.MAKER_SPACE : CarrierKind.INCUBATOR;
    }

    private static double medianArea(CarrierKind kind) {
        return switch (kind) {
            case MAKER_SPACE -> 1_200;
            case ACCELERATOR -> 25_000;
            default -> 7_000;
        };
    }

    private void newCarrier(CarrierKind kind, LocalDate openedOn, double sizeFactor) {
        PlannedCarrier carrier = new PlannedCarrier();
        carrier.id = plan.ids + "-c" + DemoHistory.padded(carriers.size() + 1, 5);
        carrier.kind = kind;
        carrier.openedOn = openedOn;
        carrier.district = leaves.get(plan.weighted(leafWeights));
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
        PlannedCarrier c = carrier;
        carrier.register = plan.item(openedOn, plan.recorded(openedOn, plan.lagDays()), null, c, it ->
                new RegisterIncubator(c.id, name, c.kind, c.district.code(), operator, c.openedOn, DemoPlan.area(it.value),
                                      (int) it.value2));
        carrier.register.value = area;
        carrier.register.value2 = staff;
        carrier.areas.add(carrier.register);
        carriers.add(carrier);
    }

    private void chooseClosures(List<PlannedCarrier> candidates, int count, LocalDate from, LocalDate to) {
        List<PlannedCarrier> pool = new ArrayList<>(candidates);
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
            PlannedCarrier carrier = pool.remove(plan.weighted(weights));
            LocalDate earliest = carrier.openedOn.plusDays(400).isAfter(from) ? carrier.openedOn.plusDays(400) : from;
            if (earliest.isAfter(to)) {
                continue;
            }
            carrier.closedOn = plan.date(earliest, to);
            closed++;
        }
        if (closed < count) {
            throw new IllegalStateException("could not close " + count + " carriers between " + from + " and " + to);
        }
    }

    private void planCarrierFacts(PlannedCarrier carrier) {
        PlanItem previous = carrier.register;
        if (rng.nextDouble() < 0.85) {
            LocalDate date = carrier.openedOn.plusDays(150 + rng.nextInt(550));
            AccreditationLevel level = carrier.kind == CarrierKind.ACCELERATOR || rng.nextDouble() < 0.55
                    ? AccreditationLevel.MUNICIPAL : AccreditationLevel.DISTRICT;
            while (!date.isAfter(LAST_DAY) && (carrier.closedOn == null || date.isBefore(carrier.closedOn))) {
                AccreditationLevel accredited = level;
                LocalDate on = date;
                previous = plan.item(on, plan.recorded(on, plan.lagDays()), previous, carrier,
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
                PlanItem first = carrier.levels.get(0);
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
                LocalDate on = plan.date(newYear, last);
                double factor = roll < expansion ? 1.1 + rng.nextDouble() * 0.5 : 0.75 + rng.nextDouble() * 0.15;
                PlanItem area = plan.item(on, plan.recorded(on, plan.lagDays()), carrier.register, carrier,
                                 it -> new ChangeFloorArea(carrier.id, DemoPlan.area(it.value), on, null));
                area.value = carrier.areas.get(carrier.areas.size() - 1).value * factor;
                carrier.areas.add(area);
            }
        }
        for (int year = 2016; year <= 2025; year++) {
            LocalDate yearEnd = LocalDate.of(year, 12, 31);
            if (!carrier.openOn(yearEnd)) {
                continue;
            }
            PlanItem staff = plan.item(yearEnd, plan.yearEndReport(year), carrier.register, carrier,
                              it -> new ReportStaff(carrier.id, (int) it.value, yearEnd, null));
            staff.value = baseStaff(carrier.kind, carrier.areaOn(yearEnd).value, year);
            staffReports.add(staff);
            AccreditationLevel level = carrier.levelOn(yearEnd);
            if (level != null && level.compareTo(AccreditationLevel.MUNICIPAL) >= 0) {
                long recordedAt = plan.recorded(LocalDate.of(year + 1, 3, 1), rng.nextInt(120));
                LocalDate recordedOn = Instant.ofEpochSecond(recordedAt).atZone(ZoneOffset.UTC).toLocalDate();
                if (carrier.closedOn == null || recordedOn.isBefore(carrier.closedOn)) {
                    Rating rating = rating();
                    int rated = year;
                    plan.item(yearEnd, recordedAt, carrier.register, carrier,
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

    void planClosures() {
        int closures = 0;
        for (PlanItem item : plan.items) {
            if (item.carrier != null) {
                item.carrier.lastRecorded = Math.max(item.carrier.lastRecorded, item.recordedAt);
            }
        }
        for (PlannedCarrier carrier : carriers) {
            if (carrier.closedOn == null) {
                continue;
            }
            String reason = Vocabulary.pick(rng, Vocabulary.CLOSURE_REASONS);
            LocalDate on = carrier.closedOn;
            // Most closures are recorded after the carrier's last paperwork; every third promptly, its late facts
            // (dated before the closure, which a closed carrier still takes) arriving after.
            boolean prompt = closures++ % 3 == 1;
            long recordedAt = prompt ? plan.recorded(on, plan.lagDays())
                    : Math.max(plan.recorded(on, plan.lagDays()), carrier.lastRecorded + 1);
            plan.item(on, recordedAt, null, null, it -> new CloseIncubator(carrier.id, on, reason, null));
            if (prompt) {
                recordLastReportAfter(carrier, recordedAt);
            }
        }
    }

    /** The carrier's last staff report reaches the ledger only after its closure: late paperwork it still takes. */
    private void recordLastReportAfter(PlannedCarrier carrier, long closureRecorded) {
        PlanItem last = null;
        for (PlanItem item : staffReports) {
            if (item.carrier == carrier && (last == null || item.date.isAfter(last.date))) {
                last = item;
            }
        }
        if (last != null && last.recordedAt < closureRecorded) {
            last.recordedAt = closureRecorded + 86_400L * (1 + rng.nextInt(30));
        }
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
