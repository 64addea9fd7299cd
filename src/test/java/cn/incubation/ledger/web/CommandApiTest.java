package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every command through the real HTTP server, on the shared test ledger. */
class CommandApiTest extends LedgerServerTest {

    @Autowired
    EventStore eventStore;

    @Test
    void registersAnIncubatorWithLocationVersionAndETag() {
        Answer answer = http.post("/api/incubators", json("{'name':'重庆两江新区孵化器','kind':'ACCELERATOR',"
                + "'regionCode':'500112','operator':'两江新区管委会','openedOn':'2017-06-01','floorAreaM2':30000,'staff':12}"));

        assertThat(answer.status()).isEqualTo(201);
        String id = answer.json().get("id").asText();
        assertThat(id).matches("inc-[0-9a-f-]{36}");
        assertThat(answer.json().get("version").asLong()).isZero();
        assertThat(answer.header("Location")).isEqualTo("http://127.0.0.1:" + port + "/api/incubators/" + id);
        assertThat(answer.header("ETag")).isEqualTo("\"0\"");
        assertThat(answer.json().has("investmentId")).isFalse();
    }

    @Test
    void everyIncubatorCommandAdvancesTheVersion() {
        String id = registerIncubator("510107");
        String base = "/api/incubators/" + id;

        assertThat(http.post(base + "/accreditations", json("{'level':'PROVINCIAL','accreditedOn':'2018-01-10'}"))
                       .version()).isEqualTo(1);
        assertThat(http.post(base + "/floor-area", json("{'floorAreaM2':'15000','changedOn':'2019-01-01'}"))
                       .version()).isEqualTo(2);
        assertThat(http.post(base + "/staff", json("{'staff':24,'reportedOn':'2019-12-31'}")).version()).isEqualTo(3);
        assertThat(http.post(base + "/ratings", json("{'year':2019,'rating':'EXCELLENT'}")).version()).isEqualTo(4);
        Answer closed = http.post(base + "/closure", json("{'closedOn':'2024-06-30','reason':'园区改造'}"));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.version()).isEqualTo(5);
        assertThat(closed.header("Location")).isNull();
    }

    @Test
    void everyTenantCommandIsRecordedWithItsMetadata() {
        String tenant = admitTenant(registerIncubator("510107"));
        String base = "/api/tenants/" + tenant;

        assertThat(http.post(base + "/ip-grants", json("{'kind':'INVENTION_PATENT','number':'ZL202010000001.X',"
                + "'title':'一种图像识别方法','grantedOn':'2020-05-01'}")).version()).isEqualTo(1);
        Answer investment = http.post(base + "/investments", json("{'investmentId':'inv-a','round':'ANGEL',"
                + "'investor':'蓉创天使基金','amount':'1000000.00','currency':'USD','cnyRate':'7.10',"
                + "'receivedOn':'2020-03-15'}"), "X-Correlation-Id", "corr-42", "Idempotency-Key", "key-inv-a");
        assertThat(investment.status()).isEqualTo(201);
        assertThat(investment.json().get("investmentId").asText()).isEqualTo("inv-a");
        assertThat(investment.header("Location")).endsWith(base + "/investments/inv-a");
        assertThat(investment.header("X-Correlation-Id")).isEqualTo("corr-42");
        assertThat(http.post(base + "/headcount", json("{'employees':18,'reportedOn':'2020-12-31'}")).version())
                .isEqualTo(3);
        assertThat(http.post(base + "/milestones", json("{'kind':'HIGH_TECH_ENTERPRISE','description':'高新技术企业认定',"
                + "'reachedOn':'2021-11-01'}")).version()).isEqualTo(4);
        assertThat(http.post(base + "/investments/inv-a/correction", json("{'amount':'1200000.00','reason':'合同金额为120万'}"))
                       .version()).isEqualTo(5);
        assertThat(http.post(base + "/investments", json("{'round':'SEED','investor':'某种子基金','amount':'500000',"
                + "'currency':'CNY','receivedOn':'2021-01-10'}")).status()).isEqualTo(201);
        assertThat(http.post(base + "/investments/inv-a/retraction", json("{'reason':'重复录入'}")).version())
                .isEqualTo(7);
        assertThat(http.post(base + "/graduation", json("{'graduatedOn':'2022-06-30','criterion':'营收超过500万'}"))
                       .version()).isEqualTo(8);

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(tenant).asStream().toList();
        assertThat(events).hasSize(9);
        DomainEventMessage<?> received = events.get(2);
        assertThat(received.getPayloadType().getSimpleName()).isEqualTo("InvestmentReceived");
        assertThat(received.getMetaData()).containsEntry("actor", LedgerHttp.ADMIN)
                                          .containsEntry("correlationId", "corr-42")
                                          .containsEntry("idempotencyKey", "key-inv-a");
        assertThat(events.get(3).getMetaData()).containsEntry("actor", LedgerHttp.ADMIN)
                                               .containsKey("correlationId")
                                               .doesNotContainKey("idempotencyKey");
    }

    @Test
    void aWithdrawnTenantsCompanyCanBeAdmittedElsewhere() {
        String code = creditCode();
        String first = unique("ten");
        assertThat(http.post("/api/tenants", admission(first, registerIncubator("510107"), code, "2019-02-01")).status())
                .isEqualTo(201);
        String second = unique("ten");
        String other = registerIncubator("510107");

        Answer refused = http.post("/api/tenants", admission(second, other, code, "2020-02-01"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("field").asText()).isEqualTo("creditCode");

        assertThat(http.post("/api/tenants/" + first + "/withdrawal", json("{'withdrawnOn':'2020-01-31',"
                + "'reason':'迁往加速器'}")).status()).isEqualTo(200);
        assertThat(http.post("/api/tenants", admission(second, other, code, "2020-02-01")).status()).isEqualTo(201);
    }

    @Test
    void invalidInputIsA400ProblemNamingFieldValueAndRuleAndStoresNothing() {
        String incubator = registerIncubator("510107");
        String tenant = admitTenant(incubator);
        long before = storedEvents();

        assertProblem(http.post("/api/incubators/" + incubator + "/accreditations",
                                json("{'level':'GOLD','accreditedOn':'2018-01-01'}")),
                      400, "level", "GOLD", "must be one of DISTRICT, MUNICIPAL, PROVINCIAL, NATIONAL");
        assertProblem(http.post("/api/tenants/" + tenant + "/headcount",
                                json("{'employees':5,'reportedOn':'2020-13-01'}")),
                      400, "reportedOn", "2020-13-01", "must be a date YYYY-MM-DD");
        assertProblem(http.post("/api/tenants/" + tenant + "/headcount",
                                json("{'employees':5,'reportedOn':'2020-12-01','employes':6}")),
                      400, "employes", null, "is not a field of this request; known fields: [reportedOn, employees]");
        assertProblem(http.post("/api/tenants/" + tenant + "/headcount", json("{'employees':-1,'reportedOn':'2020-12-01'}")),
                      400, "employees", "-1", "must not be negative");
        assertProblem(http.post("/api/tenants/" + tenant + "/headcount", json("{'employees':5}")),
                      400, "reportedOn", null, "is required");
        assertProblem(http.post("/api/tenants/" + tenant + "/headcount", json("{'employees':5,'reportedOn':'1979-12-31'}")),
                      400, "reportedOn", "1979-12-31", "must not be before 1980-01-01");
        assertProblem(http.post("/api/tenants/" + tenant + "/headcount", json("{'employees':5,'reportedOn':'2999-01-01'}")),
                      400, "reportedOn", "2999-01-01", null);
        assertProblem(http.post("/api/tenants/" + tenant + "/investments", json("{'round':'A','investor':'x',"
                              + "'amount':'20000000000000','currency':'CNY','receivedOn':'2020-01-01'}")),
                      400, "amount", "20000000000000",
                      "is 20000000000000.00 yuan at 1; one investment is at most 100000000000 yuan (1000亿元)");
        assertProblem(http.post("/api/tenants/" + tenant + "/investments", json("{'round':'A','investor':'x',"
                              + "'amount':'100','currency':'ABC','receivedOn':'2020-01-01'}")),
                      400, "currency", "ABC", "must be the ISO 4217 code of a currency, such as CNY or USD");
        assertProblem(http.post("/api/tenants/" + tenant + "/investments", json("{'round':'A','investor':'x',"
                              + "'amount':'100','currency':'USD','receivedOn':'2020-01-01'}")),
                      400, "cnyRate", null, "is required when the currency is not CNY");
        assertProblem(http.post("/api/tenants", admission("ten-bad-code", incubator, "91510100MA61234567", "2019-02-01")),
                      400, "creditCode", "91510100MA61234567", "check character must be 'W' (GB 32100-2015)");
        assertProblem(http.post("/api/incubators", json("{'name':'x','kind':'INCUBATOR','regionCode':'999999',"
                              + "'operator':'y','openedOn':'2016-03-01','floorAreaM2':'100','staff':1}")),
                      400, "regionCode", "999999", null);
        assertProblem(http.post("/api/tenants/" + tenant + "/headcount", "{\"employees\":"),
                      400, "body", null, null);
        assertProblem(http.post("/api/tenants/" + tenant + "/headcount", json("{'employees':5,'reportedOn':'2020-12-01'}"),
                                "If-Match", "seven"),
                      400, "If-Match", "seven", null);

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void unknownTargetsAre404Problems() {
        long before = storedEvents();

        assertProblem(http.post("/api/incubators/inc-none/staff", json("{'staff':3,'reportedOn':'2020-01-01'}")),
                      404, "incubatorId", "inc-none", "nothing with this id is in the ledger");
        assertProblem(http.post("/api/tenants/ten-none/headcount", json("{'employees':3,'reportedOn':'2020-01-01'}")),
                      404, "tenantId", "ten-none", null);
        assertProblem(http.post("/api/tenants", admission(unique("ten"), "inc-none", creditCode(), "2019-02-01")),
                      404, "incubatorId", "inc-none", "no incubator has this id");
        String tenant = admitTenant(registerIncubator("510107"));
        assertProblem(http.post("/api/tenants/" + tenant + "/investments/inv-none/retraction", json("{'reason':'x'}")),
                      404, "investmentId", "inv-none", "the tenant has no investment with this id");

        assertThat(storedEvents()).isEqualTo(before + 2);
    }

    @Test
    void rulesOfTheCurrentStateAre409ProblemsAndStoreNothing() {
        String incubator = registerIncubator("510107");
        String tenant = admitTenant(incubator);
        http.post("/api/tenants/" + tenant + "/graduation", json("{'graduatedOn':'2021-06-30','criterion':'x'}"));
        http.post("/api/incubators/" + incubator + "/closure", json("{'closedOn':'2023-01-01','reason':'x'}"));
        long before = storedEvents();

        assertProblem(http.post("/api/tenants/" + tenant + "/graduation", json("{'graduatedOn':'2021-07-30','criterion':'x'}")),
                      409, "tenantId", tenant, "the incubation already ended: graduated on 2021-06-30");
        assertProblem(http.post("/api/tenants/" + tenant + "/headcount", json("{'employees':5,'reportedOn':'2021-07-01'}")),
                      409, "reportedOn", "2021-07-01", "must not be after the incubation ended (graduated on 2021-06-30)");
        assertProblem(http.post("/api/tenants/" + tenant + "/headcount", json("{'employees':5,'reportedOn':'2019-01-01'}")),
                      409, "reportedOn", "2019-01-01", "must not be before the tenant was admitted (2019-02-01)");
        assertProblem(http.post("/api/incubators/" + incubator + "/staff", json("{'staff':3,'reportedOn':'2023-02-01'}")),
                      409, "reportedOn", "2023-02-01", "must not be after the carrier closed (2023-01-01)");
        assertProblem(http.post("/api/tenants", admission(unique("ten"), incubator, creditCode(), "2023-02-01")),
                      409, "admittedOn", "2023-02-01", "must be before the carrier closed (2023-01-01)");

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aTeamIsAdmittedWithoutACompanyAndRegistersOneLater() {
        String incubator = registerIncubator("510107");
        String team = unique("ten");
        Answer admitted = http.post("/api/tenants", json("{'tenantId':'" + team + "','incubatorId':'" + incubator
                + "','teamName':'智元创业团队','sector':'人工智能','admittedOn':'2020-01-01'}"));
        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(201);
        long before = storedEvents();

        assertProblem(http.post("/api/tenants", json("{'tenantId':'" + unique("ten") + "','incubatorId':'" + incubator
                              + "','teamName':'团队','companyName':'公司','creditCode':'" + creditCode()
                              + "','sector':'s','foundedOn':'2019-01-01','admittedOn':'2020-01-01'}")),
                      400, "teamName", "团队", "a tenant is a company (companyName and creditCode) or a team without "
                              + "one (teamName), not both; a team that registers a company says so later (POST "
                              + "/api/tenants/{id}/registration)");
        assertProblem(http.post("/api/tenants", json("{'tenantId':'" + unique("ten") + "','incubatorId':'" + incubator
                              + "','companyName':'公司','creditCode':'" + creditCode() + "','sector':'s',"
                              + "'foundedOn':'2019-01-01','admittedOn':'2020-01-01','graduatedOn':'2021-01-01',"
                              + "'criterion':'x','withdrawnOn':'2021-01-01','reason':'y'}")),
                      400, "withdrawnOn", "2021-01-01", "an incubation ends once: give graduatedOn or withdrawnOn, "
                              + "not both");
        assertProblem(http.post("/api/tenants/" + team + "/registration", json("{'companyName':'成都智元科技有限公司',"
                              + "'creditCode':'" + creditCode() + "','registeredOn':'2019-12-31'}")),
                      409, "registeredOn", "2019-12-31", "must not be before the tenant was admitted (2020-01-01)");
        assertThat(storedEvents()).isEqualTo(before);

        String registeredCode = creditCode();
        Answer registered = http.post("/api/tenants/" + team + "/registration", json("{'companyName':'成都智元科技有限公司',"
                + "'creditCode':'" + registeredCode + "','registeredOn':'2020-06-01'}"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        assertProblem(http.post("/api/tenants/" + team + "/registration", json("{'companyName':'x','creditCode':'"
                              + creditCode() + "','registeredOn':'2020-07-01'}")),
                      409, "tenantId", team, "the team already registered its company (" + registeredCode
                              + ") on 2020-06-01");
    }

    @Test
    void ifMatchMakesACommandConditionalOnTheVersion() {
        String tenant = admitTenant(registerIncubator("510107"));
        String path = "/api/tenants/" + tenant + "/headcount";

        Answer current = http.post(path, json("{'employees':5,'reportedOn':'2020-12-31'}"), "If-Match", "\"0\"");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.header("ETag")).isEqualTo("\"1\"");
        long before = storedEvents();

        assertProblem(http.post(path, json("{'employees':6,'reportedOn':'2021-12-31'}"), "If-Match", "0"),
                      409, "If-Match", "0", "is stale: the aggregate is at version 1; read it again and decide anew");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(http.post(path, json("{'employees':6,'reportedOn':'2021-12-31'}"), "If-Match", "1").version())
                .isEqualTo(2);
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstAnswerAndStoresNothingNew() {
        String incubator = registerIncubator("510107");
        String body = admission(unique("ten"), incubator, creditCode(), "2019-03-01");
        Answer first = http.post("/api/tenants", body, "Idempotency-Key", "admit-once");
        long after = storedEvents();

        Answer again = http.post("/api/tenants", body, "Idempotency-Key", "admit-once");

        assertThat(again.status()).isEqualTo(first.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(storedEvents()).isEqualTo(after);

        Answer reused = http.post("/api/tenants", admission(unique("ten"), incubator, creditCode(), "2019-03-01"),
                                  "Idempotency-Key", "admit-once");
        assertProblem(reused, 409, "Idempotency-Key", "admit-once",
                      "was already used with a different request; use a new key for a new request");
        assertThat(storedEvents()).isEqualTo(after);
    }

    @Test
    void aGeneratedIdFollowsTheIdempotencyKey() {
        String incubator = registerIncubator("510107");
        String tenant = admitTenant(incubator);
        String body = json("{'round':'A','investor':'x','amount':'100','currency':'CNY','receivedOn':'2020-01-01'}");

        Answer first = http.post("/api/tenants/" + tenant + "/investments", body, "Idempotency-Key", "inv-key-1");
        Answer again = http.post("/api/tenants/" + tenant + "/investments", body, "Idempotency-Key", "inv-key-1");
        Answer other = http.post("/api/tenants/" + tenant + "/investments", body, "Idempotency-Key", "inv-key-2");

        assertThat(again.json().get("investmentId")).isEqualTo(first.json().get("investmentId"));
        assertThat(other.json().get("investmentId")).isNotEqualTo(first.json().get("investmentId"));
        assertThat(other.version()).isEqualTo(first.version() + 1);
    }

    @Test
    void aRejectedCommandDoesNotUseUpItsIdempotencyKey() {
        String tenant = admitTenant(registerIncubator("510107"));
        String path = "/api/tenants/" + tenant + "/headcount";

        assertThat(http.post(path, json("{'employees':5,'reportedOn':'2019-01-01'}"), "Idempotency-Key", "hc-1")
                       .status()).isEqualTo(409);
        assertThat(http.post(path, json("{'employees':5,'reportedOn':'2020-01-01'}"), "Idempotency-Key", "hc-1")
                       .status()).isEqualTo(200);
    }

    @Test
    void bodiesOver64KiBAre413WhetherDeclaredOrChunked() {
        String tenant = admitTenant(registerIncubator("510107"));
        String path = "/api/tenants/" + tenant + "/withdrawal";
        String big = json("{'withdrawnOn':'2020-01-01','reason':'" + "很".repeat(22_000) + "'}");
        long before = storedEvents();

        Answer declared = http.post(path, big);
        assertProblem(declared, 413, "body", null, "must be at most 65536 bytes");

        Answer chunked = http.postChunked(path, big.getBytes(StandardCharsets.UTF_8));
        assertProblem(chunked, 413, "body", null, "must be at most 65536 bytes");

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void concurrentAdmissionsOfOneCompanyAdmitExactlyOne() throws Exception {
        String code = creditCode();
        List<String> incubators = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            incubators.add(registerIncubator("510107"));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (String incubator : incubators) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.post("/api/tenants", admission(unique("ten"), incubator, code, "2019-02-01"));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLongHistoryIsSnapshottedAndStillObeysItsRules() {
        String tenant = admitTenant(registerIncubator("510107"));
        for (int i = 0; i < 230; i++) {
            Answer answer = http.post("/api/tenants/" + tenant + "/headcount",
                                      json("{'employees':" + i + ",'reportedOn':'2020-06-30'}"));
            assertThat(answer.version()).isEqualTo(i + 1);
        }

        assertThat(database.getCollection("snapshots").countDocuments(
                new org.bson.Document("_id", tenant))).isEqualTo(1);
        assertThat(http.post("/api/tenants/" + tenant + "/graduation", json("{'graduatedOn':'2021-01-01',"
                + "'criterion':'x'}")).version()).isEqualTo(231);
        assertProblem(http.post("/api/tenants/" + tenant + "/headcount", json("{'employees':1,'reportedOn':'2021-06-30'}")),
                      409, "reportedOn", "2021-06-30", "must not be after the incubation ended (graduated on 2021-01-01)");
    }

    @Test
    void theOpenApiDescriptionListsTheCommands() {
        Answer docs = http.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("info").get("title").asText()).isEqualTo("Incubation Ledger API");
        assertThat(docs.json().get("paths").has("/api/tenants/{id}/investments/{investmentId}/correction")).isTrue();
        assertThat(docs.json().get("paths").has("/api/incubators/{id}/closure")).isTrue();
    }
}
