package cn.incubation.ledger.regionaltotals.projection;

import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.regionaltotals.Comparison;
import cn.incubation.ledger.regionaltotals.RegionalSeries;
import cn.incubation.ledger.regionaltotals.RegionalSeries.Flows;
import cn.incubation.ledger.regionaltotals.RegionalSeries.Granularity;
import cn.incubation.ledger.regionaltotals.RegionalSeries.Period;
import cn.incubation.ledger.regionaltotals.RegionalTotals;
import cn.incubation.ledger.regionaltotals.RegionalTotalsQueries;
import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.Digits;
import cn.incubation.ledger.shared.LedgerRejection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static cn.incubation.ledger.regionaltotals.projection.RegionalTotalsProjection.CHINA;
import static cn.incubation.ledger.regionaltotals.projection.RegionalTotalsProjection.META_ID;
import static cn.incubation.ledger.regionaltotals.projection.RegionalTotalsProjection.NAME;
import static cn.incubation.ledger.regionaltotals.projection.RegionalTotalsProjection.TOTALS;

/**
 * Answers regional queries from documents whose ids it computes. As known now (a {@code knownAt} after the last
 * recorded fact), totals come from the year and month documents by business date; as known at an earlier instant,
 * from the record-month and record-day documents before it plus the exact changes of its own day.
 */
@Component
class MongoRegionalTotalsQueries implements RegionalTotalsQueries {

    private static final int FIRST_YEAR = Check.EARLIEST_DATE.getYear();
    /** Periods a series has at most: fifty years of months. */
    static final int MAX_PERIODS = 600;
    /** The comparison's stocks, the published table's six among them, in the order a report lists them. */
    static final List<String> COMPARED = List.of("incubatorsInclMakerSpaces", "carriersTotal", "floorAreaM2", "staff",
                                                 "tenantsInIncubation", "teamsInIncubation", "companiesIncubated",
                                                 "graduatedCompanies", "graduations", "ipInIncubation",
                                                 "ipCumulative", "jobs", "investmentCount",
                                                 "investmentAmountCny");
    /** Carrier kinds that count as incubators with maker spaces (孵化器(含众创空间)), the published table's row. */
    private static final List<String> INCUBATORS_INCL_MAKER_SPACES = List.of("INCUBATOR", "MAKER_SPACE");

    private final ProjectionService projections;
    private final RegionCatalog regions;

    MongoRegionalTotalsQueries(ProjectionService projections, RegionCatalog regions) {
        this.projections = projections;
        this.regions = regions;
    }

    @Override
    public RegionalTotals totals(String regionCode, LocalDate asOf, Instant knownAt) {
        regions.require(regionCode);
        Gathered gathered = gather(regionCode, asOf, asOf, knownAt);
        return view(regionCode, asOf, knownAt, gathered.valuesAt(asOf), partialMembers(regionCode));
    }

    @Override
    public RegionalSeries series(String regionCode, LocalDate from, LocalDate to, Granularity granularity,
                                 Instant knownAt) {
        regions.require(regionCode);
        requireOrder(from, to);
        long periods = periods(from, to, granularity);
        if (periods > MAX_PERIODS) {
            throw LedgerRejection.invalid("to", to, "makes " + periods + " " + granularity.name().toLowerCase()
                    + " periods from " + from + "; a series has at most " + MAX_PERIODS + " (ask for a coarser "
                    + "granularity or a shorter range)");
        }
        Gathered gathered = gather(regionCode, from.minusDays(1), to, knownAt);
        Gathered.Cursor cursor = gathered.cursor();
        List<Period> result = new ArrayList<>();
        for (LocalDate start = periodStart(from, granularity); !start.isAfter(to);
             start = periodEnd(start, granularity).plusDays(1)) {
            LocalDate end = periodEnd(start, granularity);
            LocalDate until = end.isAfter(to) ? to : end;
            LocalDate since = start.isBefore(from) ? from : start;
            Map<String, Sum> before = cursor.valuesAt(since.minusDays(1));
            Map<String, Sum> atEnd = cursor.valuesAt(until);
            result.add(new Period(label(start, granularity), start, end,
                                  view(regionCode, until, knownAt, atEnd, List.of()), flows(before, atEnd)));
        }
        return new RegionalSeries(regionCode, from, to, granularity, knownAt, result, partialMembers(regionCode));
    }

