package cn.incubation.ledger.demo;

import cn.incubation.ledger.demo.PublishedTargets.Stocks;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

import static cn.incubation.ledger.demo.DemoHistory.END_13TH_PLAN;
import static cn.incubation.ledger.demo.DemoHistory.LAST_DAY;

/**
 * Scales what was drawn so that the published stocks come out exactly: floor areas, and the year-end reports of staff
 * and jobs. It draws nothing.
 */
final class Calibration {

    private final List<PlannedCarrier> carriers;
    private final double scale;

    Calibration(List<PlannedCarrier> carriers, double scale) {
        this.carriers = carriers;
        this.scale = scale;
    }

    /**
     * Floor area on a date is the latest area of each open carrier. Values dated up to 2020-12-31 are scaled to hit
     * that year's target; then values dated later are scaled to hit 2025's, which leaves 2020's total untouched.
     */
    void floorArea(Stocks target) {
        double raw2020 = sumOpen(END_13TH_PLAN, PlanItem::valueOf);
        double early = target.end2020() / raw2020;
        for (PlannedCarrier carrier : carriers) {
            carrier.areas.stream().filter(a -> !a.date.isAfter(END_13TH_PLAN)).forEach(a -> a.value *= early);
        }
        double fixed2025 = 0;
        double moving2025 = 0;
        for (PlannedCarrier carrier : carriers) {
            if (carrier.openOn(LAST_DAY)) {
                PlanItem area = carrier.areaOn(LAST_DAY);
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
        for (PlannedCarrier carrier : carriers) {
            carrier.areas.stream().filter(a -> a.date.isAfter(END_13TH_PLAN)).forEach(a -> a.value *= late);
            carrier.areas.forEach(a -> a.value = Math.max(10, Math.round(a.value)));
        }
    }

    private double sumOpen(LocalDate date, ToDoubleFunction<PlanItem> value) {
        double sum = 0;
        for (PlannedCarrier carrier : carriers) {
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
    static YearFactors yearEndReports(List<PlanItem> reports, Stocks target) {
        YearFactors factors = new YearFactors(target.end2020() / yearEndSum(reports, 2020),
                                              target.end2025() / yearEndSum(reports, 2025));
        for (PlanItem report : reports) {
            report.value = Math.max(1, Math.round(report.value * factors.of(report.date.getYear())));
        }
        settle(reports, 2020, target.end2020(), 1);
        settle(reports, 2025, target.end2025(), 1);
        return factors;
    }

    /** Scaling factors by year: one up to 2020, moving linearly to 2025's. */
    record YearFactors(double to2020, double in2025) {
        double of(int year) {
            return year <= 2020 ? to2020 : to2020 + (in2025 - to2020) * Math.min(5, year - 2020) / 5.0;
        }
    }

    private static double yearEndSum(List<PlanItem> reports, int year) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        return reports.stream().filter(r -> r.date.equals(yearEnd)).mapToDouble(r -> r.value).sum();
    }

    private static void settle(List<PlanItem> reports, int year, long target, int minimum) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        List<PlanItem> those = reports.stream().filter(r -> r.date.equals(yearEnd))
                                  .sorted(Comparator.comparingDouble((PlanItem r) -> -r.value)
                                                    .thenComparingLong(r -> r.seq))
                                  .toList();
        long difference = target - Math.round(yearEndSum(reports, year));
        int step = Long.signum(difference);
        for (int i = 0; difference != 0; i++) {
            PlanItem report = those.get(i % those.size());
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
}
