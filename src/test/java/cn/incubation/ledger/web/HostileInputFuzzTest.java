package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends generated bad values for every field of every command, then random mutations of whole requests, and asserts
 * that each is answered with a 4xx problem detail and stores nothing (no event, no idempotency key). It prints how
 * many requests it sent, how many got a 5xx and how many stored something.
 */
class HostileInputFuzzTest extends LedgerServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What kind of value a field takes, which decides the bad values it is sent. */
    enum Kind { ID, OPTIONAL_ID, TEXT, DATE, DECIMAL, OPTIONAL_DECIMAL, COUNT, ENUM, YEAR, CURRENCY, CREDIT_CODE,
                REGION }

    /** A field of a command with a valid value (JSON) and its kind. */
    record Field(String name, Kind kind, String valid) {
    }

    /** A command: a path with {incubator}, {tenant} and {investment} filled in, and its fields. */
    record Command(String name, String path, List<Field> fields) {
    }

    private static Field f(String name, Kind kind, String valid) {
        return new Field(name, kind, valid);
    }

    static final List<Command> COMMANDS = List.of(
            new Command("register-incubator", "/api/incubators", List.of(
                    f("incubatorId", Kind.OPTIONAL_ID, "\"fuzz-new-inc\""), f("name", Kind.TEXT, "\"天府软件园\""),
                    f("kind", Kind.ENUM, "\"INCUBATOR\""), f("regionCode", Kind.REGION, "\"510107\""),
                    f("operator", Kind.TEXT, "\"运营方\""), f("openedOn", Kind.DATE, "\"2016-03-01\""),
                    f("floorAreaM2", Kind.DECIMAL, "\"12000.5\""), f("staff", Kind.COUNT, "20"))),
            new Command("accredit", "/api/incubators/{incubator}/accreditations", List.of(
                    f("level", Kind.ENUM, "\"MUNICIPAL\""), f("accreditedOn", Kind.DATE, "\"2018-01-10\""))),
            new Command("change-floor-area", "/api/incubators/{incubator}/floor-area", List.of(
                    f("floorAreaM2", Kind.DECIMAL, "\"15000\""), f("changedOn", Kind.DATE, "\"2019-01-01\""))),
            new Command("report-staff", "/api/incubators/{incubator}/staff", List.of(
                    f("staff", Kind.COUNT, "24"), f("reportedOn", Kind.DATE, "\"2019-12-31\""))),
            new Command("rate", "/api/incubators/{incubator}/ratings", List.of(
                    f("year", Kind.YEAR, "2019"), f("rating", Kind.ENUM, "\"EXCELLENT\""))),
            new Command("close-incubator", "/api/incubators/{incubator}/closure", List.of(
                    f("closedOn", Kind.DATE, "\"2024-06-30\""), f("reason", Kind.TEXT, "\"运营期满\""))),
            new Command("admit-tenant", "/api/tenants", List.of(
                    f("tenantId", Kind.OPTIONAL_ID, "\"fuzz-new-ten\""), f("incubatorId", Kind.ID, "\"{incubator}\""),
                    f("companyName", Kind.TEXT, "\"成都某某科技有限公司\""),
                    f("creditCode", Kind.CREDIT_CODE, "\"{creditCode}\""), f("sector", Kind.TEXT, "\"人工智能\""),
                    f("foundedOn", Kind.DATE, "\"2018-05-01\""), f("admittedOn", Kind.DATE, "\"2019-02-01\""))),
            new Command("grant-ip", "/api/tenants/{tenant}/ip-grants", List.of(
                    f("kind", Kind.ENUM, "\"INVENTION_PATENT\""), f("number", Kind.TEXT, "\"ZL202010000001.X\""),
                    f("title", Kind.TEXT, "\"一种方法\""), f("grantedOn", Kind.DATE, "\"2020-06-01\""))),
            new Command("receive-investment", "/api/tenants/{tenant}/investments", List.of(
                    f("investmentId", Kind.OPTIONAL_ID, "\"fuzz-new-inv\""), f("round", Kind.ENUM, "\"ANGEL\""),
                    f("investor", Kind.TEXT, "\"蓉创天使基金\""), f("amount", Kind.DECIMAL, "\"1000000\""),
                    f("currency", Kind.CURRENCY, "\"USD\""), f("cnyRate", Kind.DECIMAL, "\"7.1\""),
                    f("receivedOn", Kind.DATE, "\"2020-03-15\""))),
            new Command("report-headcount", "/api/tenants/{tenant}/headcount", List.of(
                    f("employees", Kind.COUNT, "25"), f("reportedOn", Kind.DATE, "\"2020-12-31\""))),
            new Command("log-milestone", "/api/tenants/{tenant}/milestones", List.of(
                    f("kind", Kind.ENUM, "\"HIGH_TECH_ENTERPRISE\""), f("description", Kind.TEXT, "\"高新技术企业\""),
                    f("reachedOn", Kind.DATE, "\"2021-01-01\""))),
            new Command("graduate", "/api/tenants/{tenant}/graduation", List.of(
                    f("graduatedOn", Kind.DATE, "\"2022-01-01\""), f("criterion", Kind.TEXT, "\"高新技术企业\""))),
            new Command("withdraw", "/api/tenants/{tenant}/withdrawal", List.of(
                    f("withdrawnOn", Kind.DATE, "\"2022-01-01\""), f("reason", Kind.TEXT, "\"迁出\""))),
            new Command("correct-investment", "/api/tenants/{tenant}/investments/{investment}/correction", List.of(
                    f("amount", Kind.OPTIONAL_DECIMAL, "\"1200000\""), f("reason", Kind.TEXT, "\"录入错误\""))),
            new Command("retract-investment", "/api/tenants/{tenant}/investments/{investment}/retraction", List.of(
                    f("reason", Kind.TEXT, "\"重复录入\""))));

    /** Bad values of each kind, as JSON; {@code null} in the list means "leave the field out". */
    List<String> badValues(Kind kind) {
        String tomorrow = clock.today().plusDays(1).toString();
        List<String> common = new ArrayList<>(List.of("true", "[]", "{}", "[1,2]", "{\"$gt\":\"\"}", "\"\\u0000\""));
        if (kind != Kind.OPTIONAL_ID && kind != Kind.OPTIONAL_DECIMAL) {
            common.add(null);
            common.add("null");
        }
        List<String> specific = switch (kind) {
            case ID, OPTIONAL_ID -> List.of("\"\"", "\"AB\"", "\"a\"", "\"a/b\"", "\"../x\"", "\"$where\"",
                                            "\"" + "a".repeat(65) + "\"", "123", "\"ab c\"", "\"中文标识\"",
                                            "\"a\\u202eb\"", "\"\\ud800\"");
            case TEXT -> List.of("\"\"", "\"   \"", "\"\\u200b\\u200b\"", "\"ab\\u202ecd\"", "\"a\\u0007b\"",
                                 "\"" + "长".repeat(10_000) + "\"", "\"\\ud800x\"", "123", "1.5", "\"\\ufeff\"",
                                 "\"x\\u2066y\"", "\"\\ue000\"");
            case DATE -> List.of("\"2020-02-30\"", "\"2020-13-01\"", "\"20200101\"", "\"+1000000-01-01\"",
                                 "\"-999999999-01-01\"", "\"0000-01-01\"", "\"1979-12-31\"", "\"" + tomorrow + "\"",
                                 "\"9999-12-31\"", "18000", "[2020,1,1]", "\"2020-01-01T00:00:00Z\"", "\"\"",
                                 "\"２０２０-０１-０１\"");
            case DECIMAL, OPTIONAL_DECIMAL -> List.of("\"1e-999999999\"", "\"1e999999999\"", "1e-999999999",
                                                      "1e999999999", "\"NaN\"", "\"Infinity\"", "\"-1\"", "\"0\"",
                                                      "\"0.000000001\"", "1" + "0".repeat(900), "\"12,000\"",
                                                      "\"１２\"", "\"0x10\"", "\"\"", "-0.0");
            case COUNT -> List.of("-1", "3.7", "\"3.7\"", "1e3", "99999999999999999999", "2147483648", "100000001",
                                  "\"NaN\"", "\"\"", "\"twelve\"", "1.0");
            case ENUM -> List.of("\"gold\"", "\"\"", "0", "1", "\"incubator\"", "\"ANGEL;DROP\"");
            case YEAR -> List.of("1979", "2147483648", "3.5", "\"" + (clock.today().getYear() + 1) + "\"", "-1");
            case CURRENCY -> List.of("\"XXX\"", "\"XTS\"", "\"XAU\"", "\"usd\"", "\"US\"", "\"\"", "\"人民币\"", "156",
                                     "\"USDX\"");
            case CREDIT_CODE -> List.of("\"91510100MA61234567\"", "\"91510100MA612345\"", "\"91510100MA6123456I\"",
                                        "\"\"", "915101001234567890", "\"91510100MA6123456W\\u200b\"");
            case REGION -> List.of("\"999999\"", "\"chengyu\"", "\"\"", "510107", "\"510107 \\u0000\"");
        };
        common.addAll(specific);
        return common;
    }

    record Outcome(int sent, int serverErrors, int stored) {
    }

    @Test
    void everyBadValueOfEveryFieldIsAFourHundredProblemThatStoresNothing() throws Exception {
        Map<String, String> targets = targets();
        int sent = 0;
        int serverErrors = 0;
        int stored = 0;
        List<String> failures = new ArrayList<>();
        for (Command command : COMMANDS) {
            for (Field field : command.fields()) {
                for (String bad : badValues(field.kind())) {
                    String body = body(command, targets, field.name(), bad);
                    Result result = send(path(command, targets), body, null);
                    sent++;
                    serverErrors += result.status() >= 500 ? 1 : 0;
                    stored += result.stored() && result.status() >= 300 ? 1 : 0;
                    if (!result.isProblem() || result.stored()) {
                        failures.add(command.name() + " " + field.name() + " = " + cut(bad) + " → " + result);
                    }
                }
            }
        }
        Outcome fields = new Outcome(sent, serverErrors, stored);
        Outcome random = mutations(targets, new Random(2026), 600, failures);
        Outcome paths = badPaths(failures);
        System.out.printf("Hostile input: %d requests of bad field values, %d random mutations, %d bad paths; "
                                  + "%d answered 5xx, %d refused requests stored something.%n", fields.sent(), random.sent(),
                          paths.sent(), fields.serverErrors() + random.serverErrors() + paths.serverErrors(),
                          fields.stored() + random.stored() + paths.stored());

        assertThat(failures).as("requests not answered with a 4xx problem, or that stored something").isEmpty();
        assertThat(fields.sent()).isGreaterThan(400);
        everyTemplateIsValid(targets);
    }

    /** Random mutations of valid requests: several bad fields at once, cut or garbled JSON, bad headers. */
    private Outcome mutations(Map<String, String> targets, Random random, int count, List<String> failures)
            throws Exception {
        int serverErrors = 0;
        int stored = 0;
        for (int i = 0; i < count; i++) {
            Command command = COMMANDS.get(random.nextInt(COMMANDS.size()));
            ObjectNode body = (ObjectNode) JSON.readTree(body(command, targets, null, null));
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                Field field = command.fields().get(random.nextInt(command.fields().size()));
                List<String> bad = badValues(field.kind());
                String value = bad.get(random.nextInt(bad.size()));
                if (value == null) {
                    body.remove(field.name());
                } else {
                    body.set(field.name(), JSON.readTree(value));
                }
            }
            String text = JSON.writeValueAsString(body);
            switch (random.nextInt(5)) {
                case 0 -> text = text.substring(0, random.nextInt(text.length()));
                case 1 -> text = garble(text, random);
                default -> { }
            }
            String key = random.nextBoolean() ? "fuzz-" + i : null;
            Result result = send(path(command, targets), text, key);
            serverErrors += result.status() >= 500 ? 1 : 0;
            stored += result.stored() && result.status() >= 300 ? 1 : 0;
            // A mutation may leave a valid command (a bad value replaced by the valid one of another field): then it
            // must have been accepted, which stores something by design. Only refusals are judged here.
            if (result.status() >= 300 && (!result.isProblem() || result.stored())) {
                failures.add("mutation " + i + " of " + command.name() + ": " + cut(text) + " → " + result);
            }
            if (result.status() < 300) {
                targets.putAll(targets());
            }
        }
        return new Outcome(count, serverErrors, stored);
    }

    /** Ids in paths that no record can have, or that break a path. */
    private Outcome badPaths(List<String> failures) {
        List<String> ids = List.of("a%2Fb", "..", "%2e%2e", "a".repeat(5_000), URLEncoder.encode("中文",
                                   StandardCharsets.UTF_8), "%00", "%ff", "$where", "%20", "a;b=c", "x?y");
        int serverErrors = 0;
        int stored = 0;
        for (String id : ids) {
            for (String path : List.of("/api/incubators/" + id + "/staff", "/api/tenants/" + id + "/headcount",
                                       "/api/tenants/" + id, "/api/incubators/" + id + "/history",
                                       "/api/regions/" + id + "/totals", "/api/investors/" + id + "/investments")) {
                long before = storedEvents();
                Answer answer = path.endsWith("staff") || path.endsWith("headcount")
                        ? http.post(path, "{\"staff\":1,\"employees\":1,\"reportedOn\":\"2020-01-01\"}")
                        : http.get(path);
                boolean problem = answer.status() >= 400 && answer.status() < 500
                        && String.valueOf(answer.contentType()).startsWith("application/problem+json");
                serverErrors += answer.status() >= 500 ? 1 : 0;
                boolean changed = storedEvents() != before;
                stored += changed ? 1 : 0;
                if (!problem || changed) {
                    failures.add("path " + cut(path) + " → " + answer.status() + " " + cut(answer.response().body()));
                }
            }
        }
        return new Outcome(ids.size() * 6, serverErrors, stored);
    }

    private static String garble(String text, Random random) {
        StringBuilder garbled = new StringBuilder(text);
        for (int i = 0; i < 3; i++) {
            int at = random.nextInt(garbled.length() + 1);
            String[] noise = {"\"", "{", "}", ",", ":", "\\", "\u0000", "]", "\ud800", "nul"};
            garbled.insert(at, noise[random.nextInt(noise.length)]);
        }
        return garbled.toString();
    }

    record Result(int status, boolean isProblem, boolean stored, String body) {
        @Override
        public String toString() {
            return status + (stored ? " (stored)" : "") + " " + cut(body);
        }
    }

    private Result send(String path, String body, String idempotencyKey) {
        long events = storedEvents();
        long keys = database.getCollection("idempotency_keys").countDocuments();
        Answer answer = idempotencyKey == null ? http.post(path, body)
                : http.post(path, body, "Idempotency-Key", idempotencyKey);
        boolean problem = answer.status() >= 400 && answer.status() < 500 && answer.json() != null
                && String.valueOf(answer.contentType()).startsWith("application/problem+json")
                && answer.json().hasNonNull("detail") && answer.json().get("status").asInt() == answer.status();
        boolean stored = storedEvents() != events
                || database.getCollection("idempotency_keys").countDocuments() != keys;
        return new Result(answer.status(), problem, stored, answer.response().body());
    }

    /** A fresh carrier, a tenant in incubation there and one investment, which the bad requests aim at. */
    private Map<String, String> targets() {
        Map<String, String> targets = new LinkedHashMap<>();
        String incubator = registerIncubator("510107");
        String tenant = admitTenant(incubator);
        Answer investment = http.post("/api/tenants/" + tenant + "/investments", "{\"round\":\"SEED\",\"investor\":"
                + "\"种子基金\",\"amount\":\"500000\",\"currency\":\"CNY\",\"receivedOn\":\"2019-06-01\"}");
        assertThat(investment.status()).as(investment.toString()).isEqualTo(201);
        targets.put("incubator", incubator);
        targets.put("tenant", tenant);
        targets.put("investment", investment.json().get("investmentId").asText());
        targets.put("creditCode", creditCode());
        return targets;
    }

    private static String path(Command command, Map<String, String> targets) {
        String path = command.path();
        for (Map.Entry<String, String> target : targets.entrySet()) {
            path = path.replace("{" + target.getKey() + "}", target.getValue());
        }
        return path;
    }

    /** The command's valid body with one field given a bad value (or left out, for a null value). */
    private static String body(Command command, Map<String, String> targets, String badField, String bad) {
        StringBuilder body = new StringBuilder("{");
        for (Field field : command.fields()) {
            String value = field.name().equals(badField) ? bad : field.valid();
            if (field.name().equals(badField) && bad == null) {
                continue;
            }
            if (body.length() > 1) {
                body.append(',');
            }
            String filled = value;
            for (Map.Entry<String, String> target : targets.entrySet()) {
                filled = filled.replace("{" + target.getKey() + "}", target.getValue());
            }
            if (field.kind() == Kind.OPTIONAL_ID && !field.name().equals(badField)) {
                filled = "\"" + unique("fuzz") + "\"";
            }
            body.append('"').append(field.name()).append("\":").append(filled);
        }
        return body.append('}').toString();
    }

    /** The valid bodies pass: the refusals above were for the bad values, not for the rest of the request. */
    private void everyTemplateIsValid(Map<String, String> targets) {
        for (Command command : COMMANDS) {
            Map<String, String> fresh = targets();
            Answer answer = http.post(path(command, fresh), body(command, fresh, null, null));
            assertThat(answer.status()).as(command.name() + ": " + answer).isIn(200, 201);
        }
    }

    private static String cut(String text) {
        return text == null ? "null" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