    @Override
    public Comparison comparison(String regionCode, LocalDate from, LocalDate to, Instant knownAt) {
        regions.require(regionCode);
        requireOrder(from, to);
        Gathered gathered = gather(regionCode, from, to, knownAt);
        Gathered.Cursor cursor = gathered.cursor();
        Map<String, Sum> atFrom = cursor.valuesAt(from);
        Map<String, Sum> atTo = cursor.valuesAt(to);
        Map<String, BigDecimal> a = indicators(atFrom);
        Map<String, BigDecimal> b = indicators(atTo);
        List<Comparison.Row> rows = new ArrayList<>();
        for (String indicator : COMPARED) {
            BigDecimal x = a.get(indicator);
            BigDecimal y = b.get(indicator);
            BigDecimal increase = y.subtract(x);
            BigDecimal growth = x.signum() == 0 ? null
                    : increase.multiply(BigDecimal.valueOf(100)).divide(x, 1, RoundingMode.HALF_UP);
            rows.add(new Comparison.Row(indicator, x, y, increase, growth));
        }
        return new Comparison(regionCode, from, to, knownAt, rows, flows(atFrom, atTo), partialMembers(regionCode));
    }

    /** Changes known at an instant: folded into one base before {@code rangeStart}'s month, then day by day. */
    private static final class Gathered {
        final LocalDate monthStart;
        final LocalDate rangeEnd;
        final Map<String, Sum> base = new HashMap<>();
        final NavigableMap<LocalDate, Map<String, Sum>> days = new TreeMap<>();

        Gathered(LocalDate rangeStart, LocalDate rangeEnd) {
            this.monthStart = rangeStart.withDayOfMonth(1);
            this.rangeEnd = rangeEnd;
        }

        void add(LocalDate date, String metric, Object stored) {
            if (date.isBefore(monthStart)) {
                base.computeIfAbsent(metric, m -> new Sum()).add(stored);
            } else if (!date.isAfter(rangeEnd)) {
                days.computeIfAbsent(date, d -> new HashMap<>()).computeIfAbsent(metric, m -> new Sum()).add(stored);
            }
        }

        Map<String, Sum> valuesAt(LocalDate date) {
            return cursor().valuesAt(date);
        }

        /** Reads the values at dates that never go back, adding each day once however many dates are asked. */
        Cursor cursor() {
            return new Cursor();
        }

        final class Cursor {
            private final Map<String, Sum> running = new HashMap<>();
            private final java.util.Iterator<Map.Entry<LocalDate, Map<String, Sum>>> ahead = days.entrySet()
                                                                                               .iterator();
            private Map.Entry<LocalDate, Map<String, Sum>> next;

            Cursor() {
                base.forEach((metric, sum) -> running.put(metric, sum.copy()));
                next = ahead.hasNext() ? ahead.next() : null;
            }

            /** The values at the end of {@code date}, a copy the caller may keep. */
            Map<String, Sum> valuesAt(LocalDate date) {
                while (next != null && !next.getKey().isAfter(date)) {
                    next.getValue().forEach((metric, sum) -> running.computeIfAbsent(metric, m -> new Sum()).add(sum));
                    next = ahead.hasNext() ? ahead.next() : null;
                }
                Map<String, Sum> values = new HashMap<>();
                running.forEach((metric, sum) -> values.put(metric, sum.copy()));
                return values;
            }
        }
    }

    private Gathered gather(String region, LocalDate rangeStart, LocalDate rangeEnd, Instant knownAt) {
        Gathered gathered = new Gathered(rangeStart, rangeEnd);
        MongoCollection<Document> totals = projections.collection(NAME, TOTALS);
        Document meta = totals.find(Filters.eq("_id", META_ID)).first();
        if (meta == null || knownAt.toEpochMilli() < meta.get("firstRecorded", Number.class).longValue()) {
            return gathered;
        }
        if (knownAt.toEpochMilli() >= meta.get("lastRecorded", Number.class).longValue()) {
            gatherByBusinessDate(totals, region, gathered);
        } else {
            gatherByRecordTime(totals, region, gathered, knownAt,
                               Instant.ofEpochMilli(meta.get("firstRecorded", Number.class).longValue()));
        }
        return gathered;
    }

