package cn.incubation.ledger.ui;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analyst reads a city's overview in the browser: the charts follow the as-of date, the comparison is the published
 * table's 十三五末 against 十四五末, and its download is a workbook with Chinese headers and number formats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionOverviewPageTest extends BrowserTest {

    /** Chengdu's Chenghua district: few other tests record there, and Chengdu's page sums it. */
    private static final String DISTRICT = "510108";
    private static final String CITY = "510100";

    private String analyst;

    /** Once for the class, after the base class has connected its API client. */
    @BeforeEach
    void recordAHistoryOnce() {
        if (analyst != null) {
            return;
        }
        String early = carrier("INCUBATOR", "2016-03-01");
        String late = carrier("MAKER_SPACE", "2021-05-01");
        admit(early, "2019-02-01");
        admit(early, "2022-03-01");
        admit(late, "2021-06-01");
        awaitProjections();
        analyst = newUser("ANALYST");
    }

    @Test
    void theChartsFollowTheAsOfDate() {
        signIn(analyst, PASSWORD);
        open("/overview?region=" + CITY + "&asOf=2019-06-30");
        assertThat(browser.findElement(By.id("overview-heading")).getText()).contains("成都市");
        Map<String, Object> before = chart("chart-carriers");
        screenshotWholePage("overview-2019-zh");

        showAsOf("2023-06-30");
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("as-known"), "2023-06-30"));
        Map<String, Object> after = chart("chart-carriers");
        screenshotWholePage("overview-2023-zh");

        assertThat(periods(before)).last().isEqualTo("2019");
        assertThat(periods(after)).last().isEqualTo("2023");
        assertThat(lastValue(after, 0)).as("maker spaces in 2023: one opened in 2021")
                                       .isGreaterThan(lastValue(before, 0));
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void theComparisonShowsTheEndsOfThe13thAnd14thPlansAndDownloadsAsAWorkbook() throws Exception {
        signIn(analyst, PASSWORD);
        open("/overview?region=" + CITY + "&from=2019-12-31&to=2021-12-31");
        browser.findElement(By.id("plan-comparison")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("comparison-table"), "十三五末"));
        List<String> headers = browser.findElements(By.cssSelector("#comparison-table thead th")).stream()
                                      .map(WebElement::getText).toList();
        assertThat(headers).containsExactly("指标", "十三五末（2020-12-31）", "十四五末（2025-12-31）", "增量", "增长率");
        WebElement tenants = browser.findElement(
                By.cssSelector("#comparison-table tr[data-indicator='tenantsInIncubation']"));
        assertThat(tenants.getText()).startsWith("在孵企业数");
        script("document.getElementById('comparison-section').scrollIntoView()");
        screenshot("overview-comparison-zh");

        String link = browser.findElement(By.id("download-comparison-xlsx")).getAttribute("href");
        HttpResponse<byte[]> file = fetch(link);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("attachment")
                                                                             .contains(".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
                    .startsWith("成都市：2025-12-31 与 2020-12-31 对比");
            Row header = sheet.getRow(2);
            List<String> names = new ArrayList<>();
            header.forEach(cell -> names.add(cell.getStringCellValue()));
            assertThat(names).containsExactly("指标", "indicator", "十三五末（2020-12-31）", "十四五末（2025-12-31）",
                                              "增量", "增长率");
            Row row = rowOf(sheet, "tenantsInIncubation");
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("在孵企业数");
            Cell to = row.getCell(3);
            assertThat(to.getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(to.getNumericCellValue()).isGreaterThanOrEqualTo(3);
            Row area = rowOf(sheet, "floorAreaM2");
            assertThat(area.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            Row growing = rowOf(sheet, "carriersTotal");
            assertThat(growing.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
        }

        HttpResponse<byte[]> csv = fetch(browser.findElement(By.id("download-comparison-csv")).getAttribute("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        byte[] bytes = csv.body();
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).as("a UTF-8 byte-order mark for Excel")
                                                            .containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .startsWith("指标,indicator,十三五末（2020-12-31）,十四五末（2025-12-31）,增量,增长率");
    }

    @Test
    void whatChangedListsTheFactsRecordedSinceAndTheEnglishPageNamesThem() {
        signIn(analyst, PASSWORD);
        open("/overview?region=" + DISTRICT + "&asOf=2025-12-31&lang=en");
        assertThat(browser.findElement(By.id("overview-heading")).getText()).contains("Chenghua");
        WebElement facts = browser.findElement(By.id("facts-table"));
        assertThat(facts.getText()).contains("Admitted").contains("Registered");
        WebElement tenants = browser.findElement(
                By.cssSelector("#changes-table tr[data-indicator='tenantsInIncubation']"));
        assertThat(tenants.findElements(By.tagName("td")).get(3).getText()).startsWith("+");
        screenshotWholePage("overview-changes-en");
        open("/overview?region=" + DISTRICT + "&lang=zh");
        assertThat(browser.findElement(By.id("overview-heading")).getText()).contains("成华区");
    }

    @Test
    void theEconomicRegionIsPickedByItsChineseNameAndSaysWhichMembersCountInPart() {
        signIn(analyst, PASSWORD);
        open("/overview?region=" + CITY);
        new Select(browser.findElement(By.id("region"))).selectByVisibleText("成渝地区双城经济圈");
        browser.findElement(By.id("show")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("overview-heading"), "成渝"));
        assertThat(browser.getCurrentUrl()).contains("region=chengyu");
        assertThat(browser.findElement(By.id("partial-members")).getText()).contains("开州区");
        screenshotWholePage("overview-chengyu-zh");
    }

    @Test
    void aWrongDateIsMarkedBesideItsFieldAndNothingIsShownFromIt() {
        signIn(analyst, PASSWORD);
        open("/overview?region=" + CITY + "&asOf=2023-13-01&granularity=QUARTER");
        assertThat(browser.findElement(By.cssSelector(".field.invalid")).getText())
                .contains("截至日期").contains("应为日期，格式 YYYY-MM-DD");
        assertThat(browser.findElement(By.id("fix-errors")).getText()).contains("请先更正标出的字段");
        assertThat(browser.findElements(By.id("cards-section"))).isEmpty();
        assertThat(browser.findElement(By.id("asOf")).getAttribute("value")).as("what was typed stays")
                                                                           .isEqualTo("2023-13-01");
        screenshot("overview-bad-date-zh");

        showAsOf("2023-06-30");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("cards-section")));
        assertThat(periods(chart("chart-tenants"))).as("the quarters asked for are kept").last().isEqualTo("2023-Q2");
    }

    private static Row rowOf(Sheet sheet, String key) {
        for (Row row : sheet) {
            Cell cell = row.getCell(1);
            if (cell != null && key.equals(cell.getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + key);
    }

    private String carrier(String kind, String openedOn) {
        String id = unique("page-inc");
        Answer answer = http.post("/api/incubators", json("{'incubatorId':'" + id + "','name':'成华创新港" + id
                + "','kind':'" + kind + "','regionCode':'" + DISTRICT + "','operator':'成华区科创公司',"
                + "'openedOn':'" + openedOn + "','floorAreaM2':'5000.25','staff':8}"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return id;
    }

    private void admit(String incubator, String admittedOn) {
        Answer answer = http.post("/api/tenants", json("{'tenantId':'" + unique("page-ten") + "','incubatorId':'"
                + incubator + "','companyName':'成都成华某科技有限公司','creditCode':'" + creditCode()
                + "','sector':'人工智能','foundedOn':'2018-05-01','admittedOn':'" + admittedOn + "'}"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }
}
