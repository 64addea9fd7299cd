package cn.incubation.ledger.ui;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator records facts of its own carrier's tenants through the forms: the fact reaches the ledger through the
 * API's command path, a form sent twice is stored once, a wrong value is marked beside its field in the reader's
 * language with nothing stored, and another carrier's forms are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FactFormPageTest extends BrowserTest {

    private String carrier;
    private String tenant;
    private String otherCarrier;
    private String otherTenant;
    private String operator;

    @BeforeEach
    void recordCarriersOnce() {
        if (operator != null) {
            return;
        }
        carrier = registerIncubator("510107");
        tenant = admitTenant(carrier);
        otherCarrier = registerIncubator("510107");
        otherTenant = admitTenant(otherCarrier);
        operator = unique("form-operator");
        Answer added = http.post("/api/users", json("{'username':'" + operator + "','password':'" + PASSWORD
                + "','role':'OPERATOR','incubators':['" + carrier + "']}"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        awaitProjections();
    }

    @Test
    void anOperatorRecordsAnInvestmentThatThenIsInTheTrail() {
        signIn(operator, PASSWORD);
        open("/forms");
        screenshot("forms-hub-zh");
        browser.findElement(By.linkText("天府软件园创业场")).click();
        screenshot("forms-carrier-zh");
        browser.findElement(By.cssSelector("#tenants a[href$='/tenants/" + tenant + "/forms']")).click();
        screenshot("forms-tenant-zh");
        browser.findElement(By.id("form-investment")).click();
        fillInvestment("蓉城种子基金", "5000000.00", "2024-03-01");
        screenshot("form-investment-zh");
        long before = storedEvents();

        browser.findElement(By.id("submit")).click();
        waitFor().until(ExpectedConditions.urlToBe(url("/tenants/" + tenant)));

        assertThat(browser.findElement(By.id("flash")).getText()).startsWith("已记录");
        screenshot("form-investment-recorded-zh");
        assertThat(storedEvents()).isEqualTo(before + 1);
        awaitProjections();
        JsonNode trail = http.get("/api/tenants/" + tenant + "/investments").json();
        JsonNode recorded = first(trail, "蓉城种子基金");
        assertThat(recorded.get("amountCny").asText()).isEqualTo("5000000.00");
        assertThat(recorded.get("actor").asText()).isEqualTo(operator);
    }

    @Test
    void anAdmissionThroughTheFormCreatesTheTenantItLeadsTo() {
        signIn(operator, PASSWORD);
        open("/carriers/" + carrier + "/forms");
        browser.findElement(By.id("form-admission")).click();
        String code = creditCode();
        type("companyName", "成都表单科技有限公司");
        type("creditCode", code);
        type("sector", "集成电路");
        type("foundedOn", "2023-01-10");
        type("admittedOn", "2024-02-01");
        screenshot("form-admission-zh");
        long before = storedEvents();
        browser.findElement(By.id("submit")).click();
        waitFor().until(ExpectedConditions.urlMatches(".*/tenants/ten-[0-9a-f-]+$"));

        String admitted = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(storedEvents()).isEqualTo(before + 1);
        awaitProjections();
        JsonNode state = http.get("/api/tenants/" + admitted).json();
        assertThat(state.get("incubatorId").asText()).isEqualTo(carrier);
        assertThat(state.get("creditCode").asText()).isEqualTo(code);
    }

    @Test
    void theSameFormSentTwiceIsStoredOnce() {
        signIn(operator, PASSWORD);
        open("/tenants/" + tenant + "/forms/investment");
        String key = browser.findElement(By.id("idempotencyKey")).getAttribute("value");
        fillInvestment("重复提交基金", "1200000.00", "2024-04-01");
        long before = storedEvents();
        browser.findElement(By.id("submit")).click();
        waitFor().until(ExpectedConditions.urlToBe(url("/tenants/" + tenant)));
        assertThat(storedEvents()).isEqualTo(before + 1);

        // The same form again, as a second click or a resent page sends it: the key made when it was shown, the values.
        open("/tenants/" + tenant + "/forms/investment");
        script("document.getElementById('idempotencyKey').value = arguments[0]", key);
        fillInvestment("重复提交基金", "1200000.00", "2024-04-01");
        browser.findElement(By.id("submit")).click();
        waitFor().until(ExpectedConditions.urlToBe(url("/tenants/" + tenant)));

        assertThat(browser.findElement(By.id("flash")).getText()).contains("未重复记录");
        screenshot("form-investment-again-zh");
        assertThat(storedEvents()).isEqualTo(before + 1);
        awaitProjections();
        JsonNode trail = http.get("/api/tenants/" + tenant + "/investments").json();
        int found = 0;
        for (JsonNode investment : trail.get("investments")) {
            found += investment.get("investor").asText().equals("重复提交基金") ? 1 : 0;
        }
        assertThat(found).isEqualTo(1);
    }

    @Test
    void aDoubleClickSendsTheFormTwiceAtOnceAndBothAreAnsweredWithTheOneRecordedFact() {
        signIn(operator, PASSWORD);
        open("/tenants/" + tenant + "/forms/headcount");
        type("employees", "42");
        type("reportedOn", "2024-06-30");
        long before = storedEvents();

        Object answers = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "const form = document.getElementById('fact-form');"
                + "const send = () => fetch(form.action, {method: 'POST', redirect: 'manual',"
                + "    body: new URLSearchParams(new FormData(form))});"
                + "Promise.all([send(), send()]).then(rs => done(rs.map(r => r.type)));");

        assertThat(answers).asList().containsExactly("opaqueredirect", "opaqueredirect");
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void aWrongValueIsMarkedBesideItsFieldInChineseThenInEnglishAndNothingIsStored() {
        signIn(operator, PASSWORD);
        long before = storedEvents();
        open("/tenants/" + tenant + "/forms/investment");
        fillInvestment("某基金", "五百万", "2024-05-01");
        browser.findElement(By.id("submit")).click();
        assertThat(errorOf("amount")).isEqualTo("应为数字，例如 5000000.00");
        assertThat(browser.findElement(By.id("amount")).getAttribute("value")).isEqualTo("五百万");
        screenshot("form-error-typed-zh");

        // Well typed, but the ledger's own rule refuses it: an empty investor, said beside the investor.
        browser.findElement(By.id("amount")).clear();
        browser.findElement(By.id("amount")).sendKeys("300000");
        browser.findElement(By.id("investor")).clear();
        browser.findElement(By.id("submit")).click();
        assertThat(errorOf("investor")).isEqualTo("必填");
        assertThat(browser.findElements(By.id("amount-error"))).isEmpty();
        screenshot("form-error-rule-zh");

        browser.findElement(By.id("lang-switch")).click();
        waitFor().until(ExpectedConditions.textToBe(By.id("form-heading"), "Record an investment"));
        fillInvestment("", "five million", "2024-05-01");
        browser.findElement(By.id("submit")).click();
        assertThat(errorOf("amount")).isEqualTo("must be a number such as 5000000.00");
        browser.findElement(By.id("amount")).clear();
        browser.findElement(By.id("amount")).sendKeys("300000");
        browser.findElement(By.id("submit")).click();
        assertThat(errorOf("investor")).isEqualTo("is required");
        screenshot("form-error-rule-en");

        assertThat(storedEvents()).isEqualTo(before);
        open("/?lang=zh");
    }

    @Test
    void anOperatorCannotOpenOrSendAnotherCarriersForm() {
        signIn(operator, PASSWORD);
        long before = storedEvents();
        open("/carriers/" + otherCarrier + "/forms/admission");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("无权访问此页面");
        screenshot("form-other-carrier-denied-zh");
        open("/tenants/" + otherTenant + "/forms/investment");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("无权访问此页面");

        // Its own form, sent to the other carrier's tenant: refused before anything is stored.
        open("/tenants/" + tenant + "/forms/investment");
        script("document.getElementById('fact-form').action = arguments[0]",
               "/tenants/" + otherTenant + "/forms/investment");
        fillInvestment("越权基金", "1000.00", "2024-05-01");
        browser.findElement(By.id("submit")).click();
        waitFor().until(ExpectedConditions.textToBe(By.tagName("h1"), "无权访问此页面"));
        assertThat(storedEvents()).isEqualTo(before);
    }

    private void fillInvestment(String investor, String amount, String receivedOn) {
        new Select(browser.findElement(By.id("round"))).selectByValue("SEED");
        type("investor", investor);
        type("amount", amount);
        type("receivedOn", receivedOn);
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private String errorOf(String field) {
        return waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id(field + "-error"))).getText();
    }

    private static JsonNode first(JsonNode trail, String investor) {
        for (JsonNode investment : trail.get("investments")) {
            if (investor.equals(investment.get("investor").asText())) {
                return investment;
            }
        }
        throw new AssertionError("no investment of " + investor + " in " + trail);
    }
}
