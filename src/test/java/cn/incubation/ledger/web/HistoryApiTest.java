package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A carrier's timeline through the real HTTP server on the embedded MongoDB: one carrier with a tenant and a few dozen
 * facts sent out of date order, each page checked against the order the test works out from what it sent.
 */
class HistoryApiTest extends LedgerServerTest {

    /** The facts every test reads, sent once for the class (its own carrier and tenant in the shared ledger). */
    static String incubator;
    static String tenant;
    /** What the test sent, in the order it sent it. */
    static final List<Sent> sent = new ArrayList<>();

    /** One fact the test sent: its type, business date, tenant, and a value that tells it apart from the others. */
    record Sent(int order, String type, LocalDate occurredOn, String tenantId, String mark) {
        String key() {
            return type + "|" + occurredOn + "|" + tenantId + "|" + mark;
        }
    }

    @BeforeEach
    void sendTheFactsOnce() {
        if (incubator == null) {
            oneCarrierWithATenantAndManyFacts();
        }
    }

    void oneCarrierWithATenantAndManyFacts() {
        incubator = unique("inc");
        send("/api/incubators", json("{'incubatorId':'" + incubator + "','name':'天府软件园创业场','kind':'INCUBATOR',"
                + "'regionCode':'510107','operator':'天府软件园','openedOn':'2016-03-01','floorAreaM2':'12000.5',"
                + "'staff':20}"), "IncubatorRegistered", "2016-03-01", null, "20");
        tenant = unique("ten");
        send("/api/tenants", admission(tenant, incubator, creditCode(), "2019-02-01"), "TenantAdmitted",
             "2019-02-01", tenant, "成都某某科技有限公司");
        // Dates out of order, several on one day and on month boundaries, so that neither send order nor month
        // order alone gives the timeline's order.
        String[] headcounts = {"2020-03-31", "2019-03-01", "2021-12-31", "2020-03-31", "2020-02-29", "2019-12-31",
                               "2020-04-01", "2021-03-10", "2020-02-15", "2021-03-11", "2019-07-15", "2020-03-01",
                               "2021-01-01", "2020-12-31", "2020-03-31", "2019-03-31", "2021-06-30", "2020-06-15"};
        for (int i = 0; i < headcounts.length; i++) {
            send("/api/tenants/" + tenant + "/headcount", json("{'employees':" + (100 + i) + ",'reportedOn':'"
                    + headcounts[i] + "'}"), "HeadcountReported", headcounts[i], tenant, Integer.toString(100 + i));
        }
        String[] milestones = {"2020-03-31", "2021-03-10", "2019-05-20", "2020-02-14"};
        for (int i = 0; i < milestones.length; i++) {
            send("/api/tenants/" + tenant + "/milestones", json("{'kind':'AWARD','description':'m" + i
                    + "','reachedOn':'" + milestones[i] + "'}"), "MilestoneLogged", milestones[i], tenant, "m" + i);
        }
        send("/api/tenants/" + tenant + "/investments", json("{'investmentId':'inv-h1','round':'ANGEL',"
                + "'investor':'蓉创天使基金','amount':'1000000.00','currency':'USD','cnyRate':'7.10',"
                + "'receivedOn':'2020-03-15'}"), "InvestmentReceived", "2020-03-15", tenant, "inv-h1");
        String[] staff = {"2020-03-31", "2018-12-31"};
        for (int i = 0; i < staff.length; i++) {
            send("/api/incubators/" + incubator + "/staff", json("{'staff':" + (30 + i) + ",'reportedOn':'"
                    + staff[i] + "'}"), "StaffReported", staff[i], null, Integer.toString(30 + i));
        }
        // Another carrier's facts must stay out of this timeline.
        String other = unique("inc");
        assertThat(http.post("/api/incubators", json("{'incubatorId':'" + other + "','name':'x','kind':'MAKER_SPACE',"
                + "'regionCode':'500112','operator':'y','openedOn':'2020-03-01','floorAreaM2':'800','staff':4}"))
                       .status()).isEqualTo(201);
        String otherTenant = unique("ten");
        assertThat(http.post("/api/tenants", admission(otherTenant, other, creditCode(), "2020-03-02")).status())
                .isEqualTo(201);
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
    }

