package cn.incubation.ledger.web;

import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole ledger on a random port, on the embedded MongoDB in memory, for tests that talk to it over HTTP. Test
 * classes that extend it and add no configuration of their own share one running ledger, so each makes its own ids.
 * Time is a {@link TestClock} that moves only when a test moves it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"ledger.embedded.backend=memory", LedgerHttp.ADMIN_PASSWORD_PROPERTY})
@Import(TestClock.Configuration.class)
public abstract class LedgerServerTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Axon's event clock before this class took it: the ledgers of other test classes keep the real one. */
    private static Clock eventClock;

    @LocalServerPort
    protected int port;

    @Autowired
    protected MongoDatabase database;

    @Autowired
    protected ProjectionService projections;

    /** "Now" for the ledger: today's date, and the record time of every fact sent. */
    @Autowired
    protected TestClock clock;

    protected LedgerHttp http;

    /**
     * Event timestamps (the record times of facts) come from Axon's static clock, which is the whole JVM's: this
     * class's ledger takes it for its tests, fixtures in {@code @BeforeAll} included, and gives it back after.
     */
    @BeforeAll
    static void timestampEventsWithTheTestClock(@Autowired TestClock clock) {
        eventClock = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
    }

    @AfterAll
    static void giveBackTheEventClock() {
        GenericEventMessage.clock = eventClock;
    }

    @BeforeEach
    protected void connect() {
        http = new LedgerHttp(port);
    }

    /** An id no other test of this run uses. */
    protected static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    /** A valid credit code that no other test of this run uses. */
    protected static String creditCode() {
        String first17 = String.format("91510100MA%07d", SEQUENCE.incrementAndGet() + 5_000_000);
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** Registers an incubator in a division and answers its id. */
    protected String registerIncubator(String regionCode) {
        String id = unique("inc");
        Answer answer = http.post("/api/incubators", json("{'incubatorId':'" + id + "','name':'天府软件园创业场',"
                + "'kind':'INCUBATOR','regionCode':'" + regionCode + "','operator':'天府软件园',"
                + "'openedOn':'2016-03-01','floorAreaM2':'12000.5','staff':20}"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return id;
    }

    /** Admits a new company to the incubator on 2019-02-01 and answers the tenant's id. */
    protected String admitTenant(String incubatorId) {
        String id = unique("ten");
        Answer answer = http.post("/api/tenants", admission(id, incubatorId, creditCode(), "2019-02-01"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return id;
    }

    /** The body that admits a new company, founded on 2018-05-01, to an incubator. */
    protected static String admission(String tenantId, String incubatorId, String creditCode, String admittedOn) {
        return json("{'tenantId':'" + tenantId + "','incubatorId':'" + incubatorId + "','companyName':'成都某某科技有限公司',"
                + "'creditCode':'" + creditCode + "','sector':'人工智能','foundedOn':'2018-05-01','admittedOn':'"
                + admittedOn + "'}");
    }

    /** Every document of the events collection, tombstones included: what "stores nothing" is measured by. */
    protected long storedEvents() {
        return database.getCollection("events").countDocuments();
    }

    protected void awaitProjections() {
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).as("projections caught up").isTrue();
    }

    /** Asserts a problem detail with this status and field, whose rule contains {@code rule}. */
    protected static JsonNode assertProblem(Answer answer, int status, String field, String rule) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).startsWith("https://incubation-ledger.cn/problems/");
        if (field != null) {
            assertThat(problem.get("field").asText()).as(answer.toString()).isEqualTo(field);
        }
        if (rule != null) {
            assertThat(problem.get("rule").asText()).as(answer.toString()).contains(rule);
        }
        return problem;
    }

    /**
     * Asserts exactly a problem detail: this status, field, rejected value (unless null) and rule (unless null), its
     * type {@code application/problem+json} and a detail that names the field.
     */
    protected static void assertProblem(Answer answer, int status, String field, String value, String rule) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
        if (value != null) {
            assertThat(answer.json().get("value").asText()).isEqualTo(value);
        }
        if (rule != null) {
            assertThat(answer.json().get("rule").asText()).isEqualTo(rule);
        }
        assertThat(answer.json().get("detail").asText()).contains(field);
    }
}
