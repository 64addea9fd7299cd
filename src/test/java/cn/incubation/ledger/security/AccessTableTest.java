package cn.incubation.ledger.security;

import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import cn.incubation.ledger.web.LedgerServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request mapping of the application against every kind of user, through the real HTTP server: without
 * credentials a 401, outside the role a 403 problem naming the role that stores nothing, within it anything but
 * 401 or 403. The table below must name every mapping the application has, so that an endpoint added without a rule
 * here fails this test (and, without a rule in {@link AccessRules}, is the administrators' alone).
 */
// A context of its own: the table replays every projection, which no other test class should meet.
@TestPropertySource(properties = "ledger.security.login.address-failures=1000")
class AccessTableTest extends LedgerServerTest {

    /** The kinds of user the table knows, each signed in by the fixture. */
    enum Persona { ADMIN, OPERATOR, FUND_MANAGER, LIMITED_FUND_MANAGER, ANALYST }

    private static final Set<Persona> ALL = EnumSet.allOf(Persona.class);
    private static final Set<Persona> ADMIN_ONLY = EnumSet.of(Persona.ADMIN);
    private static final Set<Persona> CARRIER_WRITERS = EnumSet.of(Persona.ADMIN, Persona.OPERATOR);
    private static final Set<Persona> STATE_READERS = ALL;
    private static final Set<Persona> FIGURE_READERS = EnumSet.of(Persona.ADMIN, Persona.OPERATOR, Persona.ANALYST);
    private static final Set<Persona> HISTORY_READERS = FIGURE_READERS;
    private static final Set<Persona> TRAIL_READERS = EnumSet.of(Persona.ADMIN, Persona.OPERATOR,
                                                                 Persona.FUND_MANAGER);

    /**
     * One mapping: its method and pattern as the application declares them, a request of that kind on the fixture's
     * first carrier and tenant (a body that fails validation where a valid one would change what other rows read),
     * and who may make it. Public rows need no user at all.
     */
    record Row(String method, String pattern, Function<SecurityFixture, String> path, String body,
               Set<Persona> allowed, boolean isPublic) {
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private static Row api(String method, String pattern, Function<SecurityFixture, String> path, String body,
                           Set<Persona> allowed) {
        return new Row(method, pattern, path, body, allowed, false);
    }

    private static Row open(String method, String pattern, String path) {
        return new Row(method, pattern, f -> path, null, ALL, true);
    }

    private static final List<Row> TABLE = List.of(
            api("GET", "/api/users", f -> "/api/users", null, ADMIN_ONLY),
            api("POST", "/api/users", f -> "/api/users", "{}", ADMIN_ONLY),
            api("GET", "/api/users/{name}", f -> "/api/users/admin", null, ADMIN_ONLY),
            api("PATCH", "/api/users/{name}", f -> "/api/users/nobody-here", "{\"disabled\":true}", ADMIN_ONLY),

            api("POST", "/api/incubators", f -> "/api/incubators", "{}", ADMIN_ONLY),
            api("POST", "/api/incubators/{id}/accreditations", f -> "/api/incubators/" + f.carrierA + "/accreditations",
                "{}", ADMIN_ONLY),
            api("POST", "/api/incubators/{id}/ratings", f -> "/api/incubators/" + f.carrierA + "/ratings", "{}",
                ADMIN_ONLY),
            api("POST", "/api/incubators/{id}/closure", f -> "/api/incubators/" + f.carrierA + "/closure", "{}",
                ADMIN_ONLY),
            api("POST", "/api/incubators/{id}/floor-area", f -> "/api/incubators/" + f.carrierA + "/floor-area", "{}",
                CARRIER_WRITERS),
            api("POST", "/api/incubators/{id}/staff", f -> "/api/incubators/" + f.carrierA + "/staff", "{}",
                CARRIER_WRITERS),
            api("GET", "/api/incubators/{id}", f -> "/api/incubators/" + f.carrierA, null, STATE_READERS),
            api("GET", "/api/incubators/{id}/history", f -> "/api/incubators/" + f.carrierA + "/history", null,
                EnumSet.of(Persona.ADMIN, Persona.OPERATOR, Persona.ANALYST)),
            api("GET", "/api/incubators/{id}/warnings", f -> "/api/incubators/" + f.carrierA + "/warnings", null,
                EnumSet.of(Persona.ADMIN, Persona.OPERATOR, Persona.ANALYST)),
            api("GET", "/api/incubators/{id}/standing", f -> "/api/incubators/" + f.carrierA + "/standing", null,
                STATE_READERS),
            api("GET", "/api/incubators/{id}/investments", f -> "/api/incubators/" + f.carrierA + "/investments", null,
                EnumSet.of(Persona.ADMIN, Persona.OPERATOR, Persona.FUND_MANAGER)),

            api("GET", "/api/incubators/{id}/tenants", f -> "/api/incubators/" + f.carrierA + "/tenants", null,
                STATE_READERS),
            // Lists: an operator's are cut to its carriers, not refused.
            api("GET", "/api/carriers", f -> "/api/carriers?region=chengyu", null, FIGURE_READERS),
            api("GET", "/api/tenants", f -> "/api/tenants?name=%E6%88%90%E9%83%BD", null, STATE_READERS),
            api("GET", "/api/investors", f -> "/api/investors", null,
                EnumSet.of(Persona.ADMIN, Persona.FUND_MANAGER, Persona.LIMITED_FUND_MANAGER)),

            // An admission's carrier is in its body: a valid one, so that the operator's scope is what is judged.
            api("POST", "/api/tenants", f -> "/api/tenants", "admission", CARRIER_WRITERS),
            api("POST", "/api/tenants/{id}/ip-grants", f -> "/api/tenants/" + f.tenantA + "/ip-grants", "{}",
                CARRIER_WRITERS),
            api("POST", "/api/tenants/{id}/investments", f -> "/api/tenants/" + f.tenantA + "/investments", "{}",
                CARRIER_WRITERS),
            api("POST", "/api/tenants/{id}/headcount", f -> "/api/tenants/" + f.tenantA + "/headcount", "{}",
                CARRIER_WRITERS),
            api("POST", "/api/tenants/{id}/milestones", f -> "/api/tenants/" + f.tenantA + "/milestones", "{}",
                CARRIER_WRITERS),
            api("POST", "/api/tenants/{id}/graduation", f -> "/api/tenants/" + f.tenantA + "/graduation", "{}",
                CARRIER_WRITERS),
            api("POST", "/api/tenants/{id}/withdrawal", f -> "/api/tenants/" + f.tenantA + "/withdrawal", "{}",
                CARRIER_WRITERS),
            api("POST", "/api/tenants/{id}/registration", f -> "/api/tenants/" + f.tenantA + "/registration", "{}",
                CARRIER_WRITERS),
            api("POST", "/api/tenants/{id}/investments/{investmentId}/correction",
                f -> "/api/tenants/" + f.tenantA + "/investments/" + f.investmentA + "/correction", "{}",
                CARRIER_WRITERS),
            api("POST", "/api/tenants/{id}/investments/{investmentId}/retraction",
                f -> "/api/tenants/" + f.tenantA + "/investments/" + f.investmentA + "/retraction", "{}",
                CARRIER_WRITERS),
            api("GET", "/api/tenants/{id}", f -> "/api/tenants/" + f.tenantA, null, STATE_READERS),
            api("GET", "/api/tenants/{id}/investments", f -> "/api/tenants/" + f.tenantA + "/investments", null,
                EnumSet.of(Persona.ADMIN, Persona.OPERATOR, Persona.FUND_MANAGER)),
            api("GET", "/api/investors/{investor}/investments",
                f -> "/api/investors/" + URLEncoder.encode(SecurityFixture.INVESTOR_A, StandardCharsets.UTF_8)
                        + "/investments", null,
                EnumSet.of(Persona.ADMIN, Persona.FUND_MANAGER, Persona.LIMITED_FUND_MANAGER)),

            api("GET", "/api/regions", f -> "/api/regions?level=PROVINCE", null, ALL),
            api("GET", "/api/regions/{code}", f -> "/api/regions/chengyu", null, ALL),
            api("GET", "/api/regions/{code}/totals", f -> "/api/regions/chengyu/totals", null, FIGURE_READERS),
            api("GET", "/api/regions/{code}/series", f -> "/api/regions/510100/series?from=2020-01-01&to=2021-12-31",
                null, FIGURE_READERS),
            api("GET", "/api/regions/{code}/comparison",
                f -> "/api/regions/chengyu/comparison?from=2020-12-31&to=2021-12-31", null, FIGURE_READERS),
            api("GET", "/api/regions/{code}/warnings", f -> "/api/regions/chengyu/warnings", null,
                EnumSet.of(Persona.ADMIN, Persona.ANALYST)),

            api("GET", "/api/ledger/verification", f -> "/api/ledger/verification", null, ADMIN_ONLY),
            api("GET", "/api/ledger/backup", f -> "/api/ledger/backup", null, ADMIN_ONLY),
            api("GET", "/api/ledger/checkpoints", f -> "/api/ledger/checkpoints", null, ADMIN_ONLY),
            api("POST", "/api/ledger/checkpoints", f -> "/api/ledger/checkpoints", "", ADMIN_ONLY),

            api("GET", "/api/projections", f -> "/api/projections", null, ADMIN_ONLY),
            api("GET", "/api/projections/{name}/dead-letters", f -> "/api/projections/tenant-state/dead-letters", null,
                ADMIN_ONLY),
            api("POST", "/api/projections/{name}/dead-letters/retry", f -> "/api/projections/nope/dead-letters/retry",
                "", ADMIN_ONLY),
            api("POST", "/api/projections/{name}/replay", f -> "/api/projections/nope/replay", "", ADMIN_ONLY),
            api("POST", "/api/projections/replay", f -> "/api/projections/replay", "", ADMIN_ONLY),

            // The pages: each readable by the roles that may read what it shows through the API.
            api("GET", "/", f -> "/", null, ALL),
            api("*", "/denied", f -> "/denied", null, ALL),
            api("GET", "/overview", f -> "/overview?region=chengyu", null, FIGURE_READERS),
            api("GET", "/overview/export", f -> "/overview/export?region=chengyu&table=comparison&format=csv", null,
                FIGURE_READERS),
            api("GET", "/jump", f -> "/jump?to=carrier&id=" + f.carrierA, null, ALL),
            api("GET", "/carriers/{id}", f -> "/carriers/" + f.carrierA, null, HISTORY_READERS),
            api("GET", "/carriers/{id}/export", f -> "/carriers/" + f.carrierA + "/export?table=state&format=csv",
                null, HISTORY_READERS),
            api("GET", "/tenants/{id}", f -> "/tenants/" + f.tenantA, null, HISTORY_READERS),
            api("GET", "/tenants/{id}/export", f -> "/tenants/" + f.tenantA + "/export?table=facts&format=csv", null,
                HISTORY_READERS),
            api("GET", "/trails/carriers/{id}", f -> "/trails/carriers/" + f.carrierA, null, TRAIL_READERS),
            api("GET", "/trails/carriers/{id}/export",
                f -> "/trails/carriers/" + f.carrierA + "/export?table=trail&format=csv", null, TRAIL_READERS),
            api("GET", "/trails/tenants/{id}", f -> "/trails/tenants/" + f.tenantA, null, TRAIL_READERS),
            api("GET", "/trails/tenants/{id}/export",
                f -> "/trails/tenants/" + f.tenantA + "/export?table=trail&format=csv", null, TRAIL_READERS),
            api("GET", "/trails/investors/{investor}",
                f -> "/trails/investors/" + URLEncoder.encode(SecurityFixture.INVESTOR_A, StandardCharsets.UTF_8),
                null, EnumSet.of(Persona.ADMIN, Persona.FUND_MANAGER, Persona.LIMITED_FUND_MANAGER)),
            api("GET", "/trails/investors/{investor}/export",
                f -> "/trails/investors/" + URLEncoder.encode(SecurityFixture.INVESTOR_A, StandardCharsets.UTF_8)
                        + "/export?table=trail&format=csv",
                null, EnumSet.of(Persona.ADMIN, Persona.FUND_MANAGER, Persona.LIMITED_FUND_MANAGER)),

            // The forms: an operator's own carriers' facts, as the API's command rules allow. A form is posted with
            // the session's CSRF token, as a browser posts it; empty, so that nothing is stored.
            api("GET", "/forms", f -> "/forms", null, CARRIER_WRITERS),
            api("GET", "/carriers/{id}/forms", f -> "/carriers/" + f.carrierA + "/forms", null, CARRIER_WRITERS),
            api("GET", "/carriers/{id}/forms/{fact}", f -> "/carriers/" + f.carrierA + "/forms/staff", null,
                CARRIER_WRITERS),
            api("POST", "/carriers/{id}/forms/{fact}", f -> "/carriers/" + f.carrierA + "/forms/staff", "form",
                CARRIER_WRITERS),
            api("GET", "/tenants/{id}/forms", f -> "/tenants/" + f.tenantA + "/forms", null, CARRIER_WRITERS),
            api("GET", "/tenants/{id}/forms/{fact}", f -> "/tenants/" + f.tenantA + "/forms/investment", null,
                CARRIER_WRITERS),
            api("POST", "/tenants/{id}/forms/{fact}", f -> "/tenants/" + f.tenantA + "/forms/investment", "form",
                CARRIER_WRITERS),
            api("GET", "/tenants/{id}/investments/{investmentId}/forms/{fact}",
                f -> "/tenants/" + f.tenantA + "/investments/" + f.investmentA + "/forms/retraction", null,
                CARRIER_WRITERS),
            api("POST", "/tenants/{id}/investments/{investmentId}/forms/{fact}",
                f -> "/tenants/" + f.tenantA + "/investments/" + f.investmentA + "/forms/retraction", "form",
                CARRIER_WRITERS),

            api("GET", "/admin/projections", f -> "/admin/projections", null, ADMIN_ONLY),
            api("POST", "/admin/projections/{name}/replay", f -> "/admin/projections/nope/replay", "form",
                ADMIN_ONLY),
            api("GET", "/admin/users", f -> "/admin/users", null, ADMIN_ONLY),
            api("POST", "/admin/users", f -> "/admin/users", "form", ADMIN_ONLY),
            api("POST", "/admin/users/{name}/disabled", f -> "/admin/users/nobody-here/disabled", "form",
                ADMIN_ONLY),
            api("GET", "/admin/verification", f -> "/admin/verification", null, ADMIN_ONLY),
            api("POST", "/admin/verification", f -> "/admin/verification", "form", ADMIN_ONLY),

            open("GET", "/login", "/login"),
            open("*", "/error", "/error"),
            open("GET", "/v3/api-docs", "/v3/api-docs"),
            open("GET", "/v3/api-docs.yaml", "/v3/api-docs.yaml"),
            open("GET", "/v3/api-docs/swagger-config", "/v3/api-docs/swagger-config"),
            open("GET", "/swagger-ui.html", "/swagger-ui.html"));

    @Test
    void everyMappingOfTheApplicationHasARowAndNoRowIsStale() {
        Set<String> declared = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    declared.add("* " + pattern);
                }
                methods.forEach(method -> declared.add(method + " " + pattern));
            }
        }
        Set<String> tabled = new TreeSet<>();
        TABLE.forEach(row -> tabled.add(row.method() + " " + row.pattern()));

        assertThat(new TreeSet<>(declared)).as("mappings without a row in the access table (add a rule to "
                + "AccessRules and a row here)").isSubsetOf(tabled);
        assertThat(tabled).as("rows of mappings the application no longer has").isSubsetOf(declared);
    }

    @Test
    void everyRowAnswersEachKindOfUserAsTheTableSays() {
        SecurityFixture fixture = new SecurityFixture(http, unique("table"));
        Map<Persona, LedgerHttp> clients = new LinkedHashMap<>();
        clients.put(Persona.ADMIN, fixture.admin);
        clients.put(Persona.OPERATOR, fixture.operator);
        clients.put(Persona.FUND_MANAGER, fixture.fundManager);
        clients.put(Persona.LIMITED_FUND_MANAGER, fixture.limitedFundManager);
        clients.put(Persona.ANALYST, fixture.analyst);
        LedgerHttp anonymous = LedgerHttp.anonymous(port);
        List<String> wrong = new ArrayList<>();

        for (Row row : TABLE) {
            String path = row.path().apply(fixture);
            Answer nobody = send(anonymous, row, path, fixture);
            if (row.isPublic()) {
                if (nobody.status() == 401 || nobody.status() == 403) {
                    wrong.add(row.pattern() + " is public but answered " + nobody);
                }
                continue;
            }
            if (nobody.status() != 401 || nobody.header("WWW-Authenticate") == null
                    || !nobody.header("WWW-Authenticate").startsWith("Basic")
                    || !nobody.contentType().startsWith("application/problem+json")) {
                wrong.add(row.method() + " " + path + " without credentials answered " + nobody);
            }
            for (Persona persona : Persona.values()) {
                long events = storedEvents();
                long users = database.getCollection("users").countDocuments();
                Answer answer = send(clients.get(persona), row, path, fixture);
                boolean allowed = row.allowed().contains(persona);
                if (allowed && (answer.status() == 401 || answer.status() == 403 || answer.status() >= 500)) {
                    wrong.add(persona + " " + row.method() + " " + path + " should be allowed: " + answer);
                }
                if (!allowed) {
                    if (answer.status() != 403 || !answer.contentType().startsWith("application/problem+json")
                            || answer.json().get("role") == null) {
                        wrong.add(persona + " " + row.method() + " " + path + " should be 403: " + answer);
                    } else if (!answer.json().get("detail").asText().contains(fixtureRole(persona))) {
                        wrong.add(persona + " " + path + ": the 403 does not name the role: " + answer);
                    }
                    if (storedEvents() != events || database.getCollection("users").countDocuments() != users) {
                        wrong.add(persona + " " + row.method() + " " + path + " was refused but stored something");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aWrongPasswordIsA401ThatSaysSo() {
        Answer answer = http.as("admin", "not-the-password").get("/api/regions");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(answer.json().get("detail").asText()).contains("username or password is wrong");
    }

    @Test
    void malformedCredentialsAre401sNever500s() {
        LedgerHttp anonymous = LedgerHttp.anonymous(port);
        for (String authorization : new String[] {"Basic", "Basic !!!not-base64", "Basic " + base64("no-colon"),
                                                  "Basic " + base64(":"), "Basic " + base64("x".repeat(5000) + ":y"),
                                                  "Basic " + base64("admin\u0000:x"), "Bearer abc", "Digest x=y"}) {
            Answer answer = anonymous.get("/api/regions", "Authorization", authorization);
            assertThat(answer.status()).as(authorization.substring(0, Math.min(40, authorization.length())) + ": "
                                                   + answer).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    /** Posts an empty form as a browser would: with the session and CSRF token a page of the same user gave. */
    private static Answer postForm(LedgerHttp client, String path) {
        Answer page = client.get("/");
        if (page.status() == 401) {
            page = client.get("/login");
        }
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.response().body());
        assertThat(token.find()).as("a CSRF token on " + page).isTrue();
        String session = page.response().headers().allValues("Set-Cookie").stream()
                             .filter(c -> c.startsWith("JSESSIONID=")).map(c -> c.substring(0, c.indexOf(';')))
                             .findFirst().orElseThrow();
        return client.post(path, "_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8),
                           "Content-Type", "application/x-www-form-urlencoded", "Cookie", session);
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String fixtureRole(Persona persona) {
        return persona == Persona.LIMITED_FUND_MANAGER ? "FUND_MANAGER" : persona.name();
    }

    private Answer send(LedgerHttp client, Row row, String path, SecurityFixture fixture) {
        String method = row.method().equals("*") ? "GET" : row.method();
        if (method.equals("GET")) {
            return client.get(path);
        }
        if ("form".equals(row.body())) {
            return postForm(client, path);
        }
        String body = "admission".equals(row.body())
                ? SecurityFixture.admission(unique("table-admitted"), fixture.carrierA, SecurityFixture.Codes.next())
                : row.body();
        return method.equals("POST") ? client.post(path, body) : client.patch(path, body);
    }
}
