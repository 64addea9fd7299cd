package cn.incubation.ledger.regionaltotals.projection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What one carrier, tenant or company adds to the regional totals, as dated steps: "+1 carrier from 2016-03-01",
 * "-1 from 2024-06-30". An entity's contribution is recomputed from everything known about it after each of its
 * events; the difference from the previous contribution is what the event changes in the totals. Late facts,
 * corrections and retractions thereby change exactly the dates they concern, and the change is recorded at the
 * time the ledger learned it, which is what {@code knownAt} queries need.
 */
final class Contributions {

    private Contributions() {
    }

    /**
     * Where and from when a step counts. An entity's steps are worked out anew after each of its events, so they are
     * keyed by this record rather than by text made for each step; stored, the key is its text
     * {@code region|metric|date} ({@link #toString}, {@link #valueOf}).
     */
    record Step(String region, String metric, LocalDate date) {

        @JsonCreator
        static Step valueOf(String text) {
            int a = text.indexOf('|');
            int b = text.lastIndexOf('|');
            if (a <= 0 || b <= a) {
                throw new IllegalArgumentException("not a step (region|metric|date): " + text);
            }
            return new Step(text.substring(0, a), text.substring(a + 1, b), LocalDate.parse(text.substring(b + 1)));
        }

        /**
         * A date counts as its day in a calendar of 31-day months, whose low bits change with the year too.
         * {@link LocalDate#hashCode} keeps the year out of its low bits, so an entity's steps on one day of the year
         * (a headcount reported every December 31st) all fell into one bucket of a hash map, which then searched them
         * one by one: steps are not comparable. {@link LocalDate#toEpochDay} would do too, at several times the cost.
         */
        @Override
        public int hashCode() {
            int day = (date.getYear() * 12 + date.getMonthValue()) * 31 + date.getDayOfMonth();
            return (31 * region.hashCode() + metric.hashCode()) * 31 + day;
        }

        /** The date first: an entity's steps differ in it far more often than in the other two. */
        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Step step && date.equals(step.date) && metric.equals(step.metric)
                    && region.equals(step.region);
        }

