package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists and searches through the real HTTP server on the embedded MongoDB: carriers by region, kind, level and
 * status, a carrier's tenants by status, tenants by credit code and by a name's beginning, investors with their
 * totals; paged, sorted, cut to an operator's carriers, and the same after a rebuild.
 */
// A ledger of its own (the default setting, named only to part it from the shared context): the lists count every
// carrier of a region, which other test classes would add to.
@TestPropertySource(properties = "ledger.projections.rebuild-keep=250000")
class DirectoryApiTest extends LedgerServerTest {

    /** The fixture, made once for the class: carriers in Chengdu and Chongqing, tenants, investments. */
    private static Fixture fixture;

    record Fixture(String a, String b, String c, String d, String t1, String t2, String t3, String t4, String t5,
                   String t6, String t7, String code3) {
    }

    @BeforeEach
    void fixture() {
        if (fixture == null) {
            fixture = make();
            awaitProjections();
        }
    }

    private Fixture make() {
        String a = carrier("武侯创新中心", "INCUBATOR", "510107", "2016-03-01", "12000");
        String b = carrier("锦江众创空间", "MAKER_SPACE", "510104", "2017-05-01", "3000");
        String c = carrier("渝北加速器", "ACCELERATOR", "500112", "2015-01-01", "20000");
        String d = carrier("Tianfu 孵化器", "INCUBATOR", "510107", "2020-01-01", "8000");
        ok(http.post("/api/incubators/" + a + "/accreditations", json("{'level':'PROVINCIAL','accreditedOn':"
                + "'2018-06-01'}")));
        ok(http.post("/api/incubators/" + a + "/accreditations", json("{'level':'NATIONAL','accreditedOn':"
                + "'2021-06-01'}")));
        ok(http.post("/api/incubators/" + c + "/closure", json("{'closedOn':'2022-01-01','reason':'搬迁'}")));

        String t1 = company(a, "深圳某某科技有限公司", creditCode(), "2019-02-01");
        String t2 = company(a, "深圳前海微众科技有限公司", creditCode(), "2019-03-01");
        String code3 = creditCode();
        String t3 = company(a, "成都智元科技有限公司", code3, "2019-04-01");
        String t4 = unique("ten");
        ok(http.post("/api/tenants", json("{'tenantId':'" + t4 + "','incubatorId':'" + a + "','teamName':'深蓝团队',"
                + "'sector':'人工智能','admittedOn':'2020-01-01'}")));
        String t5 = company(d, "深圳湾科技有限公司", creditCode(), "2020-02-01");
        ok(http.post("/api/tenants/" + t2 + "/graduation", json("{'graduatedOn':'2021-12-31','criterion':'高新技术企业'}")));
        ok(http.post("/api/tenants/" + t3 + "/withdrawal", json("{'withdrawnOn':'2020-06-30','reason':'迁出'}")));
        // The same company again, in another carrier: one credit code, two incubations.
        String t6 = company(d, "成都智元科技有限公司", code3, "2020-07-01");
        String t7 = company(c, "重庆某科技有限公司", creditCode(), "2016-01-01");

        String first = invest(t1, "蓉创天使基金", "1000000");
        String second = invest(t2, "蓉创天使基金", "500000");
        ok(http.post("/api/tenants/" + t1 + "/investments/" + first + "/correction", json("{'amount':'1200000',"
                + "'reason':'补录'}")));
        // A correction that names another investor moves the investment to it.
        ok(http.post("/api/tenants/" + t2 + "/investments/" + second + "/correction", json("{'investor':'深创投',"
                + "'reason':'投资方录错'}")));
        // From its registration the team is a company, found by the company's name too.
        ok(http.post("/api/tenants/" + t4 + "/registration", json("{'companyName':'深蓝智能科技有限公司',"
                + "'creditCode':'" + creditCode() + "','registeredOn':'2021-03-01'}")));
        invest(t5, "深创投", "2000000");
        String retracted = invest(t5, "深创投", "999");
        ok(http.post("/api/tenants/" + t5 + "/investments/" + retracted + "/retraction", json("{'reason':'录错'}")));
        return new Fixture(a, b, c, d, t1, t2, t3, t4, t5, t6, t7, code3);
    }

