package cn.incubation.ledger.security;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import cn.incubation.ledger.web.LedgerServerTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scopes through the real server: an operator records and reads the facts of its own carriers only, a fund manager
 * limited to investors reads their trails only, a refusal names the role and the scope lacked and stores nothing
 * (counted in the store through the plain driver), and the actor of every event is the signed-in user whatever the
 * request says of itself.
 */
class ScopeTest extends LedgerServerTest {

    @Autowired
    EventStore eventStore;

    private SecurityFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new SecurityFixture(http, unique("scope"));
    }

    private long stored(String collection) {
        return database.getCollection(collection).countDocuments();
    }

    private static void assertRefused(Answer answer, String role, String scope) {
        JsonNode problem = assertProblem(answer, 403, null, null);
        assertThat(problem.get("role").asText()).isEqualTo(role);
        assertThat(problem.get("scope").asText()).as(answer.toString()).isEqualTo(scope);
        assertThat(problem.get("detail").asText()).contains(role).contains(scope.substring(scope.indexOf(' ') + 1));
    }

    @Test
    void anOperatorOfOneCarrierIsRefusedEverythingOfAnother() {
        long events = storedEvents();
        long keys = stored("idempotency_keys");
        String headcount = json("{'employees':12,'reportedOn':'2020-06-30'}");

        assertRefused(SecurityFixture.admit(fixture.operator, unique("ten"), fixture.carrierB, creditCode()),
                      "OPERATOR", "carrier " + fixture.carrierB);
        assertRefused(fixture.operator.post("/api/tenants/" + fixture.tenantB + "/headcount", headcount,
                                            "Idempotency-Key", "scope-1"), "OPERATOR", "tenant " + fixture.tenantB);
        assertRefused(fixture.operator.post("/api/tenants/" + fixture.tenantB + "/investments/" + fixture.investmentA
                                                    + "/retraction", json("{'reason':'录入错误'}")),
                      "OPERATOR", "tenant " + fixture.tenantB);
        assertRefused(fixture.operator.post("/api/incubators/" + fixture.carrierB + "/staff",
                                            json("{'staff':3,'reportedOn':'2020-06-30'}")),
                      "OPERATOR", "carrier " + fixture.carrierB);
        assertRefused(fixture.operator.get("/api/tenants/" + fixture.tenantB), "OPERATOR",
                      "tenant " + fixture.tenantB);
        assertRefused(fixture.operator.get("/api/tenants/" + fixture.tenantB + "/investments"), "OPERATOR",
                      "tenant " + fixture.tenantB);
        assertRefused(fixture.operator.get("/api/incubators/" + fixture.carrierB), "OPERATOR",
                      "carrier " + fixture.carrierB);
        assertRefused(fixture.operator.get("/api/incubators/" + fixture.carrierB + "/history"), "OPERATOR",
                      "carrier " + fixture.carrierB);
        // A carrier's id used as a tenant's, and an id that names nothing, are answered as another carrier's tenant.
        assertRefused(fixture.operator.post("/api/tenants/" + fixture.carrierA + "/headcount", headcount),
                      "OPERATOR", "tenant " + fixture.carrierA);
        assertRefused(fixture.operator.post("/api/tenants/nobody-at-all/headcount", headcount),
                      "OPERATOR", "tenant nobody-at-all");

        assertThat(storedEvents()).as("events after the refusals").isEqualTo(events);
        assertThat(stored("idempotency_keys")).as("idempotency keys after the refusals").isEqualTo(keys);
    }

    @Test
    void anOperatorRecordsAndReadsTheFactsOfItsOwnCarrier() {
        String tenant = unique("ten");
        assertThat(SecurityFixture.admit(fixture.operator, tenant, fixture.carrierA, creditCode()).status())
                .isEqualTo(201);
        // Straight after its admission: the carrier comes from the event store, not from a read model that may lag.
        assertThat(fixture.operator.post("/api/tenants/" + tenant + "/headcount",
                                         json("{'employees':12,'reportedOn':'2020-06-30'}")).status()).isEqualTo(200);
        assertThat(fixture.operator.post("/api/tenants/" + fixture.tenantA + "/investments/" + fixture.investmentA
                                                 + "/correction", json("{'amount':'1200000','reason':'金额录错'}"))
                           .status()).isEqualTo(200);
        assertThat(fixture.operator.post("/api/incubators/" + fixture.carrierA + "/floor-area",
                                         json("{'floorAreaM2':'15000','changedOn':'2020-01-01'}")).status())
                .isEqualTo(200);
        // Accreditation is the bureau's: the role decides, whatever the carrier.
        JsonNode accreditation = assertProblem(fixture.operator.post(
                "/api/incubators/" + fixture.carrierA + "/accreditations",
                json("{'level':'NATIONAL','accreditedOn':'2020-01-01'}")), 403, null, null);
        assertThat(accreditation.get("role").asText()).isEqualTo("OPERATOR");
        assertThat(accreditation.get("allowedRoles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(accreditation.has("scope")).isFalse();
        assertThat(accreditation.get("detail").asText()).contains("needs the role ADMIN");
        awaitProjections();
        assertThat(fixture.operator.get("/api/tenants/" + tenant).status()).isEqualTo(200);
        assertThat(fixture.operator.get("/api/incubators/" + fixture.carrierA + "/investments").status())
                .isEqualTo(200);
    }

    @Test
    void aFundManagerLimitedToInvestorsReadsTheirTrailsOnly() {
        awaitProjections();
        String ownInvestor = "/api/investors/" + URLEncoder.encode(SecurityFixture.INVESTOR_A, StandardCharsets.UTF_8)
                + "/investments";
        String otherInvestor = "/api/investors/" + URLEncoder.encode(SecurityFixture.INVESTOR_B,
                                                                     StandardCharsets.UTF_8) + "/investments";

        Answer own = fixture.limitedFundManager.get(ownInvestor);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().get("investments").toString()).contains(fixture.investmentA);
        assertRefused(fixture.limitedFundManager.get(otherInvestor), "FUND_MANAGER",
                      "investor " + SecurityFixture.INVESTOR_B);
        assertRefused(fixture.limitedFundManager.get("/api/tenants/" + fixture.tenantA + "/investments"),
                      "FUND_MANAGER", "every investor");
        assertThat(fixture.limitedFundManager.get("/api/tenants/" + fixture.tenantB).status()).isEqualTo(200);
        assertThat(fixture.fundManager.get(otherInvestor).status()).isEqualTo(200);
        assertThat(fixture.fundManager.get("/api/tenants/" + fixture.tenantB + "/investments").status())
                .isEqualTo(200);
    }

    @Test
    void theActorIsTheSignedInUserWhateverTheRequestSays() {
        Answer sent = fixture.operator.post("/api/tenants/" + fixture.tenantA + "/headcount",
                                            json("{'employees':30,'reportedOn':'2021-06-30'}"), "X-Actor", "mallory",
                                            "Actor", "mallory", "X-Forwarded-User", "mallory", "X-Remote-User",
                                            "mallory");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        long events = storedEvents();
        assertProblem(fixture.operator.post("/api/tenants/" + fixture.tenantA + "/headcount",
                                            json("{'employees':31,'reportedOn':'2021-06-30','actor':'mallory'}")),
                      400, "actor", "is not a field");
        assertThat(storedEvents()).isEqualTo(events);

        List<? extends DomainEventMessage<?>> recorded = eventStore.readEvents(fixture.tenantA).asStream().toList();
        DomainEventMessage<?> last = recorded.get(recorded.size() - 1);
        assertThat(last.getPayloadType().getSimpleName()).isEqualTo("HeadcountReported");
        assertThat(last.getMetaData()).containsEntry("actor", fixture.operatorName);
        assertThat(recorded.get(0).getMetaData()).containsEntry("actor", "admin");
    }
}
