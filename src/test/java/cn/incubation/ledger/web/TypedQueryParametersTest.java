package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query parameters are bound by Spring to their types (dates, whole numbers, enums, knownAt); a value that is not of
 * its type is a 400 problem naming the parameter, the value and the rule, in the words the hand parsing used, and
 * reads or stores nothing.
 */
class TypedQueryParametersTest extends LedgerServerTest {

    private static final String KNOWN_AT_RULE = "must be an instant such as 2023-07-15T10:00:00Z, an offset "
            + "date-time such as 2023-07-15T18:00:00+08:00, or a date (the end of that day in China)";

    @Test
    void aValueNotOfItsTypeIsA400ThatNamesParameterValueAndRuleAndChangesNothing() {
        String incubator = registerIncubator("510107");
        String tenant = admitTenant(incubator);
        awaitProjections();
        JsonNode stateBefore = state(incubator);
        long eventsBefore = storedEvents();

        refused("/api/incubators/" + incubator + "/warnings?page=abc", "page = abc: must be a whole number");
        refused("/api/incubators/" + incubator + "/history?size=2.5", "size = 2.5: must be a whole number");
        refused("/api/tenants/" + tenant + "/investments?page=1e3", "page = 1e3: must be a whole number");
        refused("/api/projections/regional-totals/dead-letters?limit=many", "limit = many: must be a whole number");
        refused("/api/regions/chengyu/totals?asOf=2020-13-01", "asOf = 2020-13-01: must be a date YYYY-MM-DD");
        refused("/api/incubators/" + incubator + "?asOf=2021-02-30", "asOf = 2021-02-30: must be a date YYYY-MM-DD");
        refused("/api/carriers?region=chengyu&asOf=2020-01-01Z", "asOf = 2020-01-01Z: must be a date YYYY-MM-DD");
        refused("/api/tenants/" + tenant + "?knownAt=yesterday", "knownAt = yesterday: " + KNOWN_AT_RULE);
        refused("/api/regions/chengyu/totals?knownAt=2023-07-15%2018:00",
                "knownAt = 2023-07-15 18:00: " + KNOWN_AT_RULE);
        refused("/api/regions?level=PLANET", "level = PLANET: must be one of PROVINCE, CITY, COUNTY, ECONOMIC_REGION");
        refused("/api/regions/chengyu/series?from=2020-01-01&granularity=WEEK",
                "granularity = WEEK: must be one of YEAR, QUARTER, MONTH");
        refused("/api/carriers?region=chengyu&status=AJAR", "status = AJAR: must be one of OPEN, CLOSED");

        assertThat(storedEvents()).isEqualTo(eventsBefore);
        assertThat(state(incubator)).isEqualTo(stateBefore);
    }

    @Test
    void boundsAndTheWindowStillApplyAfterBinding() {
        String incubator = registerIncubator("510107");
        LocalDate latest = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusYears(Check.YEARS_AHEAD).withMonth(12)
                                    .withDayOfMonth(31);
        refused("/api/incubators/" + incubator + "/warnings?size=0", "size = 0: must be from 1 to 1000");
        refused("/api/incubators/" + incubator + "/history?page=-1", "page = -1: must be from 0 to 1000000");
        refused("/api/projections/regional-totals/dead-letters?limit=1001", "limit = 1001: must be from 1 to 1000");
        // Digits past what an int holds are a whole number, but none that any bound allows.
        refused("/api/incubators/" + incubator + "/history?page=99999999999",
                "page = 99999999999: must be a whole number within its range");
        refused("/api/regions/chengyu/totals?asOf=1979-12-31",
                "asOf = 1979-12-31: must be from 1980-01-01 to " + latest);
        refused("/api/regions/chengyu/totals?knownAt=1979-12-31",
                "knownAt = 1979-12-31: must be from 1980-01-01 to " + latest + " (China time)");
    }