    private String carrier(String name, String kind, String region, String openedOn, String area) {
        String id = unique("inc");
        ok(http.post("/api/incubators", json("{'incubatorId':'" + id + "','name':'" + name + "','kind':'" + kind
                + "','regionCode':'" + region + "','operator':'运营方','openedOn':'" + openedOn + "','floorAreaM2':'"
                + area + "','staff':10}")));
        return id;
    }

    private String company(String carrier, String name, String code, String admittedOn) {
        String id = unique("ten");
        LocalDate founded = LocalDate.parse(admittedOn).minusMonths(9);
        ok(http.post("/api/tenants", json("{'tenantId':'" + id + "','incubatorId':'" + carrier + "','companyName':'"
                + name + "','creditCode':'" + code + "','sector':'人工智能','foundedOn':'" + founded
                + "','admittedOn':'" + admittedOn + "'}")));
        return id;
    }

    private String invest(String tenant, String investor, String amount) {
        String id = unique("inv");
        ok(http.post("/api/tenants/" + tenant + "/investments", json("{'investmentId':'" + id + "','round':'ANGEL',"
                + "'investor':'" + investor + "','amount':'" + amount + "','currency':'CNY','receivedOn':"
                + "'2021-03-15'}")));
        return id;
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
    }

    private JsonNode get(LedgerHttp client, String path) {
        Answer answer = client.get(path);
        assertThat(answer.status()).as(path + ": " + answer).isEqualTo(200);
        return answer.json();
    }

    private JsonNode get(String path) {
        return get(http, path);
    }

