package cn.incubation.ledger.regionaltotals;

import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.web.LedgerServerTest;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regional totals through the real server, checked against a model the test keeps of every fact it sent, which
 * computes each indicator straight from its definition in DOMAIN.md (not from dated steps, as the projection does).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// A rebuild flushes every 10 events, so that documents are inserted by one flush and replaced by later ones, and
// writes each collection of a flush in parts of 2 documents, so that some parts are shorter. The property also gives
// the class a ledger of its own: the model counts every fact of a region, which other classes' facts would change.
@TestPropertySource(properties = "ledger.projections.rebuild-flush=10")
class RegionalTotalsApiTest extends LedgerServerTest {

    @Autowired
    RegionCatalog regions;

    RecordedHistory history;
    RecordedHistory.Model model;
    Map<String, Instant> checkpoints;

    @BeforeAll
    void recordAHistory() {
        connect();
        history = new RecordedHistory(() -> http, regions, () -> projections.awaitCaughtUp(Duration.ofSeconds(20)),
                                      clock::checkpoint);
        history.record();
        model = history.model;
        checkpoints = history.checkpoints;
    }

    @Test
    void totalsMatchTheModelForEveryRegionDateAndKnowledge() {
        assertTotalsMatchTheModel();
    }

    @Test
    void aRebuildOfEveryProjectionInOnePassStillMatchesTheModel() {
        Map<String, Integer> generations = new LinkedHashMap<>();
        projections.status().forEach(s -> generations.put(s.name(), s.generation()));
        // The entities are kept in memory during the first pass and written at its end: all of them, once.
        long entities = projections.collection("regional-totals", "regional_entities").countDocuments();
        assertThat(entities).isPositive();
        Answer replay = http.post("/api/projections/replay", "");
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json()).hasSize(generations.size());
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        projections.status().forEach(s -> assertThat(s.generation()).as(s.name())
                                                                      .isGreaterThan(generations.get(s.name())));
        assertThat(projections.collection("regional-totals", "regional_entities").countDocuments())
                .isEqualTo(entities);
        assertTotalsMatchTheModel();
    }

    void assertTotalsMatchTheModel() {
        history.assertTotalsMatchTheModel(http);
    }

    @Test
    void defaultKnowledgeIsNowAndDefaultDateIsToday() {
        JsonNode latest = http.get("/api/regions/chengyu/totals").json();
        assertThat(flatten(latest)).isEqualTo(model.totals("chengyu", clock.today(), Integer.MAX_VALUE));
        assertThat(latest.get("regionCode").asText()).isEqualTo("chengyu");
        assertThat(latest.has("asOf")).isTrue();
        assertThat(latest.has("knownAt")).isTrue();
    }

    @Test
    void aCompanyMovingBetweenCarriersCountsOnceWhereverItsIncubationsRollUp() {
        JsonNode chengyu = http.get("/api/regions/chengyu/totals?asOf=2021-12-31").json();
        // t-move-1..3 are one company and t-bf-1..2 another; t-other and t-team's company (registered 2020-09-01)
        // two more; t-team-2 is a team without one; t-wanyuan is outside the circle.
        assertThat(chengyu.get("companiesIncubated").asLong()).isEqualTo(4);
        JsonNode chengdu = http.get("/api/regions/510100/totals?asOf=2021-12-31").json();
        assertThat(chengdu.get("companiesIncubated").asLong()).isEqualTo(4);
        JsonNode yubei = http.get("/api/regions/500112/totals?asOf=2021-12-31").json();
        assertThat(yubei.get("companiesIncubated").asLong()).isEqualTo(1);
    }

    @Test
    void aCorrectionAppliesFromWhenItWasRecorded() {
        String before = "/api/regions/510104/totals?asOf=2021-12-31&knownAt=" + checkpoints.get("first-load");
        String after = "/api/regions/510104/totals?asOf=2021-12-31&knownAt=" + checkpoints.get("corrections");
        // 1,000,000 + 300,000 × 6.9 + 5,000,000 as first recorded; then 350,000 × 6.9 and the A round retracted.
        assertThat(new BigDecimal(http.get(before).json().get("investment").get("amountCny").asText()))
                .isEqualByComparingTo("8070000");
        assertThat(new BigDecimal(http.get(after).json().get("investment").get("amountCny").asText()))
                .isEqualByComparingTo("3415000");
    }

    @Test
    void seriesGivesStocksAtEachPeriodEndAndFlowsWithin() {
        JsonNode series = http.get("/api/regions/chengyu/series?from=2016-01-01&to=2022-12-31&granularity=YEAR")
                              .json();
        JsonNode periods = series.get("periods");
        assertThat(periods).hasSize(7);
        assertThat(series.get("partialMembers")).extracting(m -> m.get("code").asText())
                                                .containsExactlyInAnyOrder("500154", "500235");
        for (JsonNode period : periods) {
            LocalDate end = LocalDate.parse(period.get("end").asText());
            Map<String, Object> expected = new java.util.TreeMap<>(model.totals("chengyu", end, Integer.MAX_VALUE));
            // The series names the partial members once, not in every period.
            expected.put("partialMembers", List.of());
            assertThat(flatten(period.get("stocks"))).as(period.get("period").asText()).isEqualTo(expected);
            LocalDate start = LocalDate.parse(period.get("start").asText());
            long count = (long) model.totals("chengyu", end, Integer.MAX_VALUE).get("investment.count")
                    - (long) model.totals("chengyu", start.minusDays(1), Integer.MAX_VALUE).get("investment.count");
            assertThat(period.get("flows").get("investmentCount").asLong()).isEqualTo(count);
        }
        JsonNode quarters = http.get("/api/regions/510100/series?from=2019-01-01&to=2019-12-31&granularity=QUARTER")
                                .json().get("periods");
        assertThat(quarters).extracting(p -> p.get("period").asText())
                            .containsExactly("2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4");
        assertThat(quarters.get(1).get("flows").get("investmentCount").asLong()).isEqualTo(1);
    }

    @Test
    void seriesAsKnownEarlierLeavesOutWhatWasRecordedLater() {
        JsonNode early = http.get("/api/regions/500112/series?from=2021-01-01&to=2022-12-31&granularity=YEAR&knownAt="
                                          + checkpoints.get("corrections")).json().get("periods");
        JsonNode late = http.get("/api/regions/500112/series?from=2021-01-01&to=2022-12-31&granularity=YEAR")
                            .json().get("periods");
        assertThat(early.get(1).get("flows").get("investmentCount").asLong()).isZero();
        assertThat(late.get(1).get("flows").get("investmentCount").asLong()).isEqualTo(1);
        assertThat(new BigDecimal(late.get(1).get("flows").get("investmentAmountCny").asText()))
                .isEqualByComparingTo("15600000");
    }

    @Test
    void comparisonHasEveryIndicatorWithIncreaseAndGrowth() {
        JsonNode rows = http.get("/api/regions/chengyu/comparison?from=2019-12-31&to=2021-12-31").json()
                            .get("indicators");
        Map<String, Object> from = model.totals("chengyu", LocalDate.of(2019, 12, 31), Integer.MAX_VALUE);
        Map<String, Object> to = model.totals("chengyu", LocalDate.of(2021, 12, 31), Integer.MAX_VALUE);
        assertThat(rows).extracting(r -> r.get("indicator").asText())
                        .containsExactly("incubatorsInclMakerSpaces", "carriersTotal", "floorAreaM2", "staff",
                                         "tenantsInIncubation", "teamsInIncubation", "companiesIncubated",
                                         "graduatedCompanies", "graduations", "ipInIncubation", "ipCumulative", "jobs",
                                         "investmentCount", "investmentAmountCny");
        Map<String, String> modelNames = Map.ofEntries(
                Map.entry("incubatorsInclMakerSpaces", "carriers.incubatorsInclMakerSpaces"),
                Map.entry("carriersTotal", "carriers.total"), Map.entry("staff", "staff"),
                Map.entry("tenantsInIncubation", "tenantsInIncubation"),
                Map.entry("teamsInIncubation", "teamsInIncubation"),
                Map.entry("companiesIncubated", "companiesIncubated"),
                Map.entry("graduatedCompanies", "graduated.companies"),
                Map.entry("graduations", "graduated.graduations"), Map.entry("ipInIncubation", "ipHeld.inIncubation"),
                Map.entry("ipCumulative", "ipHeld.cumulative"), Map.entry("jobs", "jobs"),
                Map.entry("investmentCount", "investment.count"));
        for (JsonNode row : rows) {
            String name = modelNames.get(row.get("indicator").asText());
            if (name != null) {
                assertThat(row.get("from").asLong()).as(name).isEqualTo(from.get(name));
                assertThat(row.get("to").asLong()).as(name).isEqualTo(to.get(name));
                assertThat(row.get("increase").asLong()).as(name).isEqualTo((long) to.get(name) - (long) from.get(name));
            }
        }
        JsonNode jobs = rows.get(11);
        long jobsFrom = (long) from.get("jobs");
        long jobsTo = (long) to.get("jobs");
        assertThat(new BigDecimal(jobs.get("growthPercent").asText()))
                .isEqualByComparingTo(new BigDecimal(jobsTo - jobsFrom).multiply(BigDecimal.valueOf(100))
                                                  .divide(BigDecimal.valueOf(jobsFrom), 1, java.math.RoundingMode.HALF_UP));
        JsonNode comparison = http.get("/api/regions/chengyu/comparison?from=2019-12-31&to=2021-12-31").json();
        assertThat(comparison.get("flows").get("investmentCount").asLong())
                .isEqualTo((long) to.get("investment.count") - (long) from.get("investment.count"));
        assertThat(comparison.get("flows").get("graduations").asLong())
                .isEqualTo((long) to.get("graduated.graduations") - (long) from.get("graduated.graduations"));
        assertThat(comparison.get("partialMembers")).extracting(m -> m.get("nameZh").asText())
                                                    .containsExactlyInAnyOrder("开州区", "云阳县");
        assertThat(http.get("/api/regions/510100/comparison?from=2019-12-31&to=2021-12-31").json()
                       .has("partialMembers")).as("a city has no partial members").isFalse();
        JsonNode fromNothing = http.get("/api/regions/500112/comparison?from=2017-12-31&to=2021-12-31").json()
                                   .get("indicators").get(0);
        assertThat(fromNothing.get("from").asLong()).isZero();
        assertThat(fromNothing.get("growthPercent").isNull()).isTrue();
    }

    @Test
    void unknownRegionsAndBadDatesAreProblems() {
        Answer unknown = http.get("/api/regions/999999/totals");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("field").asText()).isEqualTo("regionCode");
        Answer badDate = http.get("/api/regions/chengyu/totals?asOf=2021-02-30");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("field").asText()).isEqualTo("asOf");
        Answer badKnownAt = http.get("/api/regions/chengyu/totals?knownAt=yesterday");
        assertThat(badKnownAt.status()).isEqualTo(400);
        Answer reversed = http.get("/api/regions/chengyu/comparison?from=2021-01-01&to=2020-01-01");
        assertThat(reversed.status()).isEqualTo(400);
        Answer granularity = http.get("/api/regions/chengyu/series?from=2020-01-01&granularity=WEEK");
        assertThat(granularity.status()).isEqualTo(400);
    }

    @Test
    void aReplayRebuildsIdenticalTotalsWhileTheOldOnesKeepAnswering() {
        String path = "/api/regions/chengyu/series?from=2016-01-01&to=2022-12-31&granularity=YEAR&knownAt="
                + checkpoints.get("late-facts");
        JsonNode before = http.get(path).json();
        Answer replay = http.post("/api/projections/regional-totals/replay", "");
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("replaying").asBoolean()).isTrue();
        assertThat(http.get(path).json()).isEqualTo(before);
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        JsonNode status = http.get("/api/projections").json();
        JsonNode totals = null;
        for (JsonNode s : status) {
            if (s.get("name").asText().equals("regional-totals")) {
                totals = s;
            }
        }
        assertThat(totals).isNotNull();
        assertThat(totals.get("replaying").asBoolean()).isFalse();
        assertThat(totals.get("generation").asInt()).isGreaterThan(1);
        assertThat(http.get(path).json()).isEqualTo(before);
    }

    static Map<String, Object> flatten(JsonNode totals) {
        return RecordedHistory.flatten(totals);
    }
}
