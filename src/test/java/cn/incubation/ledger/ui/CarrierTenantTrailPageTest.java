package cn.incubation.ledger.ui;

import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The carrier, tenant and trail pages in the browser: an analyst moves a carrier's date and sees its state and charts
 * follow, a tenant's facts stand in the order they happened with who recorded each, a fund manager reviews an
 * investor's trail with its correction and running total, an operator is refused another carrier, and a download
 * opens in POI with Chinese headers and numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CarrierTenantTrailPageTest extends BrowserTest {

    /** Chengdu's Jinjiang district: no other page test records there. */
    private static final String DISTRICT = "510104";

    private String carrier;
    private String otherCarrier;
    private String early;
    private String late;
    private String investor;
    private String analyst;
    private String operator;
    private String fundManager;
    private java.time.Instant beforeCorrection;

    /** Once for the class, after the base class has connected its API client. */
    @BeforeEach
    void recordAHistoryOnce() {
        if (analyst != null) {
            return;
        }
        carrier = carrier("锦江创业中心");
        otherCarrier = carrier("锦江另一载体");
        early = admit(carrier, "锦江早期科技有限公司", "2019-02-01");
        late = admit(carrier, "锦江后期科技有限公司", "2022-03-01");
        operator = newUser("OPERATOR", "'incubators':['" + carrier + "']");
        LedgerHttp asOperator = http.as(operator, PASSWORD);
        ok(asOperator.post("/api/tenants/" + early + "/headcount", json("{'employees':12,'reportedOn':'2019-06-30'}")));
        ok(http.post("/api/tenants/" + early + "/ip-grants", json("{'kind':'INVENTION_PATENT','number':'ZL2021-1',"
                + "'title':'一种孵化方法','grantedOn':'2021-04-01'}")));
        ok(http.post("/api/tenants/" + late + "/headcount", json("{'employees':30,'reportedOn':'2022-06-30'}")));
        investor = "锦江天使基金" + unique("");
        ok(http.post("/api/tenants/" + early + "/investments", json("{'investmentId':'inv-early','round':'ANGEL',"
                + "'investor':'" + investor + "','amount':'1000000','currency':'CNY','receivedOn':'2020-05-01'}")));
        ok(asOperator.post("/api/tenants/" + late + "/investments", json("{'investmentId':'inv-late','round':'SEED',"
                + "'investor':'" + investor + "','amount':'500000','currency':'CNY','receivedOn':'2022-06-01'}")));
        beforeCorrection = clock.checkpoint();
        ok(asOperator.post("/api/tenants/" + early + "/investments/inv-early/correction",
                           json("{'amount':'1200000','reason':'合同金额为120万'}")));
        awaitProjections();
        analyst = newUser("ANALYST");
        fundManager = newUser("FUND_MANAGER", "'investors':['" + investor + "']");
    }

    @Test
    void anAnalystMovesTheDateAndTheStateAndChartsFollow() {
        signIn(analyst, PASSWORD);
        open("/carriers/" + carrier + "?asOf=2020-06-30");
        assertThat(browser.findElement(By.id("carrier-heading")).getText()).isEqualTo("锦江创业中心");
        assertThat(browser.findElement(By.id("state-tenants")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("timeline-table")).getText()).as("facts up to the date only")
                                                                          .doesNotContain("2022-03-01");
        Map<String, Object> before = chart("chart-tenants");
        screenshotWholePage("carrier-2020-zh");

        showAsOf("2023-06-30");
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("as-known"), "2023-06-30"));
        assertThat(browser.findElement(By.id("state-tenants")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("state-jobs")).getText()).isEqualTo("42");
        Map<String, Object> after = chart("chart-tenants");
        screenshotWholePage("carrier-2023-zh");

        assertThat(periods(before)).last().isEqualTo("2020");
        assertThat(periods(after)).last().isEqualTo("2023");
        assertThat(lastValue(before, 0)).isEqualTo(1);
        assertThat(lastValue(after, 0)).as("tenants in incubation in 2023").isEqualTo(2);
        assertThat(lastValue(chart("chart-jobs"), 0)).isEqualTo(42);
        assertThat(browser.findElements(By.cssSelector("#tenants-table-IN_INCUBATION tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.id("timeline-table")).getText()).contains("入孵").contains(operator);

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("type")))
                .selectByVisibleText("获得投融资");
        waitFor().until(ExpectedConditions.urlContains("type=InvestmentReceived"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#timeline-table tbody tr"));
        assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row.getText()).contains("获得投融资"));

        open("/carriers/" + carrier + "?asOf=2023-06-30&lang=en");
        assertThat(browser.findElement(By.id("state-status")).getText()).isEqualTo("Open");
        assertThat(browser.getPageSource()).doesNotContain("??");
        screenshotWholePage("carrier-en");
        open("/carriers/" + carrier + "?lang=zh");
    }

    @Test
    void aTenantPageShowsItsFactsInOrderWithTheirActors() {
        signIn(analyst, PASSWORD);
        open("/carriers/" + carrier + "?asOf=2023-06-30");
        browser.findElement(By.cssSelector("#tenants-table-IN_INCUBATION tr[data-tenant='" + early + "'] a")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("facts-table")));
        assertThat(browser.findElement(By.id("tenant-heading")).getText()).isEqualTo("锦江早期科技有限公司");

        List<WebElement> rows = browser.findElements(By.cssSelector("#facts-table tbody tr"));
        List<String> dates = rows.stream().map(r -> r.findElements(By.tagName("td")).get(1).getText()).toList();
        assertThat(dates).containsExactly("2019-02-01", "2019-06-30", "2020-05-01", "2020-05-01", "2021-04-01");
        List<String> types = rows.stream().map(r -> r.findElements(By.tagName("td")).get(3).getText()).toList();
        assertThat(types).containsExactly("入孵", "报告员工人数", "获得投融资", "更正投融资", "获得知识产权");
        List<String> actors = rows.stream().map(r -> r.findElement(By.className("actor")).getText()).toList();
        assertThat(actors).containsExactly("admin", operator, "admin", operator, "admin");
        assertThat(browser.findElement(By.id("investments-table")).getText()).contains("1,200,000")
                                                                             .contains("合同金额为120万");
        screenshotWholePage("tenant-zh");
        open("/tenants/" + early + "?lang=en");
        assertThat(browser.findElement(By.id("facts-table")).getText()).contains("Admitted");
        screenshotWholePage("tenant-en");
        open("/tenants/" + early + "?lang=zh");
    }

    @Test
    void aFundManagerReviewsAnInvestorsTrailWithItsCorrectionAndRunningTotal() {
        signIn(fundManager, PASSWORD);
        open("/trails/investors/" + URLEncoder.encode(investor, StandardCharsets.UTF_8));
        assertThat(browser.findElement(By.id("trail-heading")).getText()).contains(investor);
        WebElement correction = browser.findElement(By.cssSelector("#changes-table tr[data-investment='inv-early']"));
        assertThat(correction.getText()).contains("已更正").contains("合同金额为120万").contains(operator);
        assertThat(browser.findElement(By.id("card-total")).getText()).contains("1,700,000");
        assertThat(browser.findElements(By.cssSelector("main a[href*='/tenants/'], main a[href*='/carriers/']")))
                .as("a fund manager reads no carrier or tenant page: no link leads to a refusal").isEmpty();
        assertThat(browser.findElement(By.id("trail-table")).getText()).contains(early);
        Map<String, Object> chart = chart("chart-running-total");
        assertThat(series(chart, 1)).as("the running total after each investment")
                                    .containsExactly(1_200_000.0, 1_700_000.0);
        screenshotWholePage("trail-investor-zh");
        open("/trails/investors/" + URLEncoder.encode(investor, StandardCharsets.UTF_8) + "?lang=en");
        assertThat(browser.getPageSource()).doesNotContain("??");
        screenshotWholePage("trail-investor-en");
        open("/trails/investors/" + URLEncoder.encode(investor, StandardCharsets.UTF_8) + "?lang=zh");

        WebElement knownAt = browser.findElement(By.id("knownAt"));
        knownAt.sendKeys(beforeCorrection.toString());
        browser.findElement(By.id("show")).click();
        waitFor().until(ExpectedConditions.urlContains("knownAt="));
        assertThat(browser.findElements(By.cssSelector("#changes-table tr[data-investment='inv-early']")))
                .as("the correction was recorded after the second investment").isEmpty();
        assertThat(series(chart("chart-running-total"), 1)).containsExactly(1_000_000.0, 1_500_000.0);
    }

    @Test
    void anInvestorsLongTrailIsShownAPageAtATimeWithItsRowsNumberedOverTheWholeTrail() {
        String busy = "锦江长期基金" + unique("");
        // A carrier and tenant of its own: the other tests count this class's carrier's facts.
        String funded = admit(carrier("锦江长期载体"), "锦江长期科技有限公司", "2022-03-01");
        int perPage = 100;
        int investments = perPage + 1;
        for (int i = 1; i <= investments; i++) {
            ok(http.post("/api/tenants/" + funded + "/investments", json("{'investmentId':'inv-busy-" + i + "',"
                    + "'round':'GRANT','investor':'" + busy + "','amount':'10000','currency':'CNY',"
                    + "'receivedOn':'2023-01-01'}")));
        }
        awaitProjections();
        String path = "/trails/investors/" + URLEncoder.encode(busy, StandardCharsets.UTF_8);
        signIn(LedgerHttp.ADMIN, LedgerHttp.ADMIN_PASSWORD);
        open(path);
        assertThat(browser.findElements(By.cssSelector("#trail-table tbody tr"))).hasSize(perPage);
        assertThat(browser.findElement(By.id("trail-pager")).getText()).contains("1 / 2");
        assertThat(series(chart("chart-running-total"), 1)).as("the chart holds the whole trail")
                                                           .hasSize(investments);
        browser.findElement(By.id("page-next")).click();
        waitFor().until(ExpectedConditions.urlContains("page=1"));
        List<WebElement> last = browser.findElements(By.cssSelector("#trail-table tbody tr"));
        assertThat(last).hasSize(1);
        assertThat(last.get(0).getText()).startsWith(String.valueOf(investments)).contains("1,010,000");
        screenshotWholePage("trail-investor-page-2-zh");
    }

    @Test
    void anOperatorCannotOpenAnotherCarriersPage() {
        signIn(operator, PASSWORD);
        open("/");
        browser.findElement(By.id("jump-carrier")).sendKeys(carrier);
        browser.findElement(By.id("jump-carrier-go")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("carrier-heading")));
        assertThat(browser.getCurrentUrl()).endsWith("/carriers/" + carrier);
        assertThat(browser.findElement(By.id("carrier-heading")).getText()).isEqualTo("锦江创业中心");
        open("/carriers/" + otherCarrier);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("无权访问此页面");
        assertThat(browser.getPageSource()).doesNotContain("锦江另一载体");
        screenshot("carrier-denied-zh");
    }

    @Test
    void aWrongDateIsSaidBesideItsFieldAndAnUnknownCarrierIsNotFoundInChinese() {
        signIn(analyst, PASSWORD);
        open("/carriers/" + carrier + "?asOf=2023-13-01&type=NoSuchFact");
        assertThat(browser.findElement(By.cssSelector(".field.invalid")).getText()).contains("应为日期");
        assertThat(browser.findElement(By.id("fix-errors")).getText()).contains("截至日期").contains("事实类型")
                                                                     .contains("NoSuchFact");
        assertThat(browser.findElements(By.id("state-section"))).isEmpty();
        assertThat(browser.findElement(By.id("asOf")).getAttribute("value")).isEqualTo("2023-13-01");
        screenshot("carrier-bad-date-zh");

        open("/carriers/no-such-carrier-here");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("页面暂时无法显示");
        assertThat(browser.findElement(By.id("missing")).getText())
                .isEqualTo("账本中没有“no-such-carrier-here”：请核对编号或名称。");
    }

    @Test
    void aDownloadOpensInPoiWithChineseHeadersAndNumbers() throws Exception {
        signIn(analyst, PASSWORD);
        open("/carriers/" + carrier + "?asOf=2023-06-30");
        HttpResponse<byte[]> file = fetch(browser.findElement(By.id("download-tenants-xlsx")).getAttribute("href"));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("attachment")
                                                                             .contains(".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("锦江创业中心（" + carrier + "）");
            List<String> headers = new ArrayList<>();
            sheet.getRow(2).forEach(cell -> headers.add(cell.getStringCellValue()));
            assertThat(headers).containsExactly("企业编号", "企业名称", "统一社会信用代码", "状态", "入孵日期",
                                                "毕业或退出日期", "员工人数", "知识产权（件）", "获得投融资（元）");
            Row first = sheet.getRow(3);
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("锦江早期科技有限公司");
            Cell employees = first.getCell(6);
            assertThat(employees.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(employees.getNumericCellValue()).isEqualTo(12);
            Cell invested = first.getCell(8);
            assertThat(invested.getNumericCellValue()).isEqualTo(1_200_000);
            assertThat(invested.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
        }
        HttpResponse<byte[]> csv = fetch(browser.findElement(By.id("download-timeline-csv")).getAttribute("href"));
        byte[] bytes = csv.body();
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .startsWith("业务日期,记录时间（北京时间）,类型,事实,在孵企业,记录人");
    }

    private String newUser(String role, String scope) {
        String name = unique(role.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        Answer added = http.post("/api/users", json("{'username':'" + name + "','password':'" + PASSWORD
                + "','role':'" + role + "'," + scope + "}"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return name;
    }

    private String carrier(String name) {
        String id = unique("page-carrier");
        ok(http.post("/api/incubators", json("{'incubatorId':'" + id + "','name':'" + name + "','kind':'INCUBATOR',"
                + "'regionCode':'" + DISTRICT + "','operator':'锦江区科创公司','openedOn':'2016-03-01',"
                + "'floorAreaM2':'8000','staff':10}")));
        return id;
    }

    private String admit(String incubator, String company, String admittedOn) {
        String id = unique("page-tenant");
        ok(http.post("/api/tenants", json("{'tenantId':'" + id + "','incubatorId':'" + incubator + "','companyName':'"
                + company + "','creditCode':'" + creditCode() + "','sector':'人工智能','foundedOn':'2018-05-01',"
                + "'admittedOn':'" + admittedOn + "'}")));
        return id;
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    }
}
