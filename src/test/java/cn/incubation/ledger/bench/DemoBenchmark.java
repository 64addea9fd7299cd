package cn.incubation.ledger.bench;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.demo.DemoHistory;
import cn.incubation.ledger.demo.DemoLoader;
import cn.incubation.ledger.demo.PlannedCommand;
import cn.incubation.ledger.demo.PublishedTargets;
import cn.incubation.ledger.demo.PublishedTargets.Indicator;
import cn.incubation.ledger.demo.PublishedTargets.Stocks;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.regionaltotals.Comparison;
import cn.incubation.ledger.regionaltotals.RegionalTotalsQueries;
import cn.incubation.ledger.web.LedgerHttp;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the demo history of the Chengdu–Chongqing circle through the command path on the embedded server (H2),
 * waits for the projections, and prints the events, the wall time, the rate and the regional comparison with
 * PASS/FAIL per published indicator: at scale 1.0 every 2025 value within 1% of the published figure, at any scale
 * every growth within one percentage point. Run with
 * {@code mvn -B -q -Pbenchmark test-compile exec:exec -Dbench.main=cn.incubation.ledger.bench.DemoBenchmark
 * -Dbench.args="-Dbench.scale=1.0"} (also {@code -Dbench.seed}, {@code -Dbench.workers}, {@code -Dbench.backend}, {@code -Dbench.cache}).
 */
public final class DemoBenchmark {

    private static final double SCALE = Double.parseDouble(System.getProperty("bench.scale", "1.0"));
    private static final long SEED = Long.getLong("bench.seed", 2025);
    private static final int WORKERS = Integer.getInteger("bench.workers", 4);
    private static final String BACKEND = System.getProperty("bench.backend", "h2");
    /** {@code weak}: the ledger's aggregate caches; {@code lru}: bounded strong caches instead (an experiment). */
    private static final String CACHE = System.getProperty("bench.cache", "weak");

    private DemoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("ledger-bench-demo");
        System.out.printf(Locale.ROOT, "Demo history: chengyu, scale %s, seed %d, %d workers, embedded MongoDB (%s) "
                + "in %s, %s aggregate caches%n", SCALE, SEED, WORKERS, BACKEND, dataDir, CACHE);
        SpringApplicationBuilder builder = CACHE.equals("lru")
                ? new SpringApplicationBuilder(LedgerApplication.class, StrongCaches.class)
                : new SpringApplicationBuilder(LedgerApplication.class);
        try (ConfigurableApplicationContext ledger = builder.run(
                "--server.port=0", "--ledger.data-dir=" + dataDir, "--ledger.embedded.backend=" + BACKEND,
                "--logging.level.root=WARN", "--spring.main.allow-bean-definition-overriding=true",
                LedgerHttp.ADMIN_PASSWORD_ARGUMENT)) {
            System.out.println("tenant cache: " + ledger.getBean("tenantCache").getClass().getName());
            RegionCatalog regions = ledger.getBean(RegionCatalog.class);
            long start = System.nanoTime();
            List<PlannedCommand> history = DemoHistory.generate(regions, "chengyu", SCALE, SEED);
            double generated = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "Generated %,d commands in %.1f s%n", history.size(), generated);

            // As the demo command does: the load has the database to itself, the projections catch up afterwards.
            ProjectionService paused = ledger.getBean(ProjectionService.class);
            paused.pause();
            DemoLoader.Result result = ledger.getBean(DemoLoader.class).load(
                    history, "demo-bench-" + SEED, WORKERS, progress -> System.out.printf(
                            Locale.ROOT, "\r  %,d / %,d events (%.0f%%), %,.0f events/s   ", progress.issued(),
                            progress.total(), 100.0 * progress.issued() / Math.max(1, progress.total()),
                            progress.eventsPerSecond()));
            System.out.println();
            paused.resume();
            long projecting = System.nanoTime();
            ProjectionService projections = ledger.getBean(ProjectionService.class);
            boolean caughtUp = projections.awaitCaughtUp(Duration.ofHours(2));
            double projectionLag = (System.nanoTime() - projecting) / 1e9;
            System.out.printf(Locale.ROOT, "Loaded %,d events in %.1f s: %,.0f events/s; projections caught up %.1f s "
                    + "later%s%n", result.issued(), result.elapsed().toNanos() / 1e9, result.eventsPerSecond(),
                              projectionLag, caughtUp ? "" : " (NOT caught up)");
            projections.status().forEach(s -> System.out.printf(Locale.ROOT, "  projection %s at %,d of %,d%n",
                                                                s.name(), s.position(), s.head()));

