package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value bounded at the edge: money, areas, counts, dates, text and ids that a mistyping or hostile client sends
 * are 400 problems that name the field and the rule, quote at most a short excerpt of the value, and store nothing.
 */
class InputBoundsTest extends LedgerServerTest {

    String incubator;
    String tenant;

    @BeforeEach
    void carrierAndTenant() {
        incubator = registerIncubator("510107");
        tenant = admitTenant(incubator);
    }

    /** Sends the command and asserts a 400 on the field, with the rule, and that nothing was stored. */
    private JsonNode refused(String path, String body, String field, String rule) {
        long before = storedEvents();
        Answer answer = http.post(path, json(body));
        JsonNode problem = assertProblem(answer, 400, field, rule);
        assertThat(storedEvents()).as("stored for " + body).isEqualTo(before);
        return problem;
    }

    private String investment(String amount, String currency, String rate) {
        return "{'round':'ANGEL','investor':'蓉创天使基金','amount':" + amount + ",'currency':'" + currency + "'"
                + (rate == null ? "" : ",'cnyRate':" + rate) + ",'receivedOn':'2020-03-15'}";
    }

    @Test
    void moneyIsBoundedInScaleSizeCurrencyAndRateWithoutEverBeingWrittenOut() {
        String path = "/api/tenants/" + tenant + "/investments";
        JsonNode tiny = refused(path, investment("'1e-999999999'", "CNY", null), "amount", "at most 2 decimal places");
        assertThat(tiny.get("value").asText()).isEqualTo("1E-999999999");
        refused(path, investment("'1e999999999'", "CNY", null), "amount", "must be at most");
        refused(path, investment("1e-999999999", "CNY", null), "amount", "at most 2 decimal places");
        refused(path, investment("'0.001'", "CNY", null), "amount", "at most 2 decimal places");
        refused(path, investment("'-1'", "CNY", null), "amount", "must be positive");
        refused(path, investment("'100000000000.01'", "CNY", null), "amount", "at most 100000000000 yuan");
        refused(path, investment("'10000000000000'", "USD", "'7.1'"), "amount", "at most 100000000000 yuan");
        refused(path, investment("'10'", "USD", "'1e300'"), "cnyRate", "must be at most 1000");
        refused(path, investment("'10'", "USD", "'7.123456789'"), "cnyRate", "at most 8 decimal places");
        refused(path, investment("'10'", "USD", null), "cnyRate", "is required");
        refused(path, investment("'100'", "XXX", "'1'"), "currency", "ISO 4217");
        refused(path, investment("'100'", "usd", "'7.1'"), "currency", "ISO 4217");
        refused(path, investment("'100'", "XAU", "'500'"), "currency", "ISO 4217");

        Answer largest = http.post(path, json(investment("'100000000000'", "CNY", null)));
        assertThat(largest.status()).as(largest.toString()).isEqualTo(201);
    }

    @Test
    void areasAndCountsAreWholeBoundedNumbers() {
        String base = "/api/incubators/" + incubator;
        refused(base + "/floor-area", "{'floorAreaM2':'10000000.01','changedOn':'2020-01-01'}", "floorAreaM2",
                "must be at most 10000000");
        refused(base + "/floor-area", "{'floorAreaM2':'100.005','changedOn':'2020-01-01'}", "floorAreaM2",
                "at most 2 decimal places");
        refused(base + "/staff", "{'staff':100001,'reportedOn':'2020-01-01'}", "staff", "must be at most 100000");
        refused(base + "/staff", "{'staff':20.5,'reportedOn':'2020-01-01'}", "staff", "a whole number");
        refused(base + "/staff", "{'staff':true,'reportedOn':'2020-01-01'}", "staff", "a whole number");
        refused(base + "/staff", "{'staff':99999999999999999999,'reportedOn':'2020-01-01'}", "staff",
                "a whole number");
        refused(base + "/ratings", "{'year':2147483648,'rating':'GOOD'}", "year", "a whole number");
        String headcount = "/api/tenants/" + tenant + "/headcount";
        refused(headcount, "{'employees':3.7,'reportedOn':'2020-01-01'}", "employees", "a whole number");
        refused(headcount, "{'employees':'3.7','reportedOn':'2020-01-01'}", "employees", "a whole number");
        refused(headcount, "{'employees':1000001,'reportedOn':'2020-01-01'}", "employees", "at most 1000000");
        refused(headcount, "{'employees':-1,'reportedOn':'2020-01-01'}", "employees", "must not be negative");

        Answer asText = http.post(headcount, json("{'employees':'12','reportedOn':'2020-01-01'}"));
        assertThat(asText.status()).as("a whole number as text, as the CSV import sends it").isEqualTo(200);
    }

