package cn.incubation.ledger.demo;

import cn.incubation.ledger.demo.PublishedTargets.Indicator;
import cn.incubation.ledger.demo.PublishedTargets.Stocks;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.regionaltotals.Comparison;
import cn.incubation.ledger.regionaltotals.RegionalTotalsQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A small demo history issued through the real command path lands, through the regional-totals projection, on the
 * published comparison: every command accepted, every growth within a point of the table's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DemoCalibrationTest {

    static final double SCALE = 0.02;

    static final Path dataDir = Path.of("target", "test-data", "demo-calibration-" + java.util.UUID.randomUUID());

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", dataDir::toString);
    }

    @Autowired
    DemoLoader loader;

    @Autowired
    RegionCatalog regions;

    @Autowired
    ProjectionService projections;

    @Autowired
    RegionalTotalsQueries totals;

    @Test
    void aSmallHistoryReproducesThePublishedGrowth() throws Exception {
        List<PlannedCommand> history = DemoHistory.generate(regions, "chengyu", SCALE, 2025);
        DemoLoader.Result result = loader.load(history, "demo-calibration", 4, progress -> { });
        assertThat(result.issued()).isEqualTo(history.size());
        assertThat(projections.awaitCaughtUp(Duration.ofMinutes(3))).isTrue();

        Comparison comparison = totals.comparison("chengyu", DemoHistory.END_13TH_PLAN, DemoHistory.LAST_DAY,
                                                  Instant.now());
        Map<String, Comparison.Row> rows = comparison.indicators().stream()
                                                     .collect(Collectors.toMap(Comparison.Row::indicator,
                                                                               Function.identity()));
        Map<Indicator, Stocks> targets = PublishedTargets.at(SCALE);
        for (Indicator indicator : Indicator.values()) {
            Comparison.Row row = rows.get(indicator.indicatorName());
            assertThat(row).as(indicator.indicatorName()).isNotNull();
            assertThat(row.growthPercent().doubleValue()).as("growth of %s", indicator.indicatorName())
                                                         .isCloseTo(indicator.publishedGrowthPercent(), within(1.0));
            Stocks target = targets.get(indicator);
            double tolerance = indicator == Indicator.FLOOR_AREA ? target.end2025() * 0.001 : 0;
            assertThat(row.from().doubleValue()).as("%s on 2020-12-31", indicator.indicatorName())
                                                .isCloseTo(target.end2020(), within(tolerance));
            assertThat(row.to().doubleValue()).as("%s on 2025-12-31", indicator.indicatorName())
                                              .isCloseTo(target.end2025(), within(tolerance));
        }
    }
}