    private void send(String path, String body, String type, String occurredOn, String tenantId, String mark) {
        Answer answer = http.post(path, body);
        assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
        sent.add(new Sent(sent.size(), type, LocalDate.parse(occurredOn), tenantId, mark));
    }

    /** The timeline's order worked out from what was sent: by business date, then by the order it was recorded. */
    List<String> expected(Predicate<Sent> filter) {
        return sent.stream().filter(filter)
                   .sorted(Comparator.comparing(Sent::occurredOn).thenComparingInt(Sent::order).reversed())
                   .map(Sent::key).toList();
    }

    static String key(JsonNode entry) {
        JsonNode fields = entry.get("fields");
        String type = entry.get("type").asText();
        String mark = switch (type) {
            case "IncubatorRegistered", "StaffReported" -> fields.get("staff").asText();
            case "TenantAdmitted" -> fields.get("companyName").asText();
            case "HeadcountReported" -> fields.get("employees").asText();
            case "MilestoneLogged" -> fields.get("description").asText();
            case "InvestmentReceived" -> fields.get("investmentId").asText();
            default -> "?";
        };
        return type + "|" + entry.get("occurredOn").asText() + "|"
                + (entry.has("tenantId") ? entry.get("tenantId").asText() : null) + "|" + mark;
    }

