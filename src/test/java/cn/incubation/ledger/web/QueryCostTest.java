package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries with bounded cost: dates in the ledger's window, series of at most 600 periods, trails and timelines a page
 * at a time, and a carrier's state read with its tenants together, whatever a client asks for.
 */
class QueryCostTest extends LedgerServerTest {

    @Test
    void datesOutsideTheWindowAreRefusedBeforeAnythingIsRead() {
        int lastYear = clock.today().getYear() + 10;
        assertProblem(http.get("/api/regions/chengyu/totals?asOf=1979-12-31"), 400, "asOf", "must be from 1980-01-01");
        assertProblem(http.get("/api/regions/chengyu/totals?asOf=" + (lastYear + 1) + "-01-01"), 400, "asOf",
                      "to " + lastYear + "-12-31");
        assertThat(http.get("/api/regions/chengyu/totals?asOf=" + lastYear + "-12-31").status()).isEqualTo(200);
        assertProblem(http.get("/api/regions/chengyu/comparison?from=0000-01-01&to=2025-12-31"), 400, "from",
                      "must be from 1980-01-01");
        assertProblem(http.get("/api/regions/chengyu/totals?knownAt=1970-01-01T00:00:00Z"), 400, "knownAt",
                      "must be from 1980-01-01");
        assertProblem(http.get("/api/incubators/x/history?from=1000-01-01"), 400, "from", "must be from 1980-01-01");
    }

    @Test
    void aSeriesHasAtMostSixHundredPeriods() {
        assertProblem(http.get("/api/regions/chengyu/series?from=1980-01-01&to=2036-12-31&granularity=MONTH"), 400,
                      "to", "a series has at most 600");
        Answer years = http.get("/api/regions/chengyu/series?from=1980-01-01&to=2036-12-31&granularity=YEAR");
        assertThat(years.status()).isEqualTo(200);
        assertThat(years.json().get("periods")).hasSize(57);
        Answer months = http.get("/api/regions/chengyu/series?from=1980-01-01&to=2029-12-31&granularity=MONTH");
        assertThat(months.json().get("periods")).hasSize(600);
        assertProblem(http.get("/api/regions/chengyu/series?from=2020-01-01&to=2025-12-31&granularity=DAY"), 400,
                      "granularity", "YEAR, QUARTER, MONTH");
    }

    @Test
    void trailsComePageByPageWithTheRunningTotalOfTheWholeTrail() {
        String incubator = registerIncubator("510104");
        List<String> amounts = List.of("100", "200", "300", "400", "500");
        for (int i = 0; i < amounts.size(); i++) {
            String tenant = admitTenant(incubator);
            Answer answer = http.post("/api/tenants/" + tenant + "/investments", "{\"round\":\"SEED\",\"investor\":"
                    + "\"种子基金\",\"amount\":\"" + amounts.get(i) + "\",\"currency\":\"CNY\",\"receivedOn\":\"2020-0"
                    + (i + 1) + "-01\"}");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        }
        awaitProjections();
        String trail = "/api/incubators/" + incubator + "/investments";

        JsonNode first = http.get(trail + "?size=2").json();
        assertThat(first.get("count").asInt()).isEqualTo(5);
        assertThat(first.get("totalPages").asInt()).isEqualTo(3);
        assertThat(first.get("totalCny").asText()).isEqualTo("1500.00");
        assertThat(runningTotals(first)).containsExactly("100.00", "300.00");
        assertThat(runningTotals(http.get(trail + "?size=2&page=1").json())).containsExactly("600.00", "1000.00");
        assertThat(runningTotals(http.get(trail + "?size=2&page=2").json())).containsExactly("1500.00");
        assertThat(http.get(trail + "?size=2&page=3").json().get("investments")).isEmpty();
        assertThat(http.get(trail).json().get("investments")).hasSize(5);
        assertProblem(http.get(trail + "?size=1001"), 400, "size", "from 1 to 1000");
        assertProblem(http.get(trail + "?page=-1"), 400, "page", "from 0");
        assertProblem(http.get(trail + "?page=x"), 400, "page", "a whole number");
        assertProblem(http.get("/api/incubators/" + incubator + "/history?size=201"), 400, "size", "from 1 to 200");
        assertProblem(http.get("/api/incubators/" + incubator + "/history?page=99999999999"), 400, "page", null);
    }

    @Test
    void aCarriersStateAddsUpItsTenantsReadTogether() {
        String incubator = registerIncubator("510104");
        List<String> tenants = new ArrayList<>();
        long jobs = 0;
        for (int i = 0; i < 25; i++) {
            String tenant = admitTenant(incubator);
            tenants.add(tenant);
            assertThat(http.post("/api/tenants/" + tenant + "/headcount", "{\"employees\":" + (i + 1)
                    + ",\"reportedOn\":\"2020-06-30\"}").status()).isEqualTo(200);
            jobs += i + 1;
            if (i % 5 == 0) {
                assertThat(http.post("/api/tenants/" + tenant + "/graduation", "{\"graduatedOn\":\"2021-01-01\","
                        + "\"criterion\":\"高新技术企业\"}").status()).isEqualTo(200);
            }
        }
        assertThat(http.post("/api/tenants/" + tenants.get(1) + "/investments", "{\"round\":\"SEED\",\"investor\":"
                + "\"种子基金\",\"amount\":\"250000.50\",\"currency\":\"CNY\",\"receivedOn\":\"2020-07-01\"}").status())
                .isEqualTo(201);
        awaitProjections();

        JsonNode in2020 = http.get("/api/incubators/" + incubator + "?asOf=2020-12-31").json();
        assertThat(in2020.get("tenantsInIncubation").asInt()).isEqualTo(25);
        assertThat(in2020.get("jobs").asLong()).isEqualTo(jobs);
        assertThat(in2020.get("investment").get("amountCny").decimalValue()).isEqualByComparingTo("250000.50");
        JsonNode in2021 = http.get("/api/incubators/" + incubator + "?asOf=2021-06-30").json();
        assertThat(in2021.get("graduated").asInt()).isEqualTo(5);
        assertThat(in2021.get("tenantsInIncubation").asInt()).isEqualTo(20);
        long stillThere = 0;
        for (String tenant : tenants) {
            JsonNode state = http.get("/api/tenants/" + tenant + "?asOf=2021-06-30").json();
            if (state.get("status").asText().equals("IN_INCUBATION")) {
                stillThere += state.get("headcount").get("employees").asLong();
            }
        }
        assertThat(in2021.get("jobs").asLong()).isEqualTo(stillThere);
        JsonNode before = http.get("/api/incubators/" + incubator + "?asOf=2019-01-31").json();
        assertThat(before.get("tenantsInIncubation").asInt()).isZero();
        assertThat(before.get("investment").get("amountCny").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    private static List<String> runningTotals(JsonNode trail) {
        List<String> totals = new ArrayList<>();
        trail.get("investments").forEach(i -> totals.add(i.get("runningTotalCny").asText()));
        return totals;
    }
}
