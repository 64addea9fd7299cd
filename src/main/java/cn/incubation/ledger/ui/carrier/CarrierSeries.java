package cn.incubation.ledger.ui.carrier;

import cn.incubation.ledger.history.FindIncubatorHistory;
import cn.incubation.ledger.history.HistoryEntry;
import cn.incubation.ledger.history.HistoryPage;
import cn.incubation.ledger.history.IncubatorHistory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A carrier's tenants, graduates, jobs and IP at the end of each year up to a date, as known at an instant. No
 * projection keeps a series per carrier, so it is worked out from the carrier's timeline in one pass over the facts
 * that move these figures: the cost is the carrier's own events, however big its region is.
 */
@Component
class CarrierSeries {

    /** The facts that move the charted figures; the others are left in the history. */
    static final Set<String> TYPES = Set.of("TenantAdmitted", "TenantGraduated", "TenantWithdrawn", "IpGranted",
                                            "HeadcountReported");

    /** The figures on one date: the period's label, tenants in incubation, graduated so far, jobs, IP granted. */
    record Point(String period, LocalDate date, long tenants, long graduated, long jobs, long ipGranted) {
    }

    /** What the series needs of one tenant: its admission, the end of its incubation, its headcounts and grants. */
    private static final class Tenant {
        LocalDate admittedOn;
        LocalDate endedOn;
        boolean graduated;
        final TreeMap<LocalDate, Integer> headcounts = new TreeMap<>();
        final List<LocalDate> grants = new ArrayList<>();
    }

    private final IncubatorHistory history;

    CarrierSeries(IncubatorHistory history) {
        this.history = history;
    }

    /**
     * The figures at the end of each year from {@code fromYear} and on {@code asOf} itself (the last point), counting
     * only facts recorded by {@code knownAt}.
     */
    List<Point> yearly(String incubatorId, int fromYear, LocalDate asOf, Instant knownAt) {
        Map<String, Tenant> tenants = tenants(incubatorId, asOf, knownAt);
        List<Point> points = new ArrayList<>();
        for (int year = Math.min(fromYear, asOf.getYear()); year <= asOf.getYear(); year++) {
            LocalDate date = year == asOf.getYear() ? asOf : LocalDate.of(year, 12, 31);
            points.add(at(String.valueOf(year), date, tenants.values()));
        }
        return points;
    }

    private Map<String, Tenant> tenants(String incubatorId, LocalDate asOf, Instant knownAt) {
        Map<String, Tenant> tenants = new HashMap<>();
        for (int page = 0; ; page++) {
            HistoryPage found = history.find(new FindIncubatorHistory(incubatorId, null, asOf, TYPES, page,
                                                                      FindIncubatorHistory.MAX_SIZE));
            for (HistoryEntry entry : found.entries()) {
                if (entry.tenantId() == null || entry.recordedAt().isAfter(knownAt)) {
                    continue;
                }
                Tenant tenant = tenants.computeIfAbsent(entry.tenantId(), id -> new Tenant());
                switch (entry.type()) {
                    case "TenantAdmitted" -> tenant.admittedOn = entry.occurredOn();
                    case "TenantGraduated" -> {
                        tenant.endedOn = entry.occurredOn();
                        tenant.graduated = true;
                    }
                    case "TenantWithdrawn" -> tenant.endedOn = entry.occurredOn();
                    case "IpGranted" -> tenant.grants.add(entry.occurredOn());
                    case "HeadcountReported" -> tenant.headcounts.put(
                            entry.occurredOn(), ((Number) entry.fields().get("employees")).intValue());
                    default -> {
                    }
                }
            }
            if (page + 1 >= found.totalPages()) {
                return tenants;
            }
        }
    }

    private static Point at(String period, LocalDate date, Iterable<Tenant> tenants) {
        long inIncubation = 0;
        long graduated = 0;
        long jobs = 0;
        long grants = 0;
        for (Tenant tenant : tenants) {
            if (tenant.admittedOn == null || tenant.admittedOn.isAfter(date)) {
                continue;
            }
            boolean ended = tenant.endedOn != null && !tenant.endedOn.isAfter(date);
            if (ended && tenant.graduated) {
                graduated++;
            }
            grants += tenant.grants.stream().filter(d -> !d.isAfter(date)).count();
            if (!ended) {
                inIncubation++;
                Map.Entry<LocalDate, Integer> latest = tenant.headcounts.floorEntry(date);
                jobs += latest == null ? 0 : latest.getValue();
            }
        }
        return new Point(period, date, inIncubation, graduated, jobs, grants);
    }
}
