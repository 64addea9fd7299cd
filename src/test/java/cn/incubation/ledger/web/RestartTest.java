package cn.incubation.ledger.web;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static cn.incubation.ledger.web.LedgerServerTest.admission;
import static cn.incubation.ledger.web.LedgerServerTest.assertProblem;
import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The ledger stopped and started again on the same data directory knows everything it acknowledged. */
class RestartTest {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dataDir, LedgerHttp.ADMIN_PASSWORD_ARGUMENT);
    }

    static LedgerHttp http(ConfigurableApplicationContext context) {
        return new LedgerHttp(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void stateAndIdempotencyKeysSurviveARestart() {
        String code = "91510100MA6123456W";
        String admit = admission("ten-restart", "inc-restart", code, "2019-02-01");
        Answer firstAdmission;
        try (ConfigurableApplicationContext ledger = start()) {
            LedgerHttp http = http(ledger);
            assertThat(http.post("/api/incubators", json("{'incubatorId':'inc-restart','name':'x','kind':'MAKER_SPACE',"
                    + "'regionCode':'500112','operator':'y','openedOn':'2018-01-01','floorAreaM2':'800','staff':4}"))
                           .status()).isEqualTo(201);
            firstAdmission = http.post("/api/tenants", admit, "Idempotency-Key", "restart-admit");
            assertThat(firstAdmission.status()).isEqualTo(201);
            assertThat(http.post("/api/tenants/ten-restart/investments", json("{'investmentId':'inv-r','round':'SEED',"
                    + "'investor':'x','amount':'100','currency':'CNY','receivedOn':'2020-01-01'}")).version())
                    .isEqualTo(1);
            assertThat(http.post("/api/tenants/ten-restart/graduation", json("{'graduatedOn':'2021-01-01',"
                    + "'criterion':'x'}")).version()).isEqualTo(2);
        }

        try (ConfigurableApplicationContext ledger = start()) {
            LedgerHttp http = http(ledger);

            Answer repeated = http.post("/api/tenants", admit, "Idempotency-Key", "restart-admit");
            assertThat(repeated.status()).isEqualTo(201);
            assertThat(repeated.json()).isEqualTo(firstAdmission.json());

            assertProblem(http.post("/api/tenants/ten-restart/graduation", json("{'graduatedOn':'2021-02-01',"
                                  + "'criterion':'x'}")),
                          409, "tenantId", "ten-restart", "the incubation already ended: graduated on 2021-01-01");
            assertProblem(http.post("/api/tenants/ten-restart/investments", json("{'investmentId':'inv-r',"
                                  + "'round':'SEED','investor':'x','amount':'100','currency':'CNY','receivedOn':'2020-01-01'}")),
                          409, "investmentId", "inv-r", null);
            assertThat(http.post("/api/tenants/ten-restart/investments/inv-r/correction",
                                 json("{'amount':'120','reason':'typo'}")).version()).isEqualTo(3);
            assertProblem(http.post("/api/tenants", admission("ten-restart", "inc-restart", code, "2021-02-01")),
                          409, "tenantId", "ten-restart", "is already taken: it is a tenant's id");
            assertThat(http.post("/api/tenants", admission("ten-restart-2", "inc-restart", code, "2021-02-01"))
                           .status()).isEqualTo(201);
        }
    }
}