    private void gatherByBusinessDate(MongoCollection<Document> totals, String region, Gathered gathered) {
        List<String> ids = new ArrayList<>();
        for (int year = FIRST_YEAR; year < gathered.monthStart.getYear(); year++) {
            ids.add(region + "|y|" + year);
        }
        for (YearMonth month = YearMonth.of(gathered.monthStart.getYear(), 1);
             !month.isAfter(YearMonth.from(gathered.rangeEnd)); month = month.plusMonths(1)) {
            ids.add(region + "|m|" + month);
        }
        for (Document doc : totals.find(Filters.in("_id", ids))) {
            String id = doc.getString("_id");
            boolean wholeInBase = id.startsWith(region + "|y|")
                    || YearMonth.parse(id.substring(id.lastIndexOf('|') + 1)).atDay(1).isBefore(gathered.monthStart);
            YearMonth month = wholeInBase ? null : YearMonth.parse(id.substring(id.lastIndexOf('|') + 1));
            doc.forEach((field, value) -> {
                if (wholeInBase && field.startsWith("t:")) {
                    gathered.base.computeIfAbsent(field.substring(2), m -> new Sum()).add(value);
                } else if (!wholeInBase && field.startsWith("d:")) {
                    int colon = field.indexOf(':', 2);
                    gathered.add(month.atDay(Integer.parseInt(field.substring(2, colon))), field.substring(colon + 1),
                                 value);
                }
            });
        }
    }

    private void gatherByRecordTime(MongoCollection<Document> totals, String region, Gathered gathered,
                                    Instant knownAt, Instant firstRecorded) {
        LocalDate knownDay = knownAt.atZone(CHINA).toLocalDate();
        YearMonth knownMonth = YearMonth.from(knownDay);
        int firstYear = gathered.monthStart.getYear();
        int lastYear = gathered.rangeEnd.getYear();
        List<String> ids = new ArrayList<>();
        for (YearMonth month = YearMonth.from(firstRecorded.atZone(CHINA)); !month.isAfter(knownMonth);
             month = month.plusMonths(1)) {
            ids.add(region + "|rm|" + month);
            if (month.isBefore(knownMonth)) {
                for (int year = firstYear; year <= lastYear; year++) {
                    ids.add(region + "|rm|" + month + "|" + year);
                }
            }
        }
        String knownMonthId = region + "|rm|" + knownMonth;
        List<String> chunks = new ArrayList<>();
        for (Document doc : totals.find(Filters.in("_id", ids))) {
            String id = doc.getString("_id");
            if (id.equals(knownMonthId)) {
                doc.keySet().stream().filter(f -> f.startsWith("x:")).forEach(f -> {
                    int colon = f.indexOf(':', 2);
                    int day = Integer.parseInt(f.substring(2, colon));
                    if (day <= knownDay.getDayOfMonth()) {
                        chunks.add("rx|" + knownMonth.atDay(day) + "|" + f.substring(colon + 1));
                    }
                });
                continue;
            }
            boolean oneYear = id.length() > region.length() + 11;
            doc.forEach((field, value) -> {
                if (oneYear && field.startsWith("v:")) {
                    // v:<yyyy-MM-dd>:<metric>, the dates of a year the range touches
                    gathered.add(date(field, 2), field.substring(13), value);
                } else if (!oneYear && field.startsWith("s:") && number(field, 2, 6) < firstYear) {
                    // s:<yyyy>:<metric>, a whole year before the range
                    gathered.base.computeIfAbsent(field.substring(7), m -> new Sum()).add(value);
                }
            });
        }
        if (chunks.isEmpty()) {
            return;
        }
        long limit = knownAt.toEpochMilli();
        for (Document chunk : totals.find(Filters.in("_id", chunks))) {
            for (String entry : chunk.getList("e", String.class)) {
                String[] e = entry.split("\\|", -1);
                if (Long.parseLong(e[3]) > limit) {
                    continue;
                }
                String division = e[0];
                boolean counts = "1".equals(e[1]) ? regions.rollUps(division).contains(region)
                        : division.equals(region);
                if (counts) {
                    gathered.add(date(e[2], 0), e[4], Long.parseLong(e[5]));
                }
            }
        }
    }

