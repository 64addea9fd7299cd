package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a client sends gives a 500: ids used twice or for the other kind of record, concurrent registrations of
 * one id, malformed JSON and media types are 4xx problems; requests Tomcat refuses before the application sees them,
 * and paths that lead nowhere, are problem details too.
 */
class NoServerErrorTest extends LedgerServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String registration(String id) {
        return json("{'incubatorId':'" + id + "','name':'天府软件园创业场','kind':'INCUBATOR','regionCode':'510107',"
                + "'operator':'天府软件园','openedOn':'2016-03-01','floorAreaM2':'12000','staff':20}");
    }

    @Test
    void anIdInUseIsAConflictThatSaysWhatHoldsIt() {
        String incubator = registerIncubator("510107");
        String tenant = admitTenant(incubator);
        long before = storedEvents();

        assertProblem(http.post("/api/incubators", registration(incubator)), 409, "incubatorId", "a carrier's id");
        assertProblem(http.post("/api/incubators", registration(tenant)), 409, "incubatorId", "a tenant's id");
        String admission = json("{'tenantId':'" + incubator + "','incubatorId':'" + incubator + "','companyName':'x公司',"
                + "'creditCode':'" + creditCode() + "','sector':'AI','foundedOn':'2018-05-01','admittedOn':'2019-02-01'}");
        assertProblem(http.post("/api/tenants", admission), 409, "tenantId", "a carrier's id");

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aTenantsIdIsNoCarrierAndACarriersIdIsNoTenant() {
        String incubator = registerIncubator("510107");
        String tenant = admitTenant(incubator);
        long before = storedEvents();

        assertProblem(http.post("/api/incubators/" + tenant + "/accreditations",
                                json("{'level':'MUNICIPAL','accreditedOn':'2020-01-01'}")), 404, "incubatorId",
                      "is a tenant's id");
        assertProblem(http.post("/api/tenants/" + incubator + "/headcount",
                                json("{'employees':3,'reportedOn':'2020-01-01'}")), 404, "tenantId",
                      "is a carrier's id");
        String intoATenant = json("{'tenantId':'" + unique("ten") + "','incubatorId':'" + tenant + "',"
                + "'companyName':'x公司','creditCode':'" + creditCode() + "','sector':'AI','foundedOn':'2018-05-01',"
                + "'admittedOn':'2019-02-01'}");
        assertProblem(http.post("/api/tenants", intoATenant), 404, "incubatorId", "is a tenant's id");

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void ofTwentyConcurrentRegistrationsOfOneIdOneWinsAndTheOthersAreConflicts() throws Exception {
        String id = unique("race");
        int clients = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return new LedgerHttp(port).post("/api/incubators", registration(id));
            }));
        }
        start.countDown();
        int created = 0;
        for (Future<Answer> future : answers) {
            Answer answer = future.get();
            if (answer.status() == 201) {
                created++;
            } else {
                assertProblem(answer, 409, null, null);
            }
        }
        pool.shutdown();

        assertThat(created).isEqualTo(1);
        assertThat(http.get("/api/incubators/" + id + "/history").status()).isIn(200, 404);
    }

    @Test
    void malformedBodiesAndMediaTypesAreFourHundreds() {
        String headcount = "/api/tenants/" + admitTenant(registerIncubator("510107")) + "/headcount";
        String body = json("{'employees':3,'reportedOn':'2020-01-01'}");
        assertProblem(http.post(headcount, body.replace("3,", "3,\"employees\":4,")), 400, "body", "Duplicate field");
        assertProblem(http.post(headcount, "{\"employees\":3,"), 400, "body", "not valid JSON");
        assertProblem(http.post(headcount, ""), 400, "body", "is required");
        assertProblem(http.post(headcount, "[1,2]"), 400, "body", null);
        assertProblem(http.post(headcount, "\"text\""), 400, "body", null);
        assertProblem(http.post(headcount, "{\"employees\":3,\"reportedOn\":\"2020-01-01\",\"x\":1}"), 400, "x",
                      "is not a field");
        assertProblem(http.post(headcount, body, "Content-Type", "*/*"), 415, "Content-Type", "concrete type");
        assertProblem(http.post(headcount, body, "Content-Type", "application/*"), 415, "Content-Type",
                      "concrete type");
        assertProblem(http.post(headcount, body, "Content-Type", "text/plain"), 415, "Content-Type",
                      "application/json");
        assertProblem(http.post(headcount, body, "Content-Type", "garbage"), 415, "Content-Type", "not a media type");
        assertProblem(http.post(headcount, body, "If-Match", "\"x\""), 400, "If-Match", "aggregate version");
        assertProblem(http.post(headcount, body, "Idempotency-Key", "two words"), 400, "Idempotency-Key",
                      "visible ASCII");
        assertProblem(http.post(headcount, body, "X-Correlation-Id", "two words"), 400, "X-Correlation-Id",
                      "visible ASCII");
    }

    @Test
    void queriesWithFarTimesAreFourHundredsNotOverflows() {
        assertProblem(http.get("/api/regions/chengyu/totals?knownAt=%2B1000000-01-01T00:00:00Z"), 400, "knownAt",
                      "must be from 1980-01-01");
        assertProblem(http.get("/api/regions/chengyu/totals?knownAt=-999999999-01-01T00:00:00Z"), 400, "knownAt",
                      null);
        assertProblem(http.get("/api/regions/chengyu/totals?knownAt=2023-07-15T10:00:00%2B25:00"), 400, "knownAt",
                      null);
        assertProblem(http.get("/api/regions/chengyu/totals?asOf=%2B1000000-12-31"), 400, "asOf",
                      "must be from 1980-01-01");
        assertProblem(http.get("/api/regions/chengyu/comparison?from=-999999999-01-01&to=2025-12-31"), 400, "from",
                      null);
        assertProblem(http.get("/api/regions/chengyu/series"), 400, "from", "is required");
    }

    @Test
    void whatTomcatRefusesIsAProblemDetailToo() throws IOException {
        for (String path : List.of("/api/tenants/a%2Fb", "/api/tenants/a%00b")) {
            String[] answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer[0]).as(path).startsWith("HTTP/1.1 400");
            assertThat(answer[0].toLowerCase()).contains("content-type: application/problem+json");
            JsonNode problem = JSON.readTree(answer[1]);
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("type").asText()).startsWith("https://incubation-ledger.cn/problems/");
        }
        String[] tooLarge = raw("GET /api/regions HTTP/1.1\r\nHost: localhost\r\nX-Large: " + "a".repeat(20_000)
                                + "\r\nConnection: close\r\n\r\n");
        assertThat(tooLarge[0]).startsWith("HTTP/1.1 400");
        assertThat(JSON.readTree(tooLarge[1]).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void pathsAndMethodsThatLeadNowhereAreProblems() {
        assertProblem(http.get("/nothing-here"), 404, null, null);
        assertProblem(http.get("/api/tenants/" + unique("nobody")), 404, "tenantId", "no tenant");
        Answer delete = http.send("DELETE", "/api/tenants/x");
        assertProblem(delete, 405, null, null);
        Answer xml = http.get("/api/regions/chengyu", "Accept", "application/xml");
        assertThat(xml.status()).isEqualTo(406);
    }

    /** One request written by hand, answered as [status line and headers, body]. */
    private String[] raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            String body = text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("}") + 1);
            }
            return new String[] {head, body};
        }
    }
}