            Comparison comparison = ledger.getBean(RegionalTotalsQueries.class).comparison(
                    "chengyu", DemoHistory.END_13TH_PLAN, DemoHistory.LAST_DAY, Instant.now());
            print(comparison);
            System.out.printf(Locale.ROOT, "%n| scale | commands | load s | events/s | projections caught up after s |"
                    + "%n| ---: | ---: | ---: | ---: | ---: |%n| %s | %,d | %.1f | %,.0f | %.1f |%n", SCALE,
                              result.issued(), result.elapsed().toNanos() / 1e9, result.eventsPerSecond(),
                              projectionLag);
        }
    }

    /**
     * Replaces the ledger's weak-reference aggregate caches, whose entries the next garbage collection clears, with
     * bounded strong ones, to measure what reloading aggregates from the store costs a bulk load. Deliberately not a
     * {@code @Configuration}: component scanning would put it into every test's context; it is added only as an
     * explicit source of this benchmark's application.
     */
    static class StrongCaches {

        @Bean
        Cache tenantCache() {
            return new LruCache(100_000);
        }

        @Bean
        Cache incubatorCache() {
            return new LruCache(20_000);
        }
    }

    /** A least-recently-used map of at most {@code capacity} entries; listeners are not supported. */
    static final class LruCache implements Cache {
        private final Map<Object, Object> entries;

        LruCache(int capacity) {
            this.entries = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                    return size() > capacity;
                }
            });
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> V get(K key) {
            return (V) entries.get(key);
        }

        @Override
        public void put(Object key, Object value) {
            entries.put(key, value);
        }

        @Override
        public boolean putIfAbsent(Object key, Object value) {
            return entries.putIfAbsent(key, value) == null;
        }

        @Override
        public boolean remove(Object key) {
            return entries.remove(key) != null;
        }

        @Override
        public void removeAll() {
            entries.clear();
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
            return () -> true;
        }
    }

    static void print(Comparison comparison) {
        Map<Indicator, Stocks> targets = PublishedTargets.at(SCALE);
        System.out.printf("%nchengyu, %s vs %s%n", comparison.to(), comparison.from());
        System.out.println("| indicator | 2020-12-31 | 2025-12-31 | increase | growth % | target 2025 | published "
                           + "growth % | check |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        boolean allPass = true;
        for (Comparison.Row row : comparison.indicators()) {
            Indicator indicator = null;
            for (Indicator candidate : Indicator.values()) {
                if (candidate.indicatorName().equals(row.indicator())) {
                    indicator = candidate;
                }
            }
            double growth = row.growthPercent() == null ? Double.NaN : row.growthPercent().doubleValue();
            String check = "";
            String target = "";
            String published = "";
            if (indicator != null) {
                boolean growthOk = Math.abs(growth - indicator.publishedGrowthPercent()) <= 1.0;
                boolean valueOk = SCALE != 1.0 || Math.abs(row.to().doubleValue() - indicator.published2025())
                        <= indicator.published2025() * 0.01;
                check = growthOk && valueOk ? "PASS" : "FAIL" + (growthOk ? "" : " growth") + (valueOk ? "" : " value");
                allPass &= growthOk && valueOk;
                target = String.format(Locale.ROOT, "%,d", targets.get(indicator).end2025());
                published = Integer.toString(indicator.publishedGrowthPercent());
            }
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.1f | %s | %s | %s |%n", row.indicator(),
                              row.from(), row.to(), row.increase(), growth, target, published, check);
        }
        System.out.println(allPass ? "ALL PASS" : "SOME FAIL");
    }
}