    /** Every page of a query, one request each, checking the totals each page reports. */
    List<String> allPages(String query, int size, int expectedTotal) {
        List<String> keys = new ArrayList<>();
        int pages = (expectedTotal + size - 1) / size;
        for (int page = 0; page < pages; page++) {
            Answer answer = http.get("/api/incubators/" + incubator + "/history?size=" + size + "&page=" + page + query);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().get("total").asLong()).isEqualTo(expectedTotal);
            assertThat(answer.json().get("totalPages").asLong()).isEqualTo(pages);
            JsonNode entries = answer.json().get("entries");
            assertThat(entries.size()).isEqualTo(Math.min(size, expectedTotal - page * size));
            entries.forEach(e -> keys.add(key(e)));
        }
        return keys;
    }

    @Test
    void pagesWalkTheWholeTimelineNewestFirstWhateverThePageSize() {
        List<String> expected = expected(s -> true);
        assertThat(expected).hasSize(27);

        for (int size : new int[] {1, 5, 7, 27, 200}) {
            assertThat(allPages("", size, expected.size())).as("size " + size).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aPageBeyondTheEndIsEmptyAndKeepsTheTotal() {
        Answer answer = http.get("/api/incubators/" + incubator + "/history?page=3&size=10");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("entries").size()).isZero();
        assertThat(answer.json().get("total").asLong()).isEqualTo(sent.size());
    }

    @Test
    void fromAndToKeepTheFactsOccurringBetweenThemInclusiveEvenInsideAMonth() {
        LocalDate from = LocalDate.parse("2020-02-15");
        LocalDate to = LocalDate.parse("2021-03-10");
        List<String> expected = expected(s -> !s.occurredOn().isBefore(from) && !s.occurredOn().isAfter(to));

        assertThat(allPages("&from=" + from + "&to=" + to, 4, expected.size())).containsExactlyElementsOf(expected);
        assertThat(expected).anyMatch(k -> k.contains("|2020-02-15|")).anyMatch(k -> k.contains("|2021-03-10|"))
                            .noneMatch(k -> k.contains("|2020-02-14|") || k.contains("|2021-03-11|"));
    }

    @Test
    void typeFiltersByEventTypeNamesSeparatedByCommas() {
        Set<String> types = Set.of("MilestoneLogged", "StaffReported");
        List<String> expected = expected(s -> types.contains(s.type()));

        assertThat(allPages("&type=MilestoneLogged,%20StaffReported", 3, expected.size()))
                .containsExactlyElementsOf(expected);
        List<String> investments = allPages("&type=InvestmentReceived&from=2020-01-01&to=2020-12-31", 20, 1);
        assertThat(investments).containsExactly("InvestmentReceived|2020-03-15|" + tenant + "|inv-h1");
    }

    @Test
    void anEntryCarriesBothTimesSummaryActorAndTheEventsExactFields() {
        Answer answer = http.get("/api/incubators/" + incubator + "/history?type=InvestmentReceived");

        JsonNode entry = answer.json().get("entries").get(0);
        assertThat(entry.get("occurredOn").asText()).isEqualTo("2020-03-15");
        assertThat(entry.get("recordedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(entry.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(entry.get("actor").asText()).isEqualTo(LedgerHttp.ADMIN);
        assertThat(entry.get("summary").asText()).isEqualTo("Received 1000000.00 USD (ANGEL) from 蓉创天使基金");
        assertThat(entry.get("fields").get("amount").asText()).isEqualTo("1000000.00");
        assertThat(entry.get("fields").get("cnyRate").asText()).isEqualTo("7.10");
        assertThat(entry.get("fields").get("round").asText()).isEqualTo("ANGEL");
    }

    @Test
    void anUnknownTypeIsA400ProblemListingTheKnownTypes() {
        Answer answer = http.get("/api/incubators/" + incubator + "/history?type=HeadcountReported,InvestmentMade");

        assertProblem(answer, 400, "type", "InvestmentMade", null);
        assertThat(answer.json().get("rule").asText()).startsWith("is not an event type; known types: ")
                                                      .contains("InvestmentReceived", "IncubatorRegistered",
                                                                "InvestmentRetracted");
    }

    @Test
    void badParametersAre400ProblemsAndAnUnknownIncubatorIsA404() {
        String base = "/api/incubators/" + incubator + "/history";
        assertProblem(http.get(base + "?from=2020-02-30"), 400, "from", "2020-02-30", "must be a date YYYY-MM-DD");
        assertProblem(http.get(base + "?from=2021-01-01&to=2020-01-01"), 400, "from", "2021-01-01", null);
        assertProblem(http.get(base + "?size=0"), 400, "size", "0", "must be from 1 to 200");
        assertProblem(http.get(base + "?page=-1"), 400, "page", "-1", "must be from 0 to 1000000");
        assertProblem(http.get(base + "?page=two"), 400, "page", "two", "must be a whole number");
        assertProblem(http.get("/api/incubators/inc-none/history"), 404, "incubatorId", "inc-none", null);
    }

    @Test
    void aReplayAnswersTheSamePages() {
        String page = "/api/incubators/" + incubator + "/history?size=6&page=1&from=2019-03-01";
        JsonNode before = http.get(page).json();

        projections.replay("incubator-history");
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();

        assertThat(projections.status("incubator-history").generation()).isGreaterThan(1);
        assertThat(http.get(page).json()).isEqualTo(before);
    }

    /**
     * Before it left the events' fields to the event store, the projection kept each entry under the event's id with
     * every field, summary and actor; a generation built then must answer the same until it is replayed.
     */
    @Test
    void entriesKeptTheEarlierWayAnswerTheSame() {
        String all = "/api/incubators/" + incubator + "/history?size=100";
        JsonNode before = http.get(all).json();
        MongoCollection<Document> months = projections.collection("incubator-history", "incubator_history");
        int rewritten = 0;
        for (Document month : months.find(Filters.eq("incubatorId", incubator))) {
            Document entries = month.get("entries", Document.class);
            Document earlier = new Document();
            for (Map.Entry<String, Object> entry : entries.entrySet()) {
                if (!entry.getKey().startsWith("p")) {
                    earlier.put(entry.getKey(), entry.getValue());
                    continue;
                }
                // occurredOn|recordedAt|type|tenantId
                String[] slim = ((String) entry.getValue()).split("\\|", 4);
                long position = Long.parseLong(entry.getKey().substring(1));
                earlier.put("e" + UUID.randomUUID(), new Document("eventId", "stale")
                        .append("occurredOn", slim[0]).append("recordedAt", slim[1])
                        .append("position", position).append("type", slim[2])
                        .append("tenantId", slim[3].isEmpty() ? null : slim[3]).append("actor", "stale")
                        .append("summary", "stale").append("fields", new Document()));
                rewritten++;
            }
            months.updateOne(Filters.eq("_id", month.get("_id")), Updates.set("entries", earlier));
        }
        assertThat(rewritten).isEqualTo(sent.size());

        assertThat(http.get(all).json()).isEqualTo(before);
    }
}
