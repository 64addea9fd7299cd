package cn.incubation.ledger.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static cn.incubation.ledger.demo.DemoHistory.HISTORY_ORIGIN;
import static cn.incubation.ledger.demo.DemoHistory.OPENING_LOAD;
import static cn.incubation.ledger.demo.DemoHistory.OPENING_LOAD_SECONDS;

/**
 * What every planner of a demo history shares: the one random source (so the same seed draws the same history, in
 * the order the planners draw), the commands planned so far with their record times, and the ways of drawing dates
 * and weights.
 */
final class DemoPlan {

    final SplittableRandom rng;
    /** The prefix of every id the history gives, from its seed. */
    final String ids;
    final List<PlanItem> items = new ArrayList<>();

    DemoPlan(long seed) {
        this.rng = new SplittableRandom(seed);
        this.ids = "demo-" + Long.toUnsignedString(seed, 36);
    }

    /** The commands in the order the ledger learns them. */
    List<PlannedCommand> commands() {
        items.sort(Comparator.comparingLong((PlanItem i) -> i.recordedAt).thenComparingLong(i -> i.seq));
        List<PlannedCommand> planned = new ArrayList<>(items.size());
        for (PlanItem item : items) {
            planned.add(new PlannedCommand(item.build.apply(item), Instant.ofEpochSecond(item.recordedAt)));
        }
        return planned;
    }

    /**
     * Adds a command about a fact dated {@code date}, learned at {@code recordedAt} but never before {@code after}
     * (the command it depends on); {@code carrier} names a carrier whose closure must be recorded after it.
     */
    PlanItem item(LocalDate date, long recordedAt, PlanItem after, PlannedCarrier carrier, Function<PlanItem, Object> build) {
        long at = after == null ? recordedAt : Math.max(recordedAt, after.recordedAt + 1);
        PlanItem item = new PlanItem(items.size(), date, at, carrier, build);
        items.add(item);
        return item;
    }

    /** Most facts reach the ledger within days, some within weeks, and a few months late. */
    int lagDays() {
        double r = rng.nextDouble();
        return r < 0.75 ? rng.nextInt(11) : r < 0.93 ? 11 + rng.nextInt(35) : 60 + rng.nextInt(180);
    }

    /** A fact learned {@code lag} days after it happened, during office hours in China (01:00–10:00 UTC). */
    long recorded(LocalDate date, int lag) {
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
    long yearEndReport(int year) {
        return recorded(LocalDate.of(year + 1, 1, 5), rng.nextInt(85));
    }

    LocalDate date(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(rng.nextLong(days + 1));
    }

    static LocalDate noYearEnd(LocalDate date) {
        return date.getMonthValue() == 12 && date.getDayOfMonth() == 31 ? date.minusDays(1) : date;
    }

    int yearWeighted(int from, int to, double growth) {
        double[] weights = new double[to - from + 1];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.pow(growth, i);
        }
        return from + weighted(weights);
    }

    int weighted(double[] weights) {
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

    static BigDecimal area(double m2) {
        return BigDecimal.valueOf(Math.max(1, Math.round(m2)));
    }
}
