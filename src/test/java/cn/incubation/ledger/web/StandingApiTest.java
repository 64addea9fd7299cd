package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;

import java.math.BigDecimal;
import java.time.Instant;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/incubators/{id}/standing} against a carrier worked out by hand: 2,000 m², one staff member, eight
 * companies and a team in incubation, two graduates, and investments that the 2018 and 2025 rules count differently.
 */
// The same ledger as WarningsApiTest (the same settings); its carriers lie outside the regions that test lists.
@TestPropertySource(properties = "ledger.incubation-rules=classpath:incubation-rules.yaml")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandingApiTest extends LedgerServerTest {

    String carrier;
    String makerSpace;
    Instant beforeRetraction;

    @BeforeAll
    void recordHistory() {
        connect();
        carrier = carrier("INCUBATOR");
        makerSpace = carrier("MAKER_SPACE");
        String[] companies = new String[8];
        for (int i = 0; i < companies.length; i++) {
            companies[i] = company(carrier, "2020-01-01");
        }
        ok(http.post("/api/tenants", json("{'tenantId':'" + unique("st-team") + "','incubatorId':'" + carrier
                + "','teamName':'创客团队','sector':'人工智能','admittedOn':'2020-01-01'}")));
        for (int i = 0; i < 2; i++) {
            String graduate = company(carrier, "2019-01-01");
            ok(http.post("/api/tenants/" + graduate + "/graduation",
                         json("{'graduatedOn':'2020-12-31','criterion':'高新技术企业'}")));
        }
        invest(companies[0], "2020-06-01");
        String retracted = invest(companies[1], "2020-06-01");
        invest(companies[2], "2024-05-01");
        awaitProjections();
        beforeRetraction = clock.checkpoint();
        ok(http.post("/api/tenants/" + companies[1] + "/investments/" + retracted + "/retraction",
                     json("{'reason':'重复登记'}")));
        awaitProjections();
    }

    @Test
    void eachCriterionOf2018AgainstTheFiguresWorkedOutByHand() {
        JsonNode standing = standing(carrier, "2021-12-31", null);

        assertThat(standing.get("ruleSet").get("id").asText()).isEqualTo("most-2018");
        assertThat(standing.get("tier").asText()).isEqualTo("国家级科技企业孵化器");
        assertThat(standing.get("applies").asBoolean()).isTrue();
        assertCriterion(standing, "floorAreaM2", "10000", "2000", false);
        assertCriterion(standing, "tenantsInIncubation", "50", "8", false);
        assertCriterion(standing, "tenantsPer1000M2", "3", "4", true);
        assertCriterion(standing, "graduates", "20", "2", false);
        assertCriterion(standing, "staffPerTenant", "0.1", "0.125", true);
        assertCriterion(standing, "financedShare", "0.1", "0.125", true);
        assertCriterion(standing, "operatingYears", "3", "5", true);
        assertThat(standing.get("allMet").asBoolean()).isFalse();
        assertThat(criterion(standing, "financedShare").get("rule").get("clause").asText()).contains("10%");
        assertThat(standing.get("notRecorded")).extracting(n -> n.get("criterion").asText())
                .contains("tenantAreaShare", "professionalStaffShare", "mentorsPerTenant", "seedFund");
    }

    @Test
    void aRetractionCountsFromWhenItWasRecorded() {
        assertCriterion(standing(carrier, "2021-12-31", beforeRetraction), "financedShare", "0.1", "0.25", true);
    }

    @Test
    void theFinancedShareOf2025CountsThePreviousYearAgainstAProvisionalTwentyPercent() {
        JsonNode before = standing(carrier, "2025-07-09", null);
        assertCriterion(before, "financedShare", "0.1", "0.25", true);
        assertThat(criterion(before, "financedShare").get("rule").get("provisional").asBoolean()).isFalse();

        JsonNode after = standing(carrier, "2025-07-10", null);
        assertThat(after.get("ruleSet").get("id").asText()).isEqualTo("miit-2025");
        assertThat(after.get("tier").asText()).isEqualTo("标准级科技型企业孵化器");
        assertCriterion(after, "financedShare", "0.2", "0.125", false);
        assertThat(criterion(after, "financedShare").get("rule").get("provisional").asBoolean()).isTrue();
        assertThat(criterion(after, "financedShare").get("counts").asText()).contains("2024");
        assertThat(criterion(after, "floorAreaM2").get("rule").get("provisional").asBoolean()).isTrue();
    }

    @Test
    void aKindTheThresholdsAreNotWrittenForIsShownForReferenceWithNothingToDivideByLeftUnjudged() {
        JsonNode standing = standing(makerSpace, "2021-12-31", null);

        assertThat(standing.get("applies").asBoolean()).isFalse();
        assertThat(standing.get("note").asText()).contains("MAKER_SPACE");
        assertThat(criterion(standing, "financedShare").has("actual")).isFalse();
        assertThat(criterion(standing, "financedShare").has("met")).isFalse();
        assertThat(standing.get("allMet").asBoolean()).isFalse();
    }

    @Test
    void unknownCarriersAre404sAndBadDates400s() {
        assertProblem(http.get("/api/incubators/no-such-carrier/standing"), 404, "incubatorId", null);
        assertProblem(http.get("/api/incubators/" + carrier + "/standing?knownAt=2016-01-01"), 404, "incubatorId",
                      null);
        assertProblem(http.get("/api/incubators/" + carrier + "/standing?asOf=2021-02-30"), 400, "asOf", null);
        assertProblem(http.get("/api/incubators/" + carrier + "/standing?knownAt=soon"), 400, "knownAt", null);
    }

    private static void assertCriterion(JsonNode standing, String name, String required, String actual, boolean met) {
        JsonNode criterion = criterion(standing, name);
        assertThat(new BigDecimal(criterion.get("required").asText())).as(name + " required")
                .isEqualByComparingTo(required);
        assertThat(new BigDecimal(criterion.get("actual").asText())).as(name + " actual").isEqualByComparingTo(actual);
        assertThat(criterion.get("met").asBoolean()).as(name + " met").isEqualTo(met);
    }

    private static JsonNode criterion(JsonNode standing, String name) {
        for (JsonNode criterion : standing.get("criteria")) {
            if (criterion.get("criterion").asText().equals(name)) {
                return criterion;
            }
        }
        throw new AssertionError("no criterion " + name + " in " + standing);
    }

    private JsonNode standing(String id, String asOf, Instant knownAt) {
        Answer answer = http.get("/api/incubators/" + id + "/standing?asOf=" + asOf
                                 + (knownAt == null ? "" : "&knownAt=" + knownAt));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private String carrier(String kind) {
        String id = unique("st");
        ok(http.post("/api/incubators", json("{'incubatorId':'" + id + "','name':'门槛测试载体','kind':'" + kind + "',"
                + "'regionCode':'320000','operator':'某运营机构','openedOn':'2016-03-01','floorAreaM2':'2000',"
                + "'staff':1}")));
        return id;
    }

    private String company(String carrierId, String admittedOn) {
        String id = unique("st-co");
        ok(http.post("/api/tenants", json("{'tenantId':'" + id + "','incubatorId':'" + carrierId + "',"
                + "'companyName':'江苏某某科技有限公司','creditCode':'" + creditCode() + "','sector':'新材料',"
                + "'foundedOn':'2018-06-01','admittedOn':'" + admittedOn + "'}")));
        return id;
    }

    private String invest(String tenant, String receivedOn) {
        String id = unique("st-inv");
        ok(http.post("/api/tenants/" + tenant + "/investments", json("{'investmentId':'" + id + "','round':'ANGEL',"
                + "'investor':'某天使基金','amount':'1000000','currency':'CNY','receivedOn':'" + receivedOn + "'}")));
        return id;
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    }
}
