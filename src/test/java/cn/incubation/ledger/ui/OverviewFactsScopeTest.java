package cn.incubation.ledger.ui;

import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import cn.incubation.ledger.web.LedgerServerTest;
import org.junit.jupiter.api.Test;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview's recorded facts name carriers, tenants and investors: an operator sees its own carriers' facts only,
 * as the API shows it only their histories, on the page and in the download; an analyst sees every carrier's.
 */
class OverviewFactsScopeTest extends LedgerServerTest {

    /** Chengdu's Qingbaijiang district. */
    private static final String DISTRICT = "510113";
    private static final String PASSWORD = "page-scope-password-1";

    private LedgerHttp user(String role, String incubators) {
        String name = unique("scope-" + role.toLowerCase(java.util.Locale.ROOT));
        Answer added = http.post("/api/users", json("{'username':'" + name + "','password':'" + PASSWORD
                + "','role':'" + role + "'" + (incubators == null ? "" : ",'incubators':['" + incubators + "']")
                + "}"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return http.as(name, PASSWORD);
    }

    @Test
    void anOperatorSeesItsOwnCarriersFactsAndAnAnalystEveryCarriers() {
        String own = registerIncubator(DISTRICT);
        String other = registerIncubator(DISTRICT);
        admitTenant(other);
        awaitProjections();
        LedgerHttp operator = user("OPERATOR", own);
        LedgerHttp analyst = user("ANALYST", null);

        Answer operatorsPage = operator.get("/overview?region=" + DISTRICT, "Accept", "text/html");
        assertThat(operatorsPage.status()).isEqualTo(200);
        assertThat(operatorsPage.response().body()).contains(own).doesNotContain(other).contains("仅列出您所运营载体的事实");
        Answer operatorsFile = operator.get("/overview/export?region=" + DISTRICT + "&table=facts&format=csv");
        assertThat(operatorsFile.status()).isEqualTo(200);
        assertThat(operatorsFile.response().body()).contains(own).doesNotContain(other);

        Answer analystsPage = analyst.get("/overview?region=" + DISTRICT, "Accept", "text/html");
        assertThat(analystsPage.response().body()).contains(own).contains(other).doesNotContain("仅列出您所运营载体的事实");
        assertThat(analyst.get("/overview/export?region=" + DISTRICT + "&table=facts&format=csv").response().body())
                .contains(own).contains(other).contains("入孵");
    }
}
