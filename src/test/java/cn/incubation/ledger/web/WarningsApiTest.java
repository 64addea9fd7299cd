package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/incubators/{id}/warnings} and {@code GET /api/regions/{code}/warnings} through the real server: each
 * warning appears and disappears on its dates in both times, the rule set switches on 2025-07-10, and a region's list
 * is its carriers' lists put together.
 */
// A ledger of its own, reading the rules packed into the jar: the region's list must hold this class's carriers only.
@TestPropertySource(properties = "ledger.incubation-rules=classpath:incubation-rules.yaml")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarningsApiTest extends LedgerServerTest {

    /** A national incubator in Jinshan, with old and late tenants and two FAIL ratings. */
    String national;
    /**
     * An incubator registered at the municipality's own code, closed on 2022-06-30 with a tenant in incubation whose
     * withdrawal, dated 2023-03-31, is recorded late.
     */
    String closing;
    /** A maker space in Songjiang, whose tenants the age and period rules do not judge. */
    String makerSpace;
    /** An incubator in Zhejiang, outside Shanghai. */
    String elsewhere;
    String beyond;
    String tooOld;
    String team;
    String stays;
    String atClosed;
    /** Before any tenant was admitted; after everything but the late facts; after those. */
    Instant beforeAdmissions;
    Instant beforeLateFacts;

    @BeforeAll
    void recordHistory() {
        connect();
        national = carrier("310116", "INCUBATOR");
        closing = carrier("310000", "INCUBATOR");
        makerSpace = carrier("310117", "MAKER_SPACE");
        elsewhere = carrier("330000", "INCUBATOR");
        ok(http.post("/api/incubators/" + national + "/accreditations",
                     json("{'level':'NATIONAL','accreditedOn':'2018-06-01'}")));
        beforeAdmissions = checkpoint();

        beyond = company(national, "2018-05-01", "2019-02-01");
        tooOld = company(national, "2016-01-01", "2018-02-01");
        ok(http.post("/api/tenants/" + tooOld + "/graduation", json("{'graduatedOn':'2021-12-31','criterion':'高企'}")));
        team = unique("team");
        ok(http.post("/api/tenants", json("{'tenantId':'" + team + "','incubatorId':'" + national + "',"
                + "'teamName':'星火创业团队','sector':'人工智能','admittedOn':'2018-02-01'}")));
        ok(http.post("/api/tenants/" + team + "/withdrawal", json("{'withdrawnOn':'2020-01-31','reason':'解散'}")));
        stays = company(national, "2019-06-01", "2020-01-15");
        atClosed = company(closing, "2019-06-01", "2020-03-01");
        company(makerSpace, "2010-01-01", "2019-02-01");
        company(elsewhere, "2010-01-01", "2019-02-01");
        ok(http.post("/api/incubators/" + national + "/ratings", json("{'year':2020,'rating':'FAIL'}")));
        beforeLateFacts = checkpoint();

        ok(http.post("/api/tenants/" + beyond + "/withdrawal", json("{'withdrawnOn':'2024-06-30','reason':'迁出'}")));
        ok(http.post("/api/incubators/" + closing + "/closure", json("{'closedOn':'2022-06-30','reason':'停止运营'}")));
        ok(http.post("/api/tenants/" + atClosed + "/withdrawal", json("{'withdrawnOn':'2023-03-31','reason':'补登'}")));
        ok(http.post("/api/incubators/" + national + "/ratings", json("{'year':2021,'rating':'FAIL'}")));
        awaitProjections();
    }

    @Test
    void anIncubationBeyondFortyEightMonthsFromTheDayAfterItsLimitUntilItsEndAsKnown() {
        assertThat(tenantCodes(national, "2023-02-01", null, beyond)).isEmpty();
        JsonNode warning = only(national, "2023-02-02", null, beyond);
        assertThat(warning.get("code").asText()).isEqualTo("INCUBATION_BEYOND_LIMIT");
        assertThat(warning.get("since").asText()).isEqualTo("2023-02-02");
        assertThat(warning.get("rule").get("id").asText()).isEqualTo("most-2018/incubationPeriod");
        assertThat(warning.get("rule").get("clause").asText()).contains("48个月");
        assertThat(warning.get("message").asText()).contains("48", "beyond the limit");

        assertThat(tenantCodes(national, "2024-07-01", beforeLateFacts, beyond)).as("its withdrawal not yet known")
                .containsExactly("INCUBATION_BEYOND_LIMIT");
        assertThat(tenantCodes(national, "2024-07-01", null, beyond)).isEmpty();
        assertThat(tenantCodes(national, "2023-02-02", beforeAdmissions, beyond)).as("its admission not yet known")
                .isEmpty();
    }

    @Test
    void aCompanyTooOldAtAdmissionWhileInIncubationAndNeverATeam() {
        assertThat(tenantCodes(national, "2018-01-31", null, tooOld)).isEmpty();
        JsonNode warning = only(national, "2018-06-30", null, tooOld);
        assertThat(warning.get("code").asText()).isEqualTo("ADMITTED_TOO_OLD");
        assertThat(warning.get("since").asText()).isEqualTo("2018-02-01");
        assertThat(warning.get("rule").get("id").asText()).isEqualTo("most-2018/admissionAge");
        assertThat(warning.get("message").asText()).contains("2016-01-01", "24");
        assertThat(tenantCodes(national, "2021-12-31", null, tooOld)).as("graduated that day").isEmpty();
        assertThat(tenantCodes(national, "2018-06-30", beforeAdmissions, tooOld)).isEmpty();
        assertThat(tenantCodes(national, "2019-12-31", null, team)).as("a team is not a company").isEmpty();
        assertThat(warnings(makerSpace, "2019-06-30", null).get("total").asInt())
                .as("a maker space's tenants are not judged by the incubator's limits").isZero();
    }

    @Test
    void aTenantOfAClosedCarrierFromTheClosureOnOnceTheClosureIsKnown() {
        assertThat(tenantCodes(closing, "2022-06-29", null, atClosed)).isEmpty();
        JsonNode warning = only(closing, "2022-06-30", null, atClosed);
        assertThat(warning.get("code").asText()).isEqualTo("TENANT_AT_CLOSED_CARRIER");
        assertThat(warning.get("since").asText()).isEqualTo("2022-06-30");
        assertThat(warning.get("carrierId").asText()).isEqualTo(closing);
        assertThat(tenantCodes(closing, "2022-06-30", beforeLateFacts, atClosed)).isEmpty();
        assertThat(tenantCodes(closing, "2023-03-30", null, atClosed)).containsExactly("TENANT_AT_CLOSED_CARRIER");
        assertThat(tenantCodes(closing, "2023-03-31", null, atClosed)).as("withdrawn that day").isEmpty();
    }

    @Test
    void oneFailIsAWarningAndTwoConsecutiveLapseTheNationalAccreditation() {
        assertThat(carrierCodes(national, "2020-12-30", null)).isEmpty();
        assertThat(carrierCodes(national, "2021-06-30", null)).containsExactly("ACCREDITATION_AT_RISK");
        assertThat(carrierCodes(national, "2021-06-30", beforeAdmissions)).as("the first FAIL not yet known").isEmpty();
        assertThat(carrierCodes(national, "2022-01-01", beforeLateFacts)).as("the second FAIL not yet known")
                .containsExactly("ACCREDITATION_AT_RISK");
        List<JsonNode> lapsed = carrierWarnings(national, "2022-01-01", null);
        assertThat(lapsed).singleElement().satisfies(w -> {
            assertThat(w.get("code").asText()).isEqualTo("ACCREDITATION_LAPSED");
            assertThat(w.get("since").asText()).isEqualTo("2021-12-31");
            assertThat(w.has("tenantId")).isFalse();
            assertThat(w.get("rule").get("title").asText()).contains("连续2次");
        });
    }

    @Test
    void theRulesOf2025JudgeFromTheTenthOfJulyAndSayTheirValuesAreProvisional() {
        JsonNode before = warnings(national, "2025-07-09", null);
        assertThat(before.get("ruleSet").get("id").asText()).isEqualTo("most-2018");
        assertThat(before.get("ruleSet").get("until").asText()).isEqualTo("2025-07-09");
        assertThat(before.get("ruleSet").get("provisionalValues").toString())
                .isEqualTo("[\"most-2018/incubationPeriod.longer\"]");
        JsonNode staysBefore = find(before, stays, "INCUBATION_BEYOND_LIMIT");
        assertThat(staysBefore.get("rule").get("id").asText()).isEqualTo("most-2018/incubationPeriod");
        assertThat(staysBefore.get("rule").get("provisional").asBoolean()).isFalse();

        JsonNode after = warnings(national, "2025-07-10", null);
        assertThat(after.get("ruleSet").get("id").asText()).isEqualTo("miit-2025");
        assertThat(after.get("ruleSet").get("document").asText()).isEqualTo("工信部科〔2025〕131号");
        assertThat(after.get("ruleSet").get("provisionalValues").toString())
                .contains("miit-2025/incubationPeriod", "miit-2025/accreditationLapse");
        assertThat(after.get("ruleSet").has("until")).isFalse();
        JsonNode staysAfter = find(after, stays, "INCUBATION_BEYOND_LIMIT");
        assertThat(staysAfter.get("rule").get("id").asText()).isEqualTo("miit-2025/incubationPeriod");
        assertThat(staysAfter.get("rule").get("provisional").asBoolean()).isTrue();
        assertThat(find(after, null, "ACCREDITATION_LAPSED").get("rule").get("id").asText())
                .isEqualTo("miit-2025/accreditationLapse");

        JsonNode early = warnings(national, "2018-06-30", null);
        assertThat(early.get("ruleSet").get("id").asText()).isEqualTo("most-2018");
        assertThat(early.get("ruleSet").get("note").asText()).contains("earliest rule set");
    }

    @Test
    void aRegionsWarningsAreItsCarriersWarningsPutTogether() {
        for (String asOf : List.of("2018-06-30", "2021-06-30", "2022-06-30", "2023-06-30", "2025-07-10")) {
            for (Instant knownAt : new Instant[] {beforeLateFacts, null}) {
                List<JsonNode> expected = new ArrayList<>();
                for (String carrier : List.of(national, closing, makerSpace).stream().sorted().toList()) {
                    expected.addAll(carrierWarnings(carrier, asOf, knownAt));
                }
                JsonNode region = get("/api/regions/310000/warnings?size=1000&asOf=" + asOf + known(knownAt));
                assertThat(list(region)).as(asOf + " as known at " + knownAt).isEqualTo(expected);
                assertThat(region.get("total").asInt()).isEqualTo(expected.size());
                assertThat(region.get("scope").asText()).isEqualTo("region");
            }
        }
        JsonNode zhejiang = get("/api/regions/330000/warnings?asOf=2023-06-30");
        assertThat(list(zhejiang)).isEqualTo(carrierWarnings(elsewhere, "2023-06-30", null)).isNotEmpty();
        assertThat(list(get("/api/regions/310116/warnings?asOf=2023-06-30")))
                .isEqualTo(carrierWarnings(national, "2023-06-30", null));
        assertThat(list(get("/api/regions/chengyu/warnings?asOf=2023-06-30"))).isEmpty();
    }

    @Test
    void aLongListComesAPageAtATime() {
        JsonNode all = get("/api/regions/310000/warnings?asOf=2024-03-01");
        assertThat(all.get("total").asInt()).isGreaterThanOrEqualTo(3);
        JsonNode second = get("/api/regions/310000/warnings?asOf=2024-03-01&page=1&size=1");

        assertThat(second.get("total").asInt()).isEqualTo(all.get("total").asInt());
        assertThat(list(second)).containsExactly(all.get("warnings").get(1));
        assertThat(list(get("/api/regions/310000/warnings?asOf=2024-03-01&page=99&size=1000"))).isEmpty();
    }

    @Test
    void unknownIdsAre404sAndBadParameters400s() {
        assertProblem(http.get("/api/incubators/no-such-carrier/warnings"), 404, "incubatorId", null);
        assertProblem(http.get("/api/incubators/" + national + "/warnings?knownAt=2016-01-01"), 404, "incubatorId",
                      "recorded after knownAt");
        assertProblem(http.get("/api/regions/999999/warnings"), 404, "regionCode", null);
        assertProblem(http.get("/api/incubators/" + national + "/warnings?asOf=2021-13-01"), 400, "asOf", "YYYY-MM-DD");
        assertProblem(http.get("/api/regions/310000/warnings?knownAt=yesterday"), 400, "knownAt", "instant");
        assertProblem(http.get("/api/regions/310000/warnings?asOf=1979-12-31"), 400, "asOf", "from 1980-01-01");
        assertProblem(http.get("/api/regions/310000/warnings?size=1001"), 400, "size", "from 1 to 1000");
        assertProblem(http.get("/api/regions/310000/warnings?size=0"), 400, "size", "from 1 to 1000");
        assertProblem(http.get("/api/incubators/" + national + "/warnings?page=-1"), 400, "page", "from 0");
        assertProblem(http.get("/api/incubators/" + national + "/warnings?page=x"), 400, "page", "whole number");
    }

    private String carrier(String region, String kind) {
        String id = unique("wa");
        ok(http.post("/api/incubators", json("{'incubatorId':'" + id + "','name':'预警测试载体','kind':'" + kind + "',"
                + "'regionCode':'" + region + "','operator':'某运营机构','openedOn':'2016-03-01','floorAreaM2':'12000',"
                + "'staff':20}")));
        return id;
    }

    private String company(String carrier, String foundedOn, String admittedOn) {
        String id = unique("wt");
        ok(http.post("/api/tenants", json("{'tenantId':'" + id + "','incubatorId':'" + carrier + "',"
                + "'companyName':'上海某某科技有限公司','creditCode':'" + creditCode() + "','sector':'人工智能',"
                + "'foundedOn':'" + foundedOn + "','admittedOn':'" + admittedOn + "'}")));
        return id;
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    }

    private Instant checkpoint() {
        awaitProjections();
        return clock.checkpoint();
    }

    private JsonNode get(String path) {
        Answer answer = http.get(path);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private JsonNode warnings(String carrier, String asOf, Instant knownAt) {
        JsonNode answer = get("/api/incubators/" + carrier + "/warnings?size=1000&asOf=" + asOf + known(knownAt));
        assertThat(answer.get("scope").asText()).isEqualTo("carrier");
        return answer;
    }

    private List<JsonNode> carrierWarnings(String carrier, String asOf, Instant knownAt) {
        return list(warnings(carrier, asOf, knownAt));
    }

    private List<String> carrierCodes(String carrier, String asOf, Instant knownAt) {
        return carrierWarnings(carrier, asOf, knownAt).stream().filter(w -> !w.has("tenantId"))
                                                      .map(w -> w.get("code").asText()).toList();
    }

    private List<String> tenantCodes(String carrier, String asOf, Instant knownAt, String tenant) {
        return carrierWarnings(carrier, asOf, knownAt).stream()
                .filter(w -> w.has("tenantId") && w.get("tenantId").asText().equals(tenant))
                .map(w -> w.get("code").asText()).toList();
    }

    private JsonNode only(String carrier, String asOf, Instant knownAt, String tenant) {
        List<JsonNode> found = carrierWarnings(carrier, asOf, knownAt).stream()
                .filter(w -> w.has("tenantId") && w.get("tenantId").asText().equals(tenant)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static JsonNode find(JsonNode answer, String tenant, String code) {
        return list(answer).stream().filter(w -> w.get("code").asText().equals(code))
                           .filter(w -> tenant == null ? !w.has("tenantId")
                                   : w.has("tenantId") && w.get("tenantId").asText().equals(tenant))
                           .findFirst().orElseThrow(() -> new AssertionError(code + " of " + tenant + " in " + answer));
    }

    private static List<JsonNode> list(JsonNode answer) {
        List<JsonNode> warnings = new ArrayList<>();
        answer.get("warnings").forEach(warnings::add);
        return warnings;
    }

    private static String known(Instant knownAt) {
        return knownAt == null ? "" : "&knownAt=" + knownAt;
    }
}
