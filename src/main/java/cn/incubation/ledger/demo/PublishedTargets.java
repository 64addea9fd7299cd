package cn.incubation.ledger.demo;

import java.util.EnumMap;
import java.util.Map;

/**
 * The published comparison for the Chengdu–Chongqing circle (DOMAIN.md, "A published table to reproduce") as exact
 * stocks on 2020-12-31 and 2025-12-31, which the demo history hits exactly at any scale.
 *
 * <p>The report gives rounded figures ("5,700+", "~9,000,000") with an increase and a growth for each; each pair
 * below takes the end value the figure suggests and derives the 2020 value from the published growth, then checks
 * the increase against the published one:
 * <ul>
 *   <li>staff: 5,700+ and 24% → 5,720; 5,720 / 1.24 = 4,612.9 → 4,613; increase 1,107 ("1,000+").</li>
 *   <li>carriers (incubators incl. maker spaces): 960+ and 17% → 965; 965 / 1.17 = 824.8 → 825; increase 140
 *       ("140+"), growth 16.97%.</li>
 *   <li>floor area: ~9,000,000 m² and 62% → 9,000,000; / 1.62 = 5,555,556; increase 3,444,444 ("3,400,000+").</li>
 *   <li>companies incubated: 48,000+ and 24% with an increase of 9,200+ → 48,100; / 1.24 = 38,790; increase 9,310
 *       (48,000 would give 9,290, also "9,200+"; 48,100 keeps both figures clearly above their "+").</li>
 *   <li>IP obtained by tenants, cumulative: ~50,000 and 23% → 50,000; / 1.23 = 40,650; increase 9,350
 *       ("9,000+").</li>
 *   <li>jobs: ~150,000 and 54% → 150,000; / 1.54 = 97,403; increase 52,597 ("50,000+").</li>
 * </ul>
 * Every 2025 value is within 0.6% of the published figure and every growth within 0.05 percentage points.
 */
public final class PublishedTargets {

    /** The six indicators the published table gives, under the names the ledger's comparison uses. */
    public enum Indicator {
        CARRIERS("incubatorsInclMakerSpaces", 825, 965, 17),
        FLOOR_AREA("floorAreaM2", 5_555_556, 9_000_000, 62),
        STAFF("staff", 4_613, 5_720, 24),
        COMPANIES("companiesIncubated", 38_790, 48_100, 24),
        IP_HELD("ipCumulative", 40_650, 50_000, 23),
        JOBS("jobs", 97_403, 150_000, 54);

        private final String name;
        private final long end13th;
        private final long end14th;
        private final int publishedGrowthPercent;

        Indicator(String name, long end13th, long end14th, int publishedGrowthPercent) {
            this.name = name;
            this.end13th = end13th;
            this.end14th = end14th;
            this.publishedGrowthPercent = publishedGrowthPercent;
        }

        /** The indicator's name in {@link cn.incubation.ledger.regionaltotals.Comparison}. */
        public String indicatorName() {
            return name;
        }

        /** The value the published table gives for 2025-12-31, as chosen above. */
        public long published2025() {
            return end14th;
        }

        /** The value on 2020-12-31 derived from the published growth. */
        public long derived2020() {
            return end13th;
        }

        /** The growth the table prints, in percent. */
        public int publishedGrowthPercent() {
            return publishedGrowthPercent;
        }
    }

    /** An indicator's stock on 2020-12-31 and on 2025-12-31. */
    public record Stocks(long end2020, long end2025) {

        public double growthPercent() {
            return 100.0 * (end2025 - end2020) / end2020;
        }
    }

    private PublishedTargets() {
    }

    /** The exact stocks a history at {@code scale} is built to: the published ones at 1.0, scaled ones below. */
    public static Map<Indicator, Stocks> at(double scale) {
        Map<Indicator, Stocks> stocks = new EnumMap<>(Indicator.class);
        for (Indicator indicator : Indicator.values()) {
            stocks.put(indicator, scaled(indicator, scale));
        }
        return stocks;
    }

    /**
     * Scaled stocks keep the growth rather than the rounding: for small counts (17 carriers, not 825) rounding both
     * ends independently could move the growth by several points, so the 2020 value is chosen near {@code scale}
     * times the published one such that the rounded 2025 value gives the growth within a quarter point.
     */
    static Stocks scaled(Indicator indicator, double scale) {
        if (scale == 1.0) {
            return new Stocks(indicator.end13th, indicator.end14th);
        }
        double ratio = (double) indicator.end14th / indicator.end13th;
        double base = indicator.end13th * scale;
        long low = Math.max(1, (long) Math.floor(base * 0.85));
        long high = Math.max(low + 3, (long) Math.ceil(base * 1.15));
        Stocks best = null;
        double bestScore = Double.MAX_VALUE;
        // At tiny scales no count near the scaled one may express the growth (seven carriers over six is the
        // smallest 17%), so the search goes on upwards until one does.
        for (long from = low; from <= high || bestScore >= 1e6 && from < 10_000; from++) {
            long to = Math.round(from * ratio);
            double growthError = Math.abs((double) to / from - ratio) * 100;
            // Within a quarter point any candidate will do, and the nearest to the scaled value is the most faithful.
            double score = (growthError <= 0.25 ? 0 : growthError * 1e6) + Math.abs(from - base) / Math.max(1, base);
            if (score < bestScore) {
                bestScore = score;
                best = new Stocks(from, to);
            }
        }
        return best;
    }
}