    @Test
    void datesAreTextInTheWindowAndNothingElse() {
        String headcount = "/api/tenants/" + tenant + "/headcount";
        refused(headcount, "{'employees':3,'reportedOn':[2020,1,3]}", "reportedOn", "a date YYYY-MM-DD");
        refused(headcount, "{'employees':3,'reportedOn':18000}", "reportedOn", "a date YYYY-MM-DD");
        refused(headcount, "{'employees':3,'reportedOn':'2020-02-30'}", "reportedOn", "a date YYYY-MM-DD");
        refused(headcount, "{'employees':3,'reportedOn':'2020-1-3'}", "reportedOn", "a date YYYY-MM-DD");
        refused(headcount, "{'employees':3,'reportedOn':'+1000000-01-01'}", "reportedOn", "a date YYYY-MM-DD");
        refused(headcount, "{'employees':3,'reportedOn':'2020-01-03T00:00:00'}", "reportedOn", "a date YYYY-MM-DD");
        refused(headcount, "{'employees':3,'reportedOn':'1979-12-31'}", "reportedOn", "must not be before 1980-01-01");
        String tomorrow = clock.today().plusDays(1).toString();
        refused(headcount, "{'employees':3,'reportedOn':'" + tomorrow + "'}", "reportedOn", "must not be after today");
    }

    @Test
    void textHasNoControlOrInvisibleCharactersAndIsNeverBlank() {
        String path = "/api/tenants/" + tenant + "/milestones";
        String milestone = "{'kind':'AWARD','reachedOn':'2020-06-01','description':'%s'}";
        refused(path, milestone.formatted("\\u200b\\u200b\\ufeff"), "description", "invisible formatting");
        refused(path, milestone.formatted("   "), "description", "is required");
        JsonNode bidi = refused(path, milestone.formatted("奖项\\u202e反转"), "description", "bidirectional");
        assertThat(bidi.get("value").asText()).as("the override is quoted as an escape, not applied")
                                              .isEqualTo("奖项\\u202E反转");
        refused(path, milestone.formatted("line\\u0000break"), "description", "control characters");
        refused(path, milestone.formatted("line\\nbreak"), "description", "control characters");
        refused(path, milestone.formatted("\\ue000private"), "description", "private-use");
        JsonNode tooLong = refused(path, milestone.formatted("长".repeat(501)), "description",
                                   "at most 500 characters");
        assertThat(tooLong.get("value").asText()).hasSizeLessThan(100).endsWith("(501 characters)");

        Answer chinese = http.post(path, json(milestone.formatted("获得\\u201c科技型中小企业\\u201d认定 👩\\u200d🔬")));
        assertThat(chinese.status()).as(chinese.toString()).isEqualTo(200);
    }

    @Test
    void idsAreStringsOfTheirPatternAndValuesAreQuotedShort() {
        String register = "{'incubatorId':%s,'name':'x','kind':'INCUBATOR','regionCode':'510107','operator':'op',"
                + "'openedOn':'2016-03-01','floorAreaM2':'100','staff':1}";
        refused("/api/incubators", register.formatted("12345"), "incubatorId", "must be a string");
        refused("/api/incubators", register.formatted("true"), "incubatorId", "must be a string");
        refused("/api/incubators", register.formatted("['a-b-c']"), "incubatorId", "");
        refused("/api/incubators", register.formatted("{'$ne':null}"), "incubatorId", "");
        refused("/api/incubators", register.formatted("'ABC'"), "incubatorId", "must match");
        JsonNode huge = refused("/api/incubators", register.formatted("'" + "a".repeat(20_000) + "'"), "incubatorId",
                                "must match");
        assertThat(huge.get("value").asText()).hasSizeLessThan(100);
        assertThat(huge.get("detail").asText()).hasSizeLessThan(200);
        refused("/api/incubators", register.formatted("'x'").replace("'kind':'INCUBATOR'", "'kind':1"), "kind",
                "must be one of");
        refused("/api/incubators", register.formatted("'x'").replace("'kind':'INCUBATOR'", "'kind':'incubator'"),
                "kind", "must be one of");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        refused("/api/tenants/" + tenant + "/headcount", "{'employees':3,'employees':4,'reportedOn':'2020-01-01'}",
                "body", "Duplicate field 'employees'");
    }
}
