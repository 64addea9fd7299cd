package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Investment trails through the real HTTP server on the embedded MongoDB: corrections and retractions seen from
 * instants the test clock marked between its commands, running totals recomputed from the amounts the test sent.
 */
class InvestmentTrailApiTest extends LedgerServerTest {

    void invest(String tenant, String investmentId, String round, String investor, String amount, String currency,
                String cnyRate, String receivedOn) {
        Answer answer = http.post("/api/tenants/" + tenant + "/investments", json("{'investmentId':'" + investmentId
                + "','round':'" + round + "','investor':'" + investor + "','amount':'" + amount + "','currency':'"
                + currency + "'" + (cnyRate == null ? "" : ",'cnyRate':'" + cnyRate + "'") + ",'receivedOn':'"
                + receivedOn + "'}"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    static BigDecimal cny(String amount, String rate) {
        return new BigDecimal(amount).multiply(new BigDecimal(rate)).setScale(2, RoundingMode.HALF_EVEN);
    }

    JsonNode trail(String path, Instant knownAt) {
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        Answer answer = http.get(path + (knownAt == null ? "" : "?knownAt=" + knownAt));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    static List<String> runningTotals(JsonNode trail) {
        List<String> totals = new ArrayList<>();
        trail.get("investments").forEach(i -> totals.add(i.get("runningTotalCny").asText()));
        return totals;
    }

    @Test
    void aCorrectedThenRetractedInvestmentShowsWhatWasKnownAtEachInstant() {
        String tenant = admitTenant(registerIncubator("510107"));
        String investor = "蓉创天使基金-" + unique("x");
        Instant beforeAny = clock.checkpoint();
        invest(tenant, "inv-a", "ANGEL", investor, "1000000.00", "USD", "7.1234", "2020-03-15");
        invest(tenant, "inv-b", "SEED", "某种子基金", "500000", "CNY", null, "2020-01-10");
        Instant beforeCorrection = clock.checkpoint();
        assertThat(http.post("/api/tenants/" + tenant + "/investments/inv-a/correction",
                             json("{'amount':'1200000.00','reason':'合同金额为120万'}")).status()).isEqualTo(200);
        Instant beforeRetraction = clock.checkpoint();
        assertThat(http.post("/api/tenants/" + tenant + "/investments/inv-a/retraction",
                             json("{'reason':'重复录入'}")).status()).isEqualTo(200);
        String path = "/api/tenants/" + tenant + "/investments";

        BigDecimal b = cny("500000", "1");
        BigDecimal original = cny("1000000.00", "7.1234");
        BigDecimal corrected = cny("1200000.00", "7.1234");

        assertThat(trail(path, beforeAny).get("investments").size()).isZero();

        JsonNode asFirstRecorded = trail(path, beforeCorrection);
        JsonNode a = asFirstRecorded.get("investments").get(1);
        assertThat(asFirstRecorded.get("investments").get(0).get("investmentId").asText()).isEqualTo("inv-b");
        assertThat(a.get("investmentId").asText()).isEqualTo("inv-a");
        assertThat(a.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(a.get("amount").asText()).isEqualTo("1000000.00");
        assertThat(a.get("currency").asText()).isEqualTo("USD");
        assertThat(a.get("amountCny").asText()).isEqualTo(original.toPlainString());
        assertThat(a.get("round").asText()).isEqualTo("ANGEL");
        assertThat(a.get("investor").asText()).isEqualTo(investor);
        assertThat(a.get("corrections").size()).isZero();
        assertThat(runningTotals(asFirstRecorded)).containsExactly(b.toPlainString(), b.add(original).toPlainString());
        assertThat(asFirstRecorded.get("totalCny").asText()).isEqualTo(b.add(original).toPlainString());

        JsonNode asCorrected = trail(path, beforeRetraction);
        a = asCorrected.get("investments").get(1);
        assertThat(a.get("status").asText()).isEqualTo("CORRECTED");
        assertThat(a.get("amount").asText()).isEqualTo("1200000.00");
        assertThat(a.get("amountCny").asText()).isEqualTo(corrected.toPlainString());
        assertThat(a.get("original").get("amount").asText()).isEqualTo("1000000.00");
        JsonNode correction = a.get("corrections").get(0);
        assertThat(a.get("corrections").size()).isEqualTo(1);
        assertThat(correction.get("kind").asText()).isEqualTo("CORRECTED");
        assertThat(correction.get("reason").asText()).isEqualTo("合同金额为120万");
        assertThat(correction.get("actor").asText()).isEqualTo(LedgerHttp.ADMIN);
        assertThat(Instant.parse(correction.get("recordedAt").asText())).isAfter(beforeCorrection)
                                                                      .isBefore(beforeRetraction);
        assertThat(correction.get("values").get("amount").asText()).isEqualTo("1200000.00");
        assertThat(runningTotals(asCorrected)).containsExactly(b.toPlainString(),
                                                               b.add(corrected).toPlainString());

        for (JsonNode now : List.of(trail(path, null), trail(path, clock.instant()))) {
            a = now.get("investments").get(1);
            assertThat(a.get("status").asText()).isEqualTo("RETRACTED");
            assertThat(a.get("amount").asText()).isEqualTo("1200000.00");
            assertThat(a.get("corrections").size()).isEqualTo(2);
            assertThat(a.get("corrections").get(1).get("kind").asText()).isEqualTo("RETRACTED");
            assertThat(a.get("corrections").get(1).get("reason").asText()).isEqualTo("重复录入");
            assertThat(a.get("corrections").get(1).has("values")).isFalse();
            assertThat(runningTotals(now)).containsExactly(b.toPlainString(), b.toPlainString());
            assertThat(now.get("count").asInt()).isEqualTo(2);
            assertThat(now.get("totalCny").asText()).isEqualTo(b.toPlainString());
        }
    }

    @Test
    void anIncubatorsTrailRunsAcrossItsTenantsInReceivedOrder() {
        String incubator = registerIncubator("510107");
        String first = admitTenant(incubator);
        String second = admitTenant(incubator);
        admitTenant(incubator);
        String elsewhere = admitTenant(registerIncubator("510107"));
        invest(first, "inv-1", "SEED", "甲", "300000", "CNY", null, "2020-05-01");
        invest(second, "inv-2", "A", "乙", "250000.50", "EUR", "7.8512", "2019-11-30");
        invest(first, "inv-3", "PRE_A", "丙", "1234567.89", "HKD", "0.9125", "2021-02-28");
        invest(elsewhere, "inv-4", "A", "丁", "999999", "CNY", null, "2020-01-01");

        JsonNode trail = trail("/api/incubators/" + incubator + "/investments", null);

        List<String> order = new ArrayList<>();
        trail.get("investments").forEach(i -> order.add(i.get("tenantId").asText() + "/"
                + i.get("investmentId").asText()));
        assertThat(order).containsExactly(second + "/inv-2", first + "/inv-1", first + "/inv-3");
        BigDecimal t1 = cny("250000.50", "7.8512");
        BigDecimal t2 = t1.add(cny("300000", "1"));
        BigDecimal t3 = t2.add(cny("1234567.89", "0.9125"));
        assertThat(runningTotals(trail)).containsExactly(t1.toPlainString(), t2.toPlainString(), t3.toPlainString());
        assertThat(trail.get("investments").get(0).get("incubatorId").asText()).isEqualTo(incubator);

        String quiet = registerIncubator("510107");
        JsonNode empty = trail("/api/incubators/" + quiet + "/investments", null);
        assertThat(empty.get("count").asInt()).isZero();
        assertThat(empty.get("totalCny").asText()).isEqualTo("0.00");
    }

    @Test
    void anInvestorsTrailCrossesTenantsAndCarriersAndFollowsCorrectionsOfTheInvestor() {
        String investor = "高新投 " + unique("fund");
        String t1 = admitTenant(registerIncubator("510107"));
        String t2 = admitTenant(registerIncubator("510107"));
        invest(t1, "inv-x1", "ANGEL", investor, "200000", "CNY", null, "2020-06-01");
        invest(t2, "inv-x2", "A", investor, "150000.25", "USD", "6.4501", "2021-04-02");
        invest(t2, "inv-x3", "A", "someone else", "80000", "CNY", null, "2020-07-01");
        Instant beforeMove = clock.checkpoint();
        assertThat(http.post("/api/tenants/" + t2 + "/investments/inv-x3/correction",
                             json("{'investor':'" + investor + "','reason':'投资方录错'}")).status()).isEqualTo(200);
        String path = "/api/investors/" + URLEncoder.encode(investor, StandardCharsets.UTF_8).replace("+", "%20")
                + "/investments";

        JsonNode before = trail(path, beforeMove);
        assertThat(before.get("investments").findValuesAsText("investmentId")).containsExactly("inv-x1", "inv-x2");
        BigDecimal x1 = cny("200000", "1");
        BigDecimal x2 = cny("150000.25", "6.4501");
        assertThat(before.get("totalCny").asText()).isEqualTo(x1.add(x2).toPlainString());

        JsonNode after = trail(path, null);
        assertThat(after.get("scope").asText()).isEqualTo("INVESTOR");
        assertThat(after.get("id").asText()).isEqualTo(investor);
        assertThat(after.get("investments").findValuesAsText("investmentId"))
                .containsExactly("inv-x1", "inv-x3", "inv-x2");
        assertThat(after.get("investments").findValuesAsText("tenantId")).containsExactly(t1, t2, t2);
        BigDecimal x3 = cny("80000", "1");
        assertThat(runningTotals(after)).containsExactly(x1.toPlainString(), x1.add(x3).toPlainString(),
                                                         x1.add(x3).add(x2).toPlainString());
        JsonNode formerInvestor = trail("/api/investors/someone%20else/investments", null);
        assertThat(formerInvestor.get("count").asInt()).isZero();
    }

    @Test
    void unknownTargetsAre404ProblemsAndABadKnownAtIsA400() {
        assertProblem(http.get("/api/tenants/ten-none/investments"), 404, "tenantId", "ten-none",
                      "no tenant with this id is in the ledger");
        assertProblem(http.get("/api/incubators/inc-none/investments"), 404, "incubatorId", "inc-none",
                      "no incubator with this id is in the ledger");
        assertProblem(http.get("/api/investors/nobody/investments"), 404, "investor", "nobody",
                      "no investment in the ledger names this investor");
        assertProblem(http.get("/api/tenants/ten-none/investments?knownAt=yesterday"), 400, "knownAt", "yesterday",
                      null);
    }

    @Test
    void aReplayOfTheTrailAnswersExactlyAsBefore() {
        String incubator = registerIncubator("510107");
        String tenant = admitTenant(incubator);
        invest(tenant, "inv-r1", "SEED", "回放基金", "100000.10", "USD", "7.0001", "2020-02-02");
        invest(tenant, "inv-r2", "A", "回放基金", "200000", "CNY", null, "2020-03-03");
        Instant knownAt = clock.checkpoint();
        assertThat(http.post("/api/tenants/" + tenant + "/investments/inv-r1/correction",
                             json("{'cnyRate':'7.2','reason':'汇率按到账日'}")).status()).isEqualTo(200);
        assertThat(http.post("/api/tenants/" + tenant + "/investments/inv-r2/retraction",
                             json("{'reason':'未到账'}")).status()).isEqualTo(200);
        List<String> paths = List.of("/api/tenants/" + tenant + "/investments",
                                     "/api/incubators/" + incubator + "/investments",
                                     "/api/investors/%E5%9B%9E%E6%94%BE%E5%9F%BA%E9%87%91/investments");
        List<JsonNode> before = new ArrayList<>();
        Instant now = clock.instant();
        for (String path : paths) {
            before.add(trail(path, knownAt));
            before.add(trail(path, now));
        }

        projections.replay("investment-trail");
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();

        assertThat(projections.status("investment-trail").generation()).isGreaterThan(1);
        List<JsonNode> after = new ArrayList<>();
        for (String path : paths) {
            after.add(trail(path, knownAt));
            after.add(trail(path, now));
        }
        assertThat(after).isEqualTo(before);
        assertThat(before.get(1).get("investments").get(0).get("status").asText()).isEqualTo("CORRECTED");
    }
}
