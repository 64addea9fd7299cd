package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's state through the real HTTP server on the embedded MongoDB, on dates before, during and after its
 * incubation, each compared with what the test works out from the facts it sent.
 */
class TenantStateApiTest extends LedgerServerTest {

    record Ip(String kind, LocalDate on) {
    }

    record Report(int employees, LocalDate on) {
    }

    record Investment(String amount, String rate, LocalDate on) {
        BigDecimal cny() {
            return new BigDecimal(amount).multiply(new BigDecimal(rate)).setScale(2, RoundingMode.HALF_EVEN);
        }
    }

    final List<Ip> ips = List.of(new Ip("INVENTION_PATENT", LocalDate.parse("2019-06-01")),
                                 new Ip("SOFTWARE_COPYRIGHT", LocalDate.parse("2020-02-01")),
                                 new Ip("INVENTION_PATENT", LocalDate.parse("2021-03-01")),
                                 new Ip("TRADEMARK", LocalDate.parse("2020-06-30")));
    final List<Report> reports = List.of(new Report(18, LocalDate.parse("2020-12-31")),
                                         new Report(10, LocalDate.parse("2019-12-31")),
                                         new Report(25, LocalDate.parse("2021-06-30")));
    final List<LocalDate> milestones = List.of(LocalDate.parse("2020-11-01"), LocalDate.parse("2021-05-20"));
    final List<Investment> investments = List.of(new Investment("500000", "1", LocalDate.parse("2020-03-15")),
                                                 new Investment("120000.55", "7.0915", LocalDate.parse("2021-01-10")));

    void ok(String path, String body) {
        Answer answer = http.post(path, json(body));
        assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
    }

    /** A tenant with the test's facts; the graduation is sent last, after {@code knownAt} is captured. */
    record Admitted(String incubatorId, String tenantId, String creditCode, Instant beforeGraduation) {
    }

    Admitted admitWithFacts() {
        String incubator = registerIncubator("510107");
        String tenant = unique("ten");
        String code = creditCode();
        assertThat(http.post("/api/tenants", admission(tenant, incubator, code, "2019-02-01")).status())
                .isEqualTo(201);
        String base = "/api/tenants/" + tenant;
        for (int i = 0; i < ips.size(); i++) {
            ok(base + "/ip-grants", "{'kind':'" + ips.get(i).kind() + "','number':'ZL-" + i + "','title':'t',"
                    + "'grantedOn':'" + ips.get(i).on() + "'}");
        }
        for (Report report : reports) {
            ok(base + "/headcount", "{'employees':" + report.employees() + ",'reportedOn':'" + report.on() + "'}");
        }
        for (LocalDate on : milestones) {
            ok(base + "/milestones", "{'kind':'AWARD','description':'d','reachedOn':'" + on + "'}");
        }
        for (int i = 0; i < investments.size(); i++) {
            Investment investment = investments.get(i);
            ok(base + "/investments", "{'investmentId':'inv-" + i + "','round':'A','investor':'x','amount':'"
                    + investment.amount() + "','currency':'" + (investment.rate().equals("1") ? "CNY" : "USD")
                    + "','cnyRate':'" + investment.rate() + "','receivedOn':'" + investment.on() + "'}");
        }
        // A retracted investment counts nowhere.
        ok(base + "/investments", "{'investmentId':'inv-gone','round':'A','investor':'x','amount':'999',"
                + "'currency':'CNY','receivedOn':'2020-01-01'}");
        ok(base + "/investments/inv-gone/retraction", "{'reason':'录错'}");
        Instant beforeGraduation = clock.checkpoint();
        ok(base + "/graduation", "{'graduatedOn':'2021-12-31','criterion':'营收超过500万'}");
        return new Admitted(incubator, tenant, code, beforeGraduation);
    }

    JsonNode state(String tenant, String asOf, Instant knownAt) {
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        Answer answer = http.get("/api/tenants/" + tenant + "?asOf=" + asOf
                                         + (knownAt == null ? "" : "&knownAt=" + knownAt));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    /** Checks the counted parts of a state against what the test sent, as of the date. */
    void assertCounts(JsonNode state, LocalDate asOf) {
        Map<String, Integer> byKind = new TreeMap<>();
        ips.stream().filter(ip -> !ip.on().isAfter(asOf)).forEach(ip -> byKind.merge(ip.kind(), 1, Integer::sum));
        Map<String, Integer> stated = new TreeMap<>();
        state.get("ipHeld").get("byKind").fields().forEachRemaining(e -> stated.put(e.getKey(), e.getValue().asInt()));
        assertThat(stated).isEqualTo(byKind);
        assertThat(state.get("ipHeld").get("total").asInt())
                .isEqualTo(byKind.values().stream().mapToInt(Integer::intValue).sum());

        Report latest = reports.stream().filter(r -> !r.on().isAfter(asOf))
                               .max(Comparator.comparing(Report::on)).orElse(null);
        if (latest == null) {
            assertThat(state.has("headcount")).isFalse();
        } else {
            assertThat(state.get("headcount").get("employees").asInt()).isEqualTo(latest.employees());
            assertThat(state.get("headcount").get("reportedOn").asText()).isEqualTo(latest.on().toString());
        }
        assertThat(state.get("milestones").asInt())
                .isEqualTo(milestones.stream().filter(on -> !on.isAfter(asOf)).count());
        List<Investment> received = new ArrayList<>(investments.stream().filter(i -> !i.on().isAfter(asOf)).toList());
        assertThat(state.get("investment").get("count").asInt()).isEqualTo(received.size());
        assertThat(state.get("investment").get("amountCny").asText()).isEqualTo(
                received.stream().map(Investment::cny).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add)
                        .toPlainString());
    }

