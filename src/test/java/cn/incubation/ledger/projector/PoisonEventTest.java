package cn.incubation.ledger.projector;

import cn.incubation.ledger.tenant.Round;
import cn.incubation.ledger.tenant.TenantEvent.HeadcountReported;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentReceived;
import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import cn.incubation.ledger.web.LedgerServerTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read side that survives any event. Events the ledger would refuse today, but that a store written before its
 * bounds may hold, are appended straight to the event store; a projection made for the test throws an
 * {@link Error} on one event. Each failure is parked with its place and cause, logged once, counted, shown in
 * {@code GET /api/projections}; later events of the same aggregate are parked behind it, every other event is
 * applied, and a rebuild meets the events again without ever stalling.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(PoisonEventTest.ProbeConfiguration.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonEventTest extends LedgerServerTest {

    /** A projection that counts the tenant events it applied, and dies of a stack overflow on a headcount of 13. */
    @ProcessingGroup(Probe.NAME)
    static final class Probe {
        static final String NAME = "probe";

        @EventHandler
        void on(HeadcountReported reported, ProjectionBatch batch) {
            if (reported.employees() == 13) {
                throw new StackOverflowError("simulated: the handler recursed without end");
            }
            batch.document(NAME, reported.tenantId()).inc("headcounts", 1);
        }
    }

    @TestConfiguration
    static class ProbeConfiguration {
        @Bean
        Projection probe() {
            return Projection.of(Probe.class, store -> new Probe(), Probe.NAME);
        }
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    MeterRegistry meters;

    private void append(String tenantId, Object payload) {
        long next = eventStore.lastSequenceNumberFor(tenantId).orElse(-1L) + 1;
        eventStore.publish(new GenericDomainEventMessage<>("Tenant", tenantId, next, payload,
                                                           Map.of("actor", "legacy-import")));
    }

    private JsonNode status(String projection) {
        for (JsonNode status : http.get("/api/projections").json()) {
            if (status.get("name").asText().equals(projection)) {
                return status;
            }
        }
        throw new AssertionError("no projection " + projection);
    }

    private Document probe(String tenantId) {
        return projections.collection(Probe.NAME, Probe.NAME).find(new Document("_id", tenantId)).first();
    }

    @Test
    @Order(1)
    void anEventNoHandlerCanApplyIsParkedAndEverythingElseIsApplied(CapturedOutput output) {
        String incubator = registerIncubator("510107");
        String poisoned = admitTenant(incubator);
        String healthy = admitTenant(incubator);
        awaitProjections();
        // An investment at a rate of 10^300 yuan per dollar: refused at the edge today, stored by an older release.
        append(poisoned, new InvestmentReceived(poisoned, incubator, "inv-legacy", Round.ANGEL, "旧系统导入",
                                                new BigDecimal("10"), "USD", new BigDecimal("1e300"),
                                                LocalDate.of(2020, 3, 15)));
        append(poisoned, new HeadcountReported(poisoned, incubator, 40, LocalDate.of(2020, 6, 30)));
        append(healthy, new HeadcountReported(healthy, incubator, 13, LocalDate.of(2020, 6, 30)));
        append(healthy, new HeadcountReported(healthy, incubator, 14, LocalDate.of(2020, 7, 31)));
        Answer later = http.post("/api/tenants/" + admitTenant(incubator) + "/headcount",
                                 "{\"employees\":7,\"reportedOn\":\"2020-12-31\"}");
        assertThat(later.status()).isEqualTo(200);
        awaitProjections();

        JsonNode totals = status("regional-totals");
        assertThat(totals.get("state").asText()).isEqualTo("DEGRADED");
        assertThat(totals.get("deadLetters").asInt()).isEqualTo(2);
        assertThat(totals.get("lag").asLong()).isZero();
        JsonNode letters = http.get("/api/projections/regional-totals/dead-letters").json();
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).get("type").asText()).isEqualTo("InvestmentReceived");
        assertThat(letters.get(0).get("aggregateId").asText()).isEqualTo(poisoned);
        assertThat(letters.get(0).get("cause").asText()).contains("IllegalArgumentException", "cnyRate = 1E+300");
        assertThat(letters.get(0).has("parkedBecauseOf")).isFalse();
        assertThat(letters.get(1).get("type").asText()).isEqualTo("HeadcountReported");
        assertThat(letters.get(1).get("parkedBecauseOf").asLong())
                .isEqualTo(letters.get(0).get("globalIndex").asLong());
        assertThat(status("investment-trail").get("deadLetters").asInt()).as("the investment and its successor")
                                                                     .isEqualTo(2);
        for (String unaffected : List.of("tenant-state", "incubator-state", "incubator-history")) {
            assertThat(status(unaffected).get("state").asText()).as(unaffected).isEqualTo("OK");
        }

        JsonNode probe = status(Probe.NAME);
        assertThat(probe.get("deadLetters").asInt()).as("the Error parked its event and its successor").isEqualTo(2);
        assertThat(http.get("/api/projections/probe/dead-letters").json().get(0).get("cause").asText())
                .contains("StackOverflowError");
        assertThat(probe(poisoned).get("headcounts", Number.class).longValue()).isEqualTo(1);
        assertThat(probe(healthy)).as("both of its headcounts are parked").isNull();

        JsonNode state = http.get("/api/tenants/" + poisoned + "?asOf=2020-12-31").json();
        assertThat(state.get("headcount").get("employees").asInt()).as("tenant state has no trouble with it")
                                                                  .isEqualTo(40);
        Answer history = http.get("/api/incubators/" + incubator + "/history");
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(http.get("/api/regions/510107/totals").status()).isEqualTo(200);

        String logged = "could not apply the event at global index " + letters.get(0).get("globalIndex").asLong();
        // Regional totals, investment trails and the directory each parked the investment (the probe another event).
        assertThat(output.getAll().split(logged, -1)).as("logged once per projection that failed").hasSize(4);
        assertThat(meters.get("ledger.projection.failures").tag("projection", "regional-totals").counter().count())
                .isEqualTo(1.0);
        assertThat(meters.get("ledger.projection.failures").tag("projection", Probe.NAME).counter().count())
                .isEqualTo(1.0);
        assertThat(meters.get("ledger.projection.dead.letters").tag("projection", "regional-totals").gauge().value())
                .isEqualTo(2.0);
    }

    @Test
    @Order(2)
    void retryingRebuildsAndParksWhatStillFailsWithoutStalling() {
        String incubator = registerIncubator("510104");
        String tenant = admitTenant(incubator);
        append(tenant, new InvestmentReceived(tenant, incubator, "inv-legacy-2", Round.SEED, "旧系统导入",
                                              new BigDecimal("1e-100"), "CNY", BigDecimal.ONE,
                                              LocalDate.of(2020, 3, 15)));
        awaitProjections();
        int generation = status("investment-trail").get("generation").asInt();
        long parked = status("investment-trail").get("deadLetters").asLong();
        assertThat(parked).isPositive();

        Answer retry = http.post("/api/projections/investment-trail/dead-letters/retry", "");
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        awaitProjections();

        JsonNode after = status("investment-trail");
        assertThat(after.get("generation").asInt()).isEqualTo(generation + 1);
        assertThat(after.get("replaying").asBoolean()).isFalse();
        assertThat(after.get("deadLetters").asLong()).as("the same events fail again, and only they").isEqualTo(parked);
        Answer trail = http.get("/api/incubators/" + incubator + "/investments");
        assertThat(trail.status()).isEqualTo(200);
        assertThat(trail.json().get("count").asInt()).isZero();

        Answer nothing = http.post("/api/projections/incubator-state/dead-letters/retry", "");
        assertThat(nothing.status()).isEqualTo(409);
        assertThat(StreamSupport.stream(http.get("/api/projections/incubator-state/dead-letters").json().spliterator(),
                                        false).count()).isZero();
        assertThat(new LedgerHttp(port).get("/api/projections/nope/dead-letters").status()).isEqualTo(404);
    }
}