    /**
     * The date at {@code text[from, from + 10)}, as the projection writes dates into field names ({@code yyyy-MM-dd},
     * years from {@link Check#EARLIEST_DATE}): read digit by digit, because a past {@code knownAt} reads every changed
     * date of every month recorded before it, and {@link LocalDate#parse} was a fifth of such a query.
     */
    static LocalDate date(String text, int from) {
        return LocalDate.of(number(text, from, from + 4), number(text, from + 5, from + 7),
                            number(text, from + 8, from + 10));
    }

    private static int number(String text, int from, int to) {
        int value = Digits.value(text, from, to);
        if (value < 0) {
            throw new IllegalStateException("not a date in a regional totals field: " + text);
        }
        return value;
    }

    private static RegionalTotals view(String region, LocalDate asOf, Instant knownAt, Map<String, Sum> v,
                                       List<RegionalTotals.PartialMember> partialMembers) {
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> byLevel = new TreeMap<>();
        Map<String, Long> ipByKind = new TreeMap<>();
        Map<String, Long> ipInIncubationByKind = new TreeMap<>();
        v.forEach((metric, value) -> {
            if (value.isZero()) {
                return;
            }
            if (metric.startsWith(Metrics.KIND_PREFIX)) {
                byKind.put(metric.substring(Metrics.KIND_PREFIX.length()), value.count());
            } else if (metric.startsWith(Metrics.LEVEL_PREFIX)) {
                byLevel.put(metric.substring(Metrics.LEVEL_PREFIX.length()), value.count());
            } else if (metric.startsWith(Metrics.IP_KIND_PREFIX)) {
                ipByKind.put(metric.substring(Metrics.IP_KIND_PREFIX.length()), value.count());
            } else if (metric.startsWith(Metrics.IP_IN_INCUBATION_KIND_PREFIX)) {
                ipInIncubationByKind.put(metric.substring(Metrics.IP_IN_INCUBATION_KIND_PREFIX.length()),
                                         value.count());
            }
        });
        return new RegionalTotals(region, asOf, knownAt,
                                  new RegionalTotals.Carriers(incubatorsInclMakerSpaces(v), count(v, Metrics.CARRIERS),
                                                              byKind, byLevel),
                                  get(v, Metrics.FLOOR_AREA_CM2).hundredths(), count(v, Metrics.STAFF),
                                  count(v, Metrics.TENANTS), count(v, Metrics.TEAMS), count(v, Metrics.COMPANIES),
                                  new RegionalTotals.Graduated(count(v, Metrics.GRADUATED_COMPANIES),
                                                               count(v, Metrics.GRADUATED)),
                                  new RegionalTotals.IpHeld(count(v, Metrics.IP_IN_INCUBATION), count(v, Metrics.IP),
                                                            ipInIncubationByKind, ipByKind),
                                  count(v, Metrics.JOBS),
                                  new RegionalTotals.InvestmentReceived(count(v, Metrics.INVESTMENT_COUNT),
                                                                        get(v, Metrics.INVESTMENT_FEN).hundredths()),
                                  partialMembers);
    }

    private static long incubatorsInclMakerSpaces(Map<String, Sum> v) {
        return INCUBATORS_INCL_MAKER_SPACES.stream().mapToLong(kind -> count(v, Metrics.kind(kind))).sum();
    }

