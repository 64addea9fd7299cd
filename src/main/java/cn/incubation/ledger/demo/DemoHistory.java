package cn.incubation.ledger.demo;

import cn.incubation.ledger.demo.PublishedTargets.Indicator;
import cn.incubation.ledger.demo.PublishedTargets.Stocks;
import cn.incubation.ledger.region.RegionCatalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
 *
 * <p>The planners draw in a fixed order from one random source ({@link DemoPlan}): carriers, companies (with each
 * incubation's facts), teams, IP grants; {@link Calibration} then scales, and the closures are recorded last.
 */
public final class DemoHistory {

    public static final LocalDate FIRST_DAY = LocalDate.of(2016, 1, 1);
    public static final LocalDate END_13TH_PLAN = LocalDate.of(2020, 12, 31);
    public static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);

    /** Facts from before 2015 are loaded as a summary: admissions, IP grants and endings, no yearly reports. */
    static final LocalDate DETAILED_FROM = LocalDate.of(2015, 1, 1);
    static final LocalDate EARLIEST_ADMISSION = LocalDate.of(2000, 1, 1);
    static final LocalDate HISTORY_ORIGIN = LocalDate.of(1990, 1, 1);
    /** The opening load: what happened before the ledger existed is recorded over these weeks, oldest first. */
    static final LocalDate OPENING_LOAD = LocalDate.of(2016, 1, 4);
    static final long OPENING_LOAD_SECONDS = 25L * 86_400;
    /** Teams without a company a maker space admits in a year, on average. */
    static final double TEAMS_A_YEAR = 12;

    private DemoHistory() {
    }

    /**
     * The history of {@code regionCode} at {@code scale} (1.0: the published table's size), ordered by record time;
     * the same arguments give the same list.
     */
    public static List<PlannedCommand> generate(RegionCatalog regions, String regionCode, double scale, long seed) {
        if (!(scale > 0 && scale <= 10)) {
            throw new IllegalArgumentException("scale must be above 0 and at most 10, got " + scale);
        }
        Map<Indicator, Stocks> targets = PublishedTargets.at(scale);
        DemoPlan plan = new DemoPlan(seed);
        CarrierPlanner carriers = new CarrierPlanner(plan, regions, regionCode);
        carriers.plan(targets.get(Indicator.CARRIERS));
        TenantFactsPlanner facts = new TenantFactsPlanner(plan);
        CompanyPlanner companies = new CompanyPlanner(plan, carriers.carriers, facts);
        companies.plan(targets.get(Indicator.COMPANIES));
        companies.planTeams();
        new IpPlanner(plan, companies.incubations).plan(targets.get(Indicator.IP_HELD));

        Calibration calibration = new Calibration(carriers.carriers, scale);
        calibration.floorArea(targets.get(Indicator.FLOOR_AREA));
        Calibration.YearFactors staff = Calibration.yearEndReports(carriers.staffReports,
                                                                   targets.get(Indicator.STAFF));
        for (PlannedCarrier carrier : carriers.carriers) {
            PlanItem register = carrier.register;
            register.value2 = Math.max(1, Math.round(register.value2 * staff.of(carrier.openedOn.getYear())));
        }
        Calibration.yearEndReports(facts.headcountReports, targets.get(Indicator.JOBS));
        carriers.planClosures();
        return plan.commands();
    }

    static String padded(long number, int digits) {
        String text = Long.toString(number);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }
}