    private static List<String> ids(JsonNode list, String rows, String field) {
        List<String> ids = new ArrayList<>();
        list.get(rows).forEach(row -> ids.add(row.get(field).asText()));
        return ids;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void listsARegionsCarriersAtEveryLevelOfItsHierarchy() {
        Fixture f = fixture;
        assertThat(ids(get("/api/carriers?region=510107"), "carriers", "id")).containsExactlyInAnyOrder(f.a(), f.d());
        assertThat(ids(get("/api/carriers?region=510100"), "carriers", "id"))
                .containsExactlyInAnyOrder(f.a(), f.b(), f.d());
        assertThat(ids(get("/api/carriers?region=510000"), "carriers", "id"))
                .containsExactlyInAnyOrder(f.a(), f.b(), f.d());
        assertThat(ids(get("/api/carriers?region=500000"), "carriers", "id")).containsExactly(f.c());
        JsonNode chengyu = get("/api/carriers?region=chengyu");
        assertThat(chengyu.get("total").asLong()).isEqualTo(4);
        assertThat(ids(chengyu, "carriers", "id")).containsExactlyInAnyOrder(f.a(), f.b(), f.c(), f.d());
    }

    @Test
    void filtersCarriersByKindLevelAndStatusOnTheDateAsked() {
        Fixture f = fixture;
        assertThat(ids(get("/api/carriers?region=chengyu&kind=INCUBATOR"), "carriers", "id"))
                .containsExactlyInAnyOrder(f.a(), f.d());
        assertThat(ids(get("/api/carriers?region=chengyu&kind=INCUBATOR,MAKER_SPACE"), "carriers", "id"))
                .containsExactlyInAnyOrder(f.a(), f.b(), f.d());
        assertThat(ids(get("/api/carriers?region=chengyu&level=NATIONAL"), "carriers", "id")).containsExactly(f.a());
        // Accredited national in 2021: provincial on 2020-12-31, and D was opened by then, B too.
        JsonNode in2020 = get("/api/carriers?region=chengyu&level=PROVINCIAL&asOf=2020-12-31");
        assertThat(ids(in2020, "carriers", "id")).containsExactly(f.a());
        assertThat(in2020.get("carriers").get(0).get("level").asText()).isEqualTo("PROVINCIAL");
        assertThat(ids(get("/api/carriers?region=chengyu&status=CLOSED"), "carriers", "id")).containsExactly(f.c());
        assertThat(ids(get("/api/carriers?region=chengyu&status=OPEN&asOf=2021-12-31"), "carriers", "id"))
                .containsExactlyInAnyOrder(f.a(), f.b(), f.c(), f.d());
        // Not yet opened on the date: left out.
        assertThat(ids(get("/api/carriers?region=chengyu&asOf=2016-12-31"), "carriers", "id"))
                .containsExactlyInAnyOrder(f.a(), f.c());
    }

    @Test
    void sortsAndPagesCarriers() {
        Fixture f = fixture;
        assertThat(ids(get("/api/carriers?region=chengyu&sort=floorArea,desc"), "carriers", "id"))
                .containsExactly(f.c(), f.a(), f.d(), f.b());
        assertThat(ids(get("/api/carriers?region=chengyu&sort=openedOn"), "carriers", "id"))
                .containsExactly(f.c(), f.a(), f.b(), f.d());
        JsonNode second = get("/api/carriers?region=chengyu&sort=floorArea&size=3&page=1");
        assertThat(second.get("total").asLong()).isEqualTo(4);
        assertThat(ids(second, "carriers", "id")).containsExactly(f.c());
        assertThat(get("/api/carriers?region=chengyu&size=3&page=5").get("carriers")).isEmpty();
        // Today: A and D two in incubation each (A's team registered as a company since), C one, B none.
        JsonNode byTenants = get("/api/carriers?region=chengyu&sort=tenants,desc");
        List<String> order = ids(byTenants, "carriers", "id");
        assertThat(order.subList(0, 2)).containsExactlyInAnyOrder(f.a(), f.d());
        assertThat(order.subList(2, 4)).containsExactly(f.c(), f.b());
        for (JsonNode row : byTenants.get("carriers")) {
            assertThat(row.get("teamsInIncubation").asInt()).as(row.toString()).isZero();
        }
        assertThat(byTenants.get("carriers").get(0).get("companiesInIncubation").asInt()).isEqualTo(2);
        assertThat(byTenants.get("carriers").get(2).get("companiesInIncubation").asInt()).isEqualTo(1);
    }

    @Test
    void listsACarriersTenantsByStatus() {
        Fixture f = fixture;
        String path = "/api/incubators/" + f.a() + "/tenants";
        JsonNode all = get(path);
        assertThat(all.get("total").asLong()).isEqualTo(4);
        assertThat(ids(all, "tenants", "tenantId")).containsExactly(f.t1(), f.t2(), f.t3(), f.t4());
        assertThat(ids(get(path + "?status=IN_INCUBATION"), "tenants", "tenantId")).containsExactly(f.t1(), f.t4());
        assertThat(ids(get(path + "?status=GRADUATED"), "tenants", "tenantId")).containsExactly(f.t2());
        assertThat(ids(get(path + "?status=WITHDRAWN"), "tenants", "tenantId")).containsExactly(f.t3());
        // On 2021-06-30 the graduate was still in incubation.
        assertThat(ids(get(path + "?status=IN_INCUBATION&asOf=2021-06-30"), "tenants", "tenantId"))
                .containsExactly(f.t1(), f.t2(), f.t4());
        assertThat(ids(get(path + "?sort=admittedOn,desc&size=2"), "tenants", "tenantId"))
                .containsExactly(f.t4(), f.t3());
        assertThat(ids(get(path + "?sort=admittedOn,desc&size=2&page=1"), "tenants", "tenantId"))
                .containsExactly(f.t2(), f.t1());
        assertThat(ids(get(path + "?sort=endedOn"), "tenants", "tenantId")).startsWith(f.t3(), f.t2());
        // Before its registration the team has no company.
        JsonNode team = get(path + "?asOf=2021-01-01&sort=admittedOn,desc&size=1").get("tenants").get(0);
        assertThat(team.get("teamName").asText()).isEqualTo("深蓝团队");
        assertThat(team.hasNonNull("companyName")).isFalse();
        assertThat(get(path + "?sort=admittedOn,desc&size=1").get("tenants").get(0).get("companyName").asText())
                .isEqualTo("深蓝智能科技有限公司");
    }

    @Test
    void findsTenantsByTheBeginningOfTheirNamesInChinese() {
        Fixture f = fixture;
        JsonNode shenzhen = get("/api/tenants?name=" + encoded("深圳"));
        assertThat(shenzhen.get("total").asLong()).isEqualTo(3);
        // In the order of the names' code points: 前 < 某 < 湾.
        assertThat(ids(shenzhen, "tenants", "tenantId")).containsExactly(f.t2(), f.t1(), f.t5());
        assertThat(ids(get("/api/tenants?name=" + encoded("深")), "tenants", "tenantId"))
                .containsExactlyInAnyOrder(f.t1(), f.t2(), f.t4(), f.t5());
        assertThat(ids(get("/api/tenants?name=" + encoded("深圳某某科技有限公司")), "tenants", "tenantId"))
                .containsExactly(f.t1());
        assertThat(get("/api/tenants?name=" + encoded("北京")).get("tenants")).isEmpty();
        assertThat(ids(get("/api/tenants?name=" + encoded("深蓝")), "tenants", "tenantId")).containsExactly(f.t4());
        assertThat(ids(get("/api/tenants?name=" + encoded("深蓝智能")), "tenants", "tenantId")).containsExactly(f.t4());
        assertThat(ids(get("/api/tenants?name=" + encoded("深蓝团")), "tenants", "tenantId")).containsExactly(f.t4());
        // Latin letters match whatever their case and width.
        assertThat(ids(get("/api/carriers?region=510107&q=" + encoded("ＴＩＡＮＦＵ")), "carriers", "id"))
                .containsExactly(f.d());
        assertThat(ids(get("/api/tenants?name=" + encoded("深") + "&size=2&page=1"), "tenants", "tenantId"))
                .hasSize(2);
    }

    @Test
    void findsEveryIncubationOfACompanyByItsCreditCode() {
        Fixture f = fixture;
        JsonNode found = get("/api/tenants?creditCode=" + f.code3());
        assertThat(ids(found, "tenants", "tenantId")).containsExactly(f.t3(), f.t6());
        assertThat(ids(found, "tenants", "incubatorId")).containsExactly(f.a(), f.d());
        assertThat(ids(found, "tenants", "status")).containsExactly("WITHDRAWN", "IN_INCUBATION");
        assertThat(get("/api/tenants?creditCode=" + creditCode()).get("tenants")).isEmpty();
    }

    @Test
    void listsInvestorsWithWhatTheyHoldNow() {
        JsonNode byAmount = get("/api/investors?sort=amountCny,desc");
        assertThat(ids(byAmount, "investors", "name")).containsExactly("深创投", "蓉创天使基金");
        // The retracted investment counts nowhere; the one moved by its correction counts for its new investor.
        assertThat(byAmount.get("investors").get(0).get("investments").asInt()).isEqualTo(2);
        assertThat(byAmount.get("investors").get(0).get("amountCny").decimalValue())
                .isEqualByComparingTo("2500000");
        assertThat(byAmount.get("investors").get(1).get("investments").asInt()).isEqualTo(1);
        assertThat(byAmount.get("investors").get(1).get("amountCny").decimalValue())
                .isEqualByComparingTo("1200000");
        assertThat(ids(get("/api/investors?sort=investments&size=1&page=1"), "investors", "name"))
                .containsExactly("深创投");
    }

    @Test
    void anOperatorsListsAreCutToItsCarriers() {
        Fixture f = fixture;
        LedgerHttp operator = user("operator", "'role':'OPERATOR','incubators':['" + f.a() + "']");
        JsonNode carriers = get(operator, "/api/carriers?region=chengyu");
        assertThat(ids(carriers, "carriers", "id")).containsExactly(f.a());
        assertThat(carriers.get("total").asLong()).isEqualTo(1);
        assertThat(ids(get(operator, "/api/tenants?name=" + encoded("深圳")), "tenants", "tenantId"))
                .containsExactly(f.t2(), f.t1());
        assertThat(ids(get(operator, "/api/tenants?creditCode=" + f.code3()), "tenants", "tenantId"))
                .containsExactly(f.t3());
        assertThat(get(operator, "/api/incubators/" + f.a() + "/tenants").get("total").asLong()).isEqualTo(4);
        assertThat(operator.get("/api/incubators/" + f.d() + "/tenants").status()).isEqualTo(403);
        assertThat(operator.get("/api/investors").status()).isEqualTo(403);

        LedgerHttp fund = user("fund", "'role':'FUND_MANAGER','investors':['深创投']");
        assertThat(ids(get(fund, "/api/investors"), "investors", "name")).containsExactly("深创投");
        assertThat(fund.get("/api/carriers?region=chengyu").status()).isEqualTo(403);
    }

    private LedgerHttp user(String prefix, String roleAndScopes) {
        String name = unique(prefix);
        ok(http.post("/api/users", json("{'username':'" + name + "','password':'password-of-a-user',"
                + roleAndScopes + "}")));
        return http.as(name, "password-of-a-user");
    }

    @Test
    void badParametersAre400sNamingTheParameter() {
        String carrier = "/api/incubators/" + fixture.a() + "/tenants";
        assertProblem(http.get("/api/carriers?region=chengyu&sort=size"), 400, "sort", "must be one of name");
        assertProblem(http.get("/api/carriers?region=chengyu&sort=name,sideways"), 400, "sort", ",desc");
        assertProblem(http.get("/api/carriers?region=chengyu&page=-1"), 400, "page", "from 0");
        assertProblem(http.get("/api/carriers?region=chengyu&size=201"), 400, "size", "from 1 to 200");
        assertProblem(http.get("/api/carriers?region=chengyu&size=0"), 400, "size", "from 1 to 200");
        assertProblem(http.get("/api/carriers?region=999999"), 400, "region", "region catalog");
        assertProblem(http.get("/api/carriers"), 400, "region", "is required");
        assertProblem(http.get("/api/carriers?region=chengyu&kind=SPACESHIP"), 400, "kind", "MAKER_SPACE");
        assertProblem(http.get("/api/carriers?region=chengyu&level=GALACTIC"), 400, "level", "NATIONAL");
        assertProblem(http.get("/api/carriers?region=chengyu&status=AJAR"), 400, "status", "OPEN, CLOSED");
        assertProblem(http.get("/api/carriers?region=chengyu&asOf=2019-02-30"), 400, "asOf", null);
        assertProblem(http.get("/api/carriers?region=chengyu&asOf=2020-01-01&sort=tenants"), 400, "sort", "today");
        assertProblem(http.get(carrier + "?status=ASLEEP"), 400, "status", "IN_INCUBATION");
        assertProblem(http.get(carrier + "?sort=floorArea"), 400, "sort", "admittedOn");
        assertProblem(http.get(carrier + "?size=1000"), 400, "size", null);
        assertProblem(http.get("/api/incubators/" + unique("nowhere") + "/tenants"), 404, "incubatorId", null);
        assertProblem(http.get("/api/tenants"), 400, "creditCode", "either");
        assertProblem(http.get("/api/tenants?name=x&creditCode=" + fixture.code3()), 400, "name", "both");
        assertProblem(http.get("/api/tenants?creditCode=12345"), 400, "creditCode", null);
        assertProblem(http.get("/api/tenants?name=" + "x".repeat(201)), 400, "name", null);
        assertProblem(http.get("/api/investors?sort=age"), 400, "sort", "amountCny");
        assertProblem(http.get("/api/investors?page=abc"), 400, "page", null);
    }

    @Test
    void aRebuildGivesTheSameLists() {
        Fixture f = fixture;
        List<String> paths = List.of("/api/carriers?region=chengyu&sort=floorArea",
                                     "/api/carriers?region=510100&asOf=2020-12-31",
                                     "/api/incubators/" + f.a() + "/tenants",
                                     "/api/incubators/" + f.d() + "/tenants?sort=name",
                                     "/api/tenants?name=" + encoded("深"),
                                     "/api/tenants?name=" + encoded("成都智元"),
                                     "/api/tenants?creditCode=" + f.code3(),
                                     "/api/investors?sort=amountCny");
        List<JsonNode> before = paths.stream().map(this::get).toList();
        int generation = projections.status("directory").generation();

        projections.replay("directory");
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();

        assertThat(projections.status("directory").generation()).isGreaterThan(generation);
        assertThat(paths.stream().map(this::get).toList()).isEqualTo(before);
    }
}