    @Test
    void beforeAdmissionTheTenantIsNotYetAdmitted() {
        Admitted tenant = admitWithFacts();

        JsonNode state = state(tenant.tenantId(), "2019-01-31", null);

        assertThat(state.get("status").asText()).isEqualTo("NOT_YET_ADMITTED");
        assertThat(state.get("incubatorId").asText()).isEqualTo(tenant.incubatorId());
        assertThat(state.get("creditCode").asText()).isEqualTo(tenant.creditCode());
        assertThat(state.get("companyName").asText()).isEqualTo("成都某某科技有限公司");
        assertThat(state.get("admittedOn").asText()).isEqualTo("2019-02-01");
        assertThat(state.get("foundedOn").asText()).as("the admission's founding date").isEqualTo("2018-05-01");
        assertCounts(state, LocalDate.parse("2019-01-31"));
    }

    @Test
    void duringIncubationItCountsWhatHadHappenedByTheDate() {
        Admitted tenant = admitWithFacts();

        for (String asOf : List.of("2019-02-01", "2020-06-30", "2020-12-31", "2021-06-29")) {
            JsonNode state = state(tenant.tenantId(), asOf, null);
            assertThat(state.get("status").asText()).as(asOf).isEqualTo("IN_INCUBATION");
            assertThat(state.has("graduatedOn")).isFalse();
            assertCounts(state, LocalDate.parse(asOf));
        }
    }

    @Test
    void afterGraduationItIsGraduatedUnlessKnownAtPrecedesTheGraduationsRecord() {
        Admitted tenant = admitWithFacts();

        JsonNode graduated = state(tenant.tenantId(), "2022-01-01", null);
        assertThat(graduated.get("status").asText()).isEqualTo("GRADUATED");
        assertThat(graduated.get("graduatedOn").asText()).isEqualTo("2021-12-31");
        assertCounts(graduated, LocalDate.parse("2022-01-01"));

        JsonNode asKnownBefore = state(tenant.tenantId(), "2022-01-01", tenant.beforeGraduation());
        assertThat(asKnownBefore.get("status").asText()).isEqualTo("IN_INCUBATION");
        assertThat(asKnownBefore.has("graduatedOn")).isFalse();
        assertCounts(asKnownBefore, LocalDate.parse("2022-01-01"));
    }

    @Test
    void aWithdrawnTenantIsWithdrawnFromItsDate() {
        String tenant = unique("ten");
        assertThat(http.post("/api/tenants", admission(tenant, registerIncubator("510107"), creditCode(), "2019-02-01"))
                           .status()).isEqualTo(201);
        ok("/api/tenants/" + tenant + "/withdrawal", "{'withdrawnOn':'2020-01-31','reason':'迁往加速器'}");

        assertThat(state(tenant, "2020-01-30", null).get("status").asText()).isEqualTo("IN_INCUBATION");
        JsonNode withdrawn = state(tenant, "2020-01-31", null);
        assertThat(withdrawn.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.get("withdrawnOn").asText()).isEqualTo("2020-01-31");
    }

    @Test
    void anUnknownTenantIsA404AndBadTimesAre400s() {
        Admitted tenant = admitWithFacts();
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();

        assertProblem(http.get("/api/tenants/ten-none"), 404, "tenantId", "ten-none",
                      "no tenant with this id is in the ledger");
        assertProblem(http.get("/api/tenants/" + tenant.tenantId() + "?knownAt=2000-01-01"), 404, "tenantId",
                      tenant.tenantId(), null);
        assertProblem(http.get("/api/tenants/" + tenant.tenantId() + "?asOf=2021-02-30"), 400, "asOf", "2021-02-30",
                      "must be a date YYYY-MM-DD");
        assertProblem(http.get("/api/tenants/" + tenant.tenantId() + "?knownAt=soon"), 400, "knownAt", "soon", null);
    }

    @Test
    void aReplayAnswersTheSameStates() {
        Admitted tenant = admitWithFacts();
        List<JsonNode> before = new ArrayList<>();
        for (String asOf : List.of("2019-01-31", "2020-12-31", "2022-01-01")) {
            before.add(state(tenant.tenantId(), asOf, tenant.beforeGraduation()));
        }

        projections.replay("tenant-state");
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();

        assertThat(projections.status("tenant-state").generation()).isGreaterThan(1);
        List<JsonNode> after = new ArrayList<>();
        for (String asOf : List.of("2019-01-31", "2020-12-31", "2022-01-01")) {
            after.add(state(tenant.tenantId(), asOf, tenant.beforeGraduation()));
        }
        assertThat(after).isEqualTo(before);
    }
}