        @Override
        public String toString() {
            return region + "|" + metric + "|" + date;
        }
    }

    /** Values are the step's size in the metric's unit. */
    static final class Steps {
        final Map<Step, Long> steps = new HashMap<>();

        void add(String region, String metric, LocalDate date, long delta) {
            if (delta != 0 && date != null) {
                // Checked: a sum past a long's range is refused (the event is parked), never wrapped.
                steps.merge(new Step(region, metric, date), delta, Math::addExact);
            }
        }

        /** A value that holds from {@code from} (inclusive) to {@code to} (exclusive; null: still holds). */
        void interval(String region, String metric, LocalDate from, LocalDate to, long value) {
            if (to != null && !to.isAfter(from)) {
                return;
            }
            add(region, metric, from, value);
            if (to != null) {
                add(region, metric, to, -value);
            }
        }

        /**
         * A value reported at dates, holding from each report to the next, within [{@code from}, {@code to}); zero
         * before the first report. Reports on the same date: the last one recorded counts.
         */
        <T> void reported(String region, String metric, LocalDate from, LocalDate to, List<T> reportsInRecordOrder,
                          Function<T, LocalDate> date, Function<T, Long> value) {
            TreeMap<LocalDate, Long> byDate = new TreeMap<>();
            for (T report : reportsInRecordOrder) {
                byDate.put(date.apply(report), value.apply(report));
            }
            long current = 0;
            for (Map.Entry<LocalDate, Long> point : byDate.entrySet()) {
                LocalDate at = point.getKey().isBefore(from) ? from : point.getKey();
                if (to != null && !at.isBefore(to)) {
                    break;
                }
                add(region, metric, at, point.getValue() - current);
                current = point.getValue();
            }
            if (to != null) {
                add(region, metric, to, -current);
            }
        }
    }

    /**
     * A contribution as an entity keeps it between its events: its steps and their sizes, in two arrays. An entity's
     * steps are worked out anew after each of its events, and during a rebuild the entity, with its contribution,
     * lives until the end; as a map, every event left a new one of some thirty objects for the garbage collector to
     * copy. Here a step equal to one of the previous contribution is that same object, so what an event leaves is two
     * arrays and the steps that are new. Stored (JSON), it is a map {@code region|metric|date} to size, as before.
     */
    static final class Contribution {

        static final Contribution NONE = new Contribution(new Step[0], new long[0]);

        final Step[] steps;
        final long[] values;

        private Contribution(Step[] steps, long[] values) {
            this.steps = steps;
            this.values = values;
        }

        /** {@code next}, with the steps of {@code previous} wherever they are equal. */
        static Contribution of(Map<Step, Long> next, Contribution previous) {
            return previous.followedBy(next, null);
        }

        /**
         * {@code next} as a contribution, with this one's step objects wherever they are equal, and what changed since
         * this one, step by step without zeroes, put into {@code difference} (if given): one look-up per step of
         * {@code next}, which a rebuild makes for every event of every carrier, tenant and company.
         */
        Contribution followedBy(Map<Step, Long> next, Map<Step, Long> difference) {
            Map<Step, Integer> before = index();
            boolean[] stays = new boolean[steps.length];
            Step[] nextSteps = new Step[next.size()];
            long[] nextValues = new long[next.size()];
            int i = 0;
            for (Map.Entry<Step, Long> entry : next.entrySet()) {
                Integer at = before.get(entry.getKey());
                long value = entry.getValue();
                long was = 0;
                if (at == null) {
                    nextSteps[i] = entry.getKey();
                } else {
                    stays[at] = true;
                    nextSteps[i] = steps[at];
                    was = values[at];
                }
                nextValues[i] = value;
                long change = Math.subtractExact(value, was);
                if (difference != null && change != 0) {
                    difference.put(nextSteps[i], change);
                }
                i++;
            }
            for (int gone = 0; difference != null && gone < steps.length; gone++) {
                if (!stays[gone] && values[gone] != 0) {
                    difference.put(steps[gone], -values[gone]);
                }
            }
            return new Contribution(nextSteps, nextValues);
        }

        @JsonCreator
        static Contribution fromJson(Map<String, Long> stored) {
            Map<Step, Long> steps = new LinkedHashMap<>();
            stored.forEach((step, value) -> steps.put(Step.valueOf(step), value));
            return of(steps, NONE);
        }

        @JsonValue
        Map<String, Long> toJson() {
            Map<String, Long> stored = new LinkedHashMap<>();
            for (int i = 0; i < steps.length; i++) {
                stored.put(steps[i].toString(), values[i]);
            }
            return stored;
        }

        /** The contribution as a map, step to size. */
        Map<Step, Long> asMap() {
            Map<Step, Long> map = new LinkedHashMap<>();
            for (int i = 0; i < steps.length; i++) {
                map.put(steps[i], values[i]);
            }
            return map;
        }

        /** Where each step is in the arrays: for the time of one event only. */
        private Map<Step, Integer> index() {
            Map<Step, Integer> index = new HashMap<>(steps.length * 2);
            for (int i = 0; i < steps.length; i++) {
                index.put(steps[i], i);
            }
            return index;
        }
    }

    /** An entity with the contribution it made when it was last changed. */
    abstract static class Contributor {
        public Contribution contribution = Contribution.NONE;
    }

    /** A dated value in the order it was recorded. */
    record Point(LocalDate date, long value) {
    }

    /** A dated level in the order it was recorded. */
    record LevelPoint(LocalDate date, String level) {
    }

    /** What the totals need of a carrier. */
    static final class Carrier extends Contributor {
        public String region;
        public String kind;
        public LocalDate openedOn;
        public LocalDate closedOn;
        public List<Point> floorAreaCm2 = new ArrayList<>();
        public List<Point> staff = new ArrayList<>();
        public List<LevelPoint> levels = new ArrayList<>();

        Map<Step, Long> contribute() {
            Steps s = new Steps();
            s.interval(region, Metrics.CARRIERS, openedOn, closedOn, 1);
            s.interval(region, Metrics.kind(kind), openedOn, closedOn, 1);
            s.reported(region, Metrics.FLOOR_AREA_CM2, openedOn, closedOn, floorAreaCm2, Point::date, Point::value);
            s.reported(region, Metrics.STAFF, openedOn, closedOn, staff, Point::date, Point::value);
            TreeMap<LocalDate, String> byDate = new TreeMap<>();
            levels.forEach(p -> byDate.put(p.date(), p.level()));
            List<Map.Entry<LocalDate, String>> segments = new ArrayList<>(byDate.entrySet());
            for (int i = 0; i < segments.size(); i++) {
                LocalDate start = segments.get(i).getKey().isBefore(openedOn) ? openedOn : segments.get(i).getKey();
                LocalDate end = i + 1 < segments.size() ? segments.get(i + 1).getKey() : null;
                if (closedOn != null && (end == null || closedOn.isBefore(end))) {
                    end = closedOn;
                }
                s.interval(region, Metrics.level(segments.get(i).getValue()), start, end, 1);
            }
            return s.steps;
        }
    }

    /** An IP grant as the totals count it. */
    record Grant(LocalDate date, String kind, String number) {
    }

    /** An investment as the totals count it: the latest recorded values, or retracted. */
    record Investment(LocalDate receivedOn, long fen, boolean retracted) {
    }

    /** What the totals need of one incubation. */
    static final class Tenant extends Contributor {
        public String incubatorId;
        public String region;
        /** Null for a team until it registers a company. */
        public String creditCode;
        /** Admitted as a team without a company. */
        public boolean team;
        /** When a team registered its company. */
        public LocalDate registeredOn;
        public LocalDate admittedOn;
        public LocalDate endedOn;
        public boolean graduated;
        public List<Grant> grants = new ArrayList<>();
        public List<Point> headcounts = new ArrayList<>();
        public Map<String, Investment> investments = new LinkedHashMap<>();

        Map<Step, Long> contribute() {
            Steps s = new Steps();
            if (region == null) {
                return s.steps;
            }
            LocalDate companyFrom = team ? registeredOn : admittedOn;
            if (team) {
                s.interval(region, Metrics.TEAMS, admittedOn, registeredOn != null ? registeredOn : endedOn, 1);
            }
            if (companyFrom != null) {
                s.interval(region, Metrics.TENANTS, companyFrom, endedOn, 1);
            }
            if (graduated) {
                s.add(region, Metrics.GRADUATED, endedOn, 1);
            }
            for (Grant grant : grants) {
                s.add(region, Metrics.IP, grant.date(), 1);
                s.add(region, Metrics.ipKind(grant.kind()), grant.date(), 1);
                s.interval(region, Metrics.IP_IN_INCUBATION, grant.date(), endedOn, 1);
                s.interval(region, Metrics.ipInIncubationKind(grant.kind()), grant.date(), endedOn, 1);
            }
            s.reported(region, Metrics.JOBS, admittedOn, endedOn, headcounts, Point::date, Point::value);
            for (Investment investment : investments.values()) {
                if (!investment.retracted()) {
                    s.add(region, Metrics.INVESTMENT_COUNT, investment.receivedOn(), 1);
                    s.add(region, Metrics.INVESTMENT_FEN, investment.receivedOn(), investment.fen());
                }
            }
            return s.steps;
        }
    }

    /**
     * One incubation of a company: from when it was the company's (its admission, or a team's registration), in which
     * division its carrier is, and when it graduated, if it did.
     */
    record Incubation(LocalDate admittedOn, String region, LocalDate graduatedOn) {

        Incubation graduated(LocalDate on) {
            return new Incubation(admittedOn, region, on);
        }
    }

    /**
     * A company (credit code) across its incubations: it counts once as incubated in every region that holds any of
     * them, from its first admission there, and once as graduated, from its first graduation there.
     */
    static final class Company extends Contributor {
        public Map<String, Incubation> incubations = new LinkedHashMap<>();

        Map<Step, Long> contribute(Function<String, Set<String>> rollUps) {
            Map<String, LocalDate> first = new HashMap<>();
            Map<String, LocalDate> firstGraduation = new HashMap<>();
            for (Incubation incubation : incubations.values()) {
                if (incubation.region() == null) {
                    continue;
                }
                for (String region : rollUps.apply(incubation.region())) {
                    first.merge(region, incubation.admittedOn(), Contributions::earlier);
                    if (incubation.graduatedOn() != null) {
                        firstGraduation.merge(region, incubation.graduatedOn(), Contributions::earlier);
                    }
                }
            }
            Steps s = new Steps();
            first.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                 .forEach(e -> s.add(e.getKey(), Metrics.COMPANIES, e.getValue(), 1));
            firstGraduation.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                           .forEach(e -> s.add(e.getKey(), Metrics.GRADUATED_COMPANIES, e.getValue(), 1));
            return s.steps;
        }
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