    @Test
    void aRequiredDateLeftEmptyIsMissingNotAServerError() {
        // The hand parsing passed an empty from on as null, which failed deep in the query: a 500.
        refused("/api/regions/chengyu/comparison?from=&to=2025-12-31", "from is required (a query parameter)");
        refused("/api/regions/chengyu/comparison?from=2020-01-01&to=", "to is required (a query parameter)");
        refused("/api/regions/chengyu/series?from=", "from is required (a query parameter)");
    }

    @Test
    void emptyMeansTheDefaultAndEnumsAndTimesKeepTheirFormsOfOld() {
        String incubator = registerIncubator("510107");
        awaitProjections();
        assertThat(http.get("/api/incubators/" + incubator + "?asOf=&knownAt=").status()).isEqualTo(200);
        assertThat(http.get("/api/incubators/" + incubator + "/warnings?page=&size=").status()).isEqualTo(200);
        assertThat(http.get("/api/regions?level=province").status()).isEqualTo(200);
        assertThat(http.get("/api/regions/chengyu/series?from=2020-01-01&granularity=quarter").status())
                .isEqualTo(200);
        Answer byDate = http.get("/api/regions/chengyu/totals?knownAt=2023-07-15");
        Answer byOffset = http.get("/api/regions/chengyu/totals?knownAt=2023-07-15T23:59:59.999%2B08:00");
        assertThat(byDate.status()).isEqualTo(200);
        assertThat(byDate.json().get("knownAt")).isEqualTo(byOffset.json().get("knownAt"));
    }

    @Test
    void noHostileValueOfAnyQueryParameterIsAServerError() {
        String incubator = registerIncubator("510107");
        String tenant = admitTenant(incubator);
        List<String> queries = List.of(
                "/api/incubators/" + incubator + "?asOf=%s", "/api/incubators/" + incubator + "?knownAt=%s",
                "/api/incubators/" + incubator + "/warnings?page=%s", "/api/incubators/" + incubator + "/standing?size=%s",
                "/api/incubators/" + incubator + "/history?from=%s", "/api/incubators/" + incubator + "/history?to=%s",
                "/api/tenants/" + tenant + "?knownAt=%s", "/api/tenants/" + tenant + "/investments?size=%s",
                "/api/investors/x/investments?page=%s", "/api/regions?level=%s",
                "/api/regions/chengyu/totals?asOf=%s", "/api/regions/chengyu/series?from=%s",
                "/api/regions/chengyu/series?from=2020-01-01&to=%s&granularity=%s",
                "/api/regions/chengyu/comparison?from=%s&to=%s", "/api/regions/chengyu/warnings?page=%s",
                "/api/projections/regional-totals/dead-letters?limit=%s", "/api/carriers?region=chengyu&kind=%s",
                "/api/carriers?region=chengyu&asOf=%s&size=%s", "/api/incubators/" + incubator + "/tenants?status=%s",
                "/api/tenants?name=a&page=%s", "/api/investors?size=%s");
        List<String> values = List.of("", "%20", "abc", "-1", "2.5", "0x10", "1e3", "99999999999999999999999",
                                      "2020-02-30", "%2B1000000-01-01", "-999999999-01-01", "2023-07-15T10:00:00Z",
                                      "2023-07-15T10:00:00%2B25:00", "%00", "%E4%B8%AD", "a,b", "%F0%9F%98%80");
        List<String> serverErrors = new ArrayList<>();
        for (String query : queries) {
            for (String value : values) {
                String path = query.replace("%s", value);
                Answer answer = http.get(path);
                if (answer.status() >= 500 || answer.status() >= 400
                        && !answer.contentType().startsWith("application/problem+json")) {
                    serverErrors.add(path + " → " + answer.status());
                }
            }
        }
        assertThat(serverErrors).isEmpty();
    }

    /** The carrier as it stands, without the instant it was read at. */
    private JsonNode state(String incubator) {
        ObjectNode state = (ObjectNode) http.get("/api/incubators/" + incubator).json();
        state.remove("knownAt");
        return state;
    }

    private void refused(String path, String detail) {
        Answer answer = http.get(path);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asText()).isEqualTo(detail);
    }
}