    private static Map<String, BigDecimal> indicators(Map<String, Sum> v) {
        Map<String, BigDecimal> values = new HashMap<>();
        values.put("incubatorsInclMakerSpaces", BigDecimal.valueOf(incubatorsInclMakerSpaces(v)));
        values.put("carriersTotal", BigDecimal.valueOf(count(v, Metrics.CARRIERS)));
        values.put("floorAreaM2", get(v, Metrics.FLOOR_AREA_CM2).hundredths());
        values.put("staff", BigDecimal.valueOf(count(v, Metrics.STAFF)));
        values.put("tenantsInIncubation", BigDecimal.valueOf(count(v, Metrics.TENANTS)));
        values.put("teamsInIncubation", BigDecimal.valueOf(count(v, Metrics.TEAMS)));
        values.put("companiesIncubated", BigDecimal.valueOf(count(v, Metrics.COMPANIES)));
        values.put("graduatedCompanies", BigDecimal.valueOf(count(v, Metrics.GRADUATED_COMPANIES)));
        values.put("graduations", BigDecimal.valueOf(count(v, Metrics.GRADUATED)));
        values.put("ipInIncubation", BigDecimal.valueOf(count(v, Metrics.IP_IN_INCUBATION)));
        values.put("ipCumulative", BigDecimal.valueOf(count(v, Metrics.IP)));
        values.put("jobs", BigDecimal.valueOf(count(v, Metrics.JOBS)));
        values.put("investmentCount", BigDecimal.valueOf(count(v, Metrics.INVESTMENT_COUNT)));
        values.put("investmentAmountCny", get(v, Metrics.INVESTMENT_FEN).hundredths());
        return values;
    }

    /** What flowed between two dates: the stocks of the flow indicators at the later less those at the earlier. */
    private static Flows flows(Map<String, Sum> before, Map<String, Sum> after) {
        return new Flows(delta(after, before, Metrics.INVESTMENT_COUNT).count(),
                         delta(after, before, Metrics.INVESTMENT_FEN).hundredths(),
                         delta(after, before, Metrics.COMPANIES).count(),
                         delta(after, before, Metrics.GRADUATED).count(),
                         delta(after, before, Metrics.GRADUATED_COMPANIES).count(),
                         delta(after, before, Metrics.IP).count());
    }

    private List<RegionalTotals.PartialMember> partialMembers(String regionCode) {
        return regions.partialMembers(regionCode).stream().map(regions::require)
                      .map(r -> new RegionalTotals.PartialMember(r.code(), r.nameZh(), r.nameEn())).toList();
    }

    private static Sum get(Map<String, Sum> values, String metric) {
        Sum sum = values.get(metric);
        return sum == null ? new Sum() : sum;
    }

    private static long count(Map<String, Sum> values, String metric) {
        return get(values, metric).count();
    }

    private static Sum delta(Map<String, Sum> after, Map<String, Sum> before, String metric) {
        Sum delta = get(after, metric).copy();
        delta.add(get(before, metric).negated());
        return delta;
    }

    private static void requireOrder(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw LedgerRejection.invalid("to", to, "must not be before from (" + from + ")");
        }
    }

    /** How many periods of the granularity the range from {@code from} to {@code to} touches. */
    static long periods(LocalDate from, LocalDate to, Granularity granularity) {
        long months = (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue();
        return switch (granularity) {
            case YEAR -> to.getYear() - from.getYear() + 1L;
            case QUARTER -> (to.getYear() * 4L + (to.getMonthValue() - 1) / 3)
                    - (from.getYear() * 4L + (from.getMonthValue() - 1) / 3) + 1;
            case MONTH -> months + 1;
        };
    }

    private static LocalDate periodStart(LocalDate date, Granularity granularity) {
        return switch (granularity) {
            case YEAR -> date.withDayOfYear(1);
            case QUARTER -> date.withMonth((date.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    private static LocalDate periodEnd(LocalDate start, Granularity granularity) {
        return switch (granularity) {
            case YEAR -> start.plusYears(1).minusDays(1);
            case QUARTER -> start.plusMonths(3).minusDays(1);
            case MONTH -> start.plusMonths(1).minusDays(1);
        };
    }

    private static String label(LocalDate start, Granularity granularity) {
        return switch (granularity) {
            case YEAR -> Integer.toString(start.getYear());
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case MONTH -> YearMonth.from(start).toString();
        };
    }
}
