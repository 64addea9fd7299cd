package cn.incubation.ledger.security;

import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two carriers with a tenant and an investment each, and one signed-in client per kind of user: an operator of the
 * first carrier, a fund manager of every investor, one limited to the first tenant's investor, and an analyst.
 */
final class SecurityFixture {

    static final String PASSWORD = "password-of-a-user";
    static final String INVESTOR_A = "蓉创天使基金";
    static final String INVESTOR_B = "渝北种子基金";

    final String carrierA;
    final String carrierB;
    final String tenantA;
    final String tenantB;
    final String investmentA;
    final LedgerHttp admin;
    final LedgerHttp operator;
    final LedgerHttp fundManager;
    final LedgerHttp limitedFundManager;
    final LedgerHttp analyst;
    final String operatorName;

    SecurityFixture(LedgerHttp admin, String prefix) {
        this.admin = admin;
        carrierA = prefix + "-carrier-a";
        carrierB = prefix + "-carrier-b";
        tenantA = prefix + "-tenant-a";
        tenantB = prefix + "-tenant-b";
        investmentA = prefix + "-inv-a";
        register(carrierA);
        register(carrierB);
        admit(admin, tenantA, carrierA, Codes.next());
        admit(admin, tenantB, carrierB, Codes.next());
        invest(tenantA, investmentA, INVESTOR_A);
        invest(tenantB, prefix + "-inv-b", INVESTOR_B);
        operatorName = prefix + "-operator";
        operator = user(operatorName, "'role':'OPERATOR','incubators':['" + carrierA + "']");
        fundManager = user(prefix + "-fund", "'role':'FUND_MANAGER'");
        limitedFundManager = user(prefix + "-fund-a", "'role':'FUND_MANAGER','investors':['" + INVESTOR_A + "']");
        analyst = user(prefix + "-analyst", "'role':'ANALYST'");
    }

    private void register(String id) {
        Answer answer = admin.post("/api/incubators", json("{'incubatorId':'" + id + "','name':'天府软件园创业场',"
                + "'kind':'INCUBATOR','regionCode':'510107','operator':'天府软件园','openedOn':'2016-03-01',"
                + "'floorAreaM2':'12000','staff':20}"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    static Answer admit(LedgerHttp client, String tenant, String carrier, String creditCode) {
        return client.post("/api/tenants", admission(tenant, carrier, creditCode));
    }

    static String admission(String tenant, String carrier, String creditCode) {
        return json("{'tenantId':'" + tenant + "','incubatorId':'" + carrier + "','companyName':'成都智元科技有限公司',"
                + "'creditCode':'" + creditCode + "','sector':'人工智能','foundedOn':'2018-05-01',"
                + "'admittedOn':'2019-02-01'}");
    }

    private void invest(String tenant, String investment, String investor) {
        Answer answer = admin.post("/api/tenants/" + tenant + "/investments", json("{'investmentId':'" + investment
                + "','round':'ANGEL','investor':'" + investor + "','amount':'1000000','currency':'CNY',"
                + "'receivedOn':'2020-03-15'}"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    private LedgerHttp user(String name, String roleAndScopes) {
        Answer answer = admin.post("/api/users", json("{'username':'" + name + "','password':'" + PASSWORD + "',"
                + roleAndScopes + "}"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return admin.as(name, PASSWORD);
    }

    /** Valid credit codes no other fixture of this run uses. */
    static final class Codes {
        private static int next = 7_000_000;

        static synchronized String next() {
            String first17 = String.format("91510100MA%07d", next++);
            return first17 + cn.incubation.ledger.shared.CreditCode.checkCharacter(first17);
        }
    }
}
