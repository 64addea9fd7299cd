package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/incubators/{id}} on both times, through the real server on the embedded MongoDB. */
class IncubatorStateApiTest extends LedgerServerTest {

    void ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    }

    static String code(int n) {
        String first17 = String.format("91500112MA%07d", n);
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** An instant between the facts sent so far, all projected, and those sent after. */
    Instant checkpoint() {
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
        return clock.checkpoint();
    }

    @Test
    void aCarriersStateOnADateAsKnownAtAnInstant() {
        ok(http.post("/api/incubators", json("{'incubatorId':'yubei-state','name':'两江孵化器','kind':'INCUBATOR',"
                + "'regionCode':'500112','operator':'两江新区','openedOn':'2017-01-01','floorAreaM2':'5000','staff':10}")));
        ok(http.post("/api/incubators/yubei-state/accreditations", json("{'level':'MUNICIPAL','accreditedOn':'2018-06-01'}")));
        ok(http.post("/api/incubators/yubei-state/ratings", json("{'year':2021,'rating':'FAIL'}")));
        ok(http.post("/api/incubators/yubei-state/ratings", json("{'year':2020,'rating':'GOOD'}")));
        for (int i = 1; i <= 3; i++) {
            ok(http.post("/api/tenants", json("{'tenantId':'ys-" + i + "','incubatorId':'yubei-state','companyName':'c',"
                    + "'creditCode':'" + code(i) + "','sector':'s','foundedOn':'2016-01-01','admittedOn':'20" + (17 + i)
                    + "-03-01'}")));
            ok(http.post("/api/tenants/ys-" + i + "/headcount", json("{'employees':" + (10 * i)
                    + ",'reportedOn':'2020-12-31'}")));
        }
        ok(http.post("/api/tenants/ys-1/ip-grants", json("{'kind':'INVENTION_PATENT','number':'ZL1','title':'t',"
                + "'grantedOn':'2019-01-01'}")));
        ok(http.post("/api/tenants/ys-2/investments", json("{'investmentId':'inv-ys','round':'SEED','investor':'i',"
                + "'amount':'200000','currency':'CNY','receivedOn':'2020-06-01'}")));
        ok(http.post("/api/tenants/ys-1/graduation", json("{'graduatedOn':'2021-06-30','criterion':'x'}")));
        Instant beforeLateFacts = checkpoint();

        ok(http.post("/api/incubators/yubei-state/floor-area", json("{'floorAreaM2':'6500.5','changedOn':'2019-01-01'}")));
        ok(http.post("/api/tenants/ys-2/investments/inv-ys/retraction", json("{'reason':'重复'}")));
        ok(http.post("/api/incubators/yubei-state/closure", json("{'closedOn':'2023-01-01','reason':'x'}")));
        checkpoint();

        JsonNode then = http.get("/api/incubators/yubei-state?asOf=2021-12-31&knownAt=" + beforeLateFacts).json();
        assertThat(then.get("name").asText()).isEqualTo("两江孵化器");
        assertThat(then.get("regionCode").asText()).isEqualTo("500112");
        assertThat(then.get("status").asText()).isEqualTo("OPEN");
        assertThat(then.get("level").asText()).isEqualTo("MUNICIPAL");
        assertThat(then.get("ratings").toString()).as("in year order, each from its year's last day")
                .isEqualTo("[{\"year\":2020,\"rating\":\"GOOD\"},{\"year\":2021,\"rating\":\"FAIL\"}]");
        assertThat(http.get("/api/incubators/yubei-state?asOf=2021-12-30").json().get("ratings"))
                .as("the 2021 rating counts from 2021-12-31").hasSize(1);
        assertThat(new BigDecimal(then.get("floorAreaM2").asText())).isEqualByComparingTo("5000");
        assertThat(then.get("tenantsInIncubation").asInt()).isEqualTo(2);
        assertThat(then.get("graduated").asInt()).isEqualTo(1);
        assertThat(then.get("ipHeld").get("total").asInt()).isEqualTo(1);
        assertThat(then.get("jobs").asInt()).isEqualTo(20 + 30);
        assertThat(then.get("investment").get("count").asInt()).isEqualTo(1);
        assertThat(new BigDecimal(then.get("investment").get("amountCny").asText())).isEqualByComparingTo("200000");

        JsonNode now = http.get("/api/incubators/yubei-state?asOf=2021-12-31").json();
        assertThat(new BigDecimal(now.get("floorAreaM2").asText())).isEqualByComparingTo("6500.5");
        assertThat(now.get("investment").get("count").asInt()).isZero();
        assertThat(now.get("status").asText()).isEqualTo("OPEN");

        JsonNode closed = http.get("/api/incubators/yubei-state?asOf=2023-06-30").json();
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("closedOn").asText()).isEqualTo("2023-01-01");

        JsonNode early = http.get("/api/incubators/yubei-state?asOf=2016-12-31").json();
        assertThat(early.get("status").asText()).isEqualTo("NOT_YET_OPEN");
        assertThat(early.get("tenantsInIncubation").asInt()).isZero();

        assertThat(http.get("/api/incubators/nope").status()).isEqualTo(404);
        assertThat(http.get("/api/incubators/yubei-state?knownAt=2016-01-01").status()).isEqualTo(404);
        assertThat(http.get("/api/incubators/yubei-state?asOf=2021-13-01").status()).isEqualTo(400);
    }
}
